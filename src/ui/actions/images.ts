import { viewOrder } from '../../state/gallery';
import type { Action } from './action';

/** Going from image to image. */
export const IMAGES: readonly Action[] = [
  { id: 'next-unreviewed', label: 'next unreviewed image', group: 'Images', context: 'app', keys: ['U'], perform: (s) => void s.library.nextUnreviewed(viewOrder()) },
  { id: 'next-image', label: 'next image (→ moves the box while one is selected)', group: 'Images', context: 'app', keys: ['F', 'ArrowRight'], shownKeys: 'F / →', perform: (s) => s.library.step(1, viewOrder()) },
  { id: 'previous-image', label: 'previous image', group: 'Images', context: 'app', keys: ['D', 'ArrowLeft'], shownKeys: 'D / ←', perform: (s) => s.library.step(-1, viewOrder()) },
];
