// The gallery's evidence filters, applied after its annotation filters and sort: capture time, camera, GPS,
// hash-set matches and one image per near-duplicate group.
import type { ImageRecord } from '../image';
import type { HashMatch } from './hash-list';
import { cameraName, captureInstant } from './exif-facts';
import { DEFAULT_MAX_DISTANCE, nearDuplicateGroups } from './phash';

export interface EvidenceFilter {
  hasGps: boolean;
  /** A camera as cameraName() gives it; '' for any. */
  camera: string;
  /** Captured on or after this day / on or before this day (YYYY-MM-DD, in the time the photo states); '' for open. */
  capturedFrom: string;
  capturedTo: string;
  /** '' any image; '*' images in any hash list; else images in the list of this name. */
  hashList: string;
  /** Only the first image (in the shown order) of each near-duplicate group. */
  onePerGroup: boolean;
  /** Hamming distance up to which two perceptual hashes are near-duplicates. */
  maxDistance: number;
}

export const NO_EVIDENCE_FILTER: EvidenceFilter = { hasGps: false, camera: '', capturedFrom: '', capturedTo: '', hashList: '', onePerGroup: false, maxDistance: DEFAULT_MAX_DISTANCE };

export function isEvidenceFiltering(f: EvidenceFilter): boolean {
  return f.hasGps || f.camera !== '' || f.capturedFrom !== '' || f.capturedTo !== '' || f.hashList !== '' || f.onePerGroup;
}

/** The day of the capture time as the photo states it ("2024-03-05"), or null. */
const captureDay = (image: ImageRecord) => image.exif?.time?.slice(0, 10) ?? null;

export function matchesEvidence(image: ImageRecord, f: EvidenceFilter, matches: ReadonlyMap<string, readonly HashMatch[]>): boolean {
  if (f.hasGps && !image.exif?.gps) return false;
  if (f.camera && cameraName(image.exif) !== f.camera) return false;
  if (f.capturedFrom || f.capturedTo) {
    const day = captureDay(image);
    if (!day || (f.capturedFrom && day < f.capturedFrom) || (f.capturedTo && day > f.capturedTo)) return false;
  }
  if (f.hashList) {
    const found = matches.get(image.sha256) ?? [];
    if (f.hashList === '*' ? found.length === 0 : !found.some((m) => m.list === f.hashList)) return false;
  }
  return true;
}

/** The shown images (already filtered and sorted) narrowed by the evidence filter; groups are formed among them. */
export function applyEvidenceFilter(shown: readonly ImageRecord[], f: EvidenceFilter, matches: ReadonlyMap<string, readonly HashMatch[]>): ImageRecord[] {
  if (!isEvidenceFiltering(f)) return [...shown];
  const kept = shown.filter((i) => matchesEvidence(i, f, matches));
  if (!f.onePerGroup) return kept;
  const dropped = new Set(nearDuplicateGroups(kept, f.maxDistance).flatMap((group) => group.slice(1).map((i) => i.sha256)));
  return kept.filter((i) => !dropped.has(i.sha256));
}

/** Cameras among the images, for the filter's choices. */
export function camerasPresent(images: readonly ImageRecord[]): string[] {
  const names = new Set<string>();
  for (const image of images) {
    const name = cameraName(image.exif);
    if (name) names.add(name);
  }
  return [...names].sort();
}

/** Sort by capture instant; images without a capture time after those with one. */
export function compareCaptured(a: ImageRecord, b: ImageRecord): number {
  const [x, y] = [captureInstant(a.exif), captureInstant(b.exif)];
  if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
  return x - y;
}

/** Sort by camera name; images without a camera after those with one. */
export function compareCamera(a: ImageRecord, b: ImageRecord): number {
  const [x, y] = [cameraName(a.exif), cameraName(b.exif)];
  if (!x || !y) return x === y ? 0 : !x ? 1 : -1;
  return x.localeCompare(y);
}
