import { viewOrder } from '../../state/gallery';
import { cycleWraps } from '../../state/review';
import type { Action } from './action';

/** Deciding on the model's boxes. */
export const REVIEW: readonly Action[] = [
  {
    id: 'suggest',
    label: "turn the model's detections into suggestions",
    group: 'Review',
    context: 'result-waiting',
    keys: ['Enter'],
    perform: (s) => void (s.current && s.result && s.review.suggest(s.current.sha256, s.result, s.detection.scoreThreshold)),
  },
  // With no box selected, accepting selects the next one.
  { id: 'accept', label: 'accept the selected box', group: 'Review', context: 'reviewing', keys: ['Enter'], perform: (s) => void s.review.acceptSelected() },
  {
    id: 'next-box',
    label: 'next box (on the canvas; past the last box the focus moves on)',
    group: 'Review',
    context: 'reviewing',
    keys: ['Tab'],
    enabled: (s) => s.focusOnCanvas && !cycleWraps(1),
    perform: (s) => s.review.cycle(1),
  },
  { id: 'previous-box', label: 'previous box', group: 'Review', context: 'reviewing', keys: ['Shift+Tab'], enabled: (s) => s.focusOnCanvas && !cycleWraps(-1), perform: (s) => s.review.cycle(-1) },
  { id: 'reviewed-next', label: 'mark the image reviewed and go to the next unreviewed one', group: 'Review', context: 'app', keys: ['Shift+Enter'], perform: (s) => void s.library.reviewedAndNext(viewOrder()) },
];
