// What the gallery shows: filters and sort over images and their annotation summaries, pure so 10,000 images
// filter in a few milliseconds and the rules are tested without a browser.
import type { Annotation, ImageReviewStatus } from './annotation';
import { compareCamera, compareCaptured } from './evidence/evidence-filter';
import { dict, own } from './dict';
import type { ImageRecord } from './image';

/** The facts about one image's annotations the gallery filters on, kept beside them so no paint reads annotations. */
export interface ImageSummary {
  imageSha256: string;
  /** Annotations not rejected, by label (read with own(): a summary from storage has a prototype). */
  labels: Record<string, number>;
  /** Distinct sources of the annotations not rejected (`model:…`, `human:…`, `import:…`), sorted. */
  sources: string[];
  /** Highest score among annotations not rejected; null when none has a score. */
  maxScore: number | null;
  /** Suggestions still waiting for a decision. */
  pending: number;
  /** Annotations not rejected. */
  total: number;
}

export function summarize(imageSha256: string, annotations: readonly Annotation[]): ImageSummary {
  const labels = dict<number>();
  const sources = new Set<string>();
  let maxScore: number | null = null;
  let pending = 0;
  let total = 0;
  for (const a of annotations) {
    if (a.status === 'rejected') continue;
    total++;
    labels[a.label] = (own(labels, a.label) ?? 0) + 1;
    sources.add(a.source);
    if (a.status === 'suggested') pending++;
    if (a.score !== undefined && (maxScore === null || a.score > maxScore)) maxScore = a.score;
  }
  return { imageSha256, labels, sources: [...sources].sort(), maxScore, pending, total };
}

export const emptySummary = (imageSha256: string): ImageSummary => summarize(imageSha256, []);

export type ReviewFilter = ImageReviewStatus | 'any';
/** certainty: the selected model's margin between its two best classes, least certain first (see training/margin). */
export type SortKey = 'name' | 'date' | 'score' | 'captured' | 'camera' | 'certainty';

export interface GalleryFilter {
  /** Images with at least one of these labels; empty: any. */
  labels: string[];
  review: ReviewFilter;
  /** A whole source (`model:coco-centernet@1.0.0`, `human:ana`) or a kind ending in ':' (`model:`); '' for any. */
  source: string;
  /** Highest score within [min, max]; [0, 1] filters nothing. */
  scoreMin: number;
  scoreMax: number;
  noAnnotations: boolean;
  pendingOnly: boolean;
  /** Only these images, named for the person (an evaluation's "person → missed"); null: no such limit. */
  imageSet: { name: string; sha256s: ReadonlySet<string> } | null;
}

export interface GallerySort {
  key: SortKey;
  descending: boolean;
}

export const NO_FILTER: GalleryFilter = { labels: [], review: 'any', source: '', scoreMin: 0, scoreMax: 1, noAnnotations: false, pendingOnly: false, imageSet: null };
export const DEFAULT_SORT: GallerySort = { key: 'date', descending: false };

export function isFiltering(filter: GalleryFilter): boolean {
  return (
    filter.labels.length > 0 ||
    filter.review !== 'any' ||
    filter.source !== '' ||
    filter.scoreMin > 0 ||
    filter.scoreMax < 1 ||
    filter.noAnnotations ||
    filter.pendingOnly ||
    filter.imageSet !== null
  );
}

const matchesSource = (sources: readonly string[], wanted: string) =>
  sources.some((s) => s === wanted || (wanted.endsWith(':') && s.startsWith(wanted)));

export function matches(image: ImageRecord, summary: ImageSummary | undefined, filter: GalleryFilter): boolean {
  if (filter.imageSet && !filter.imageSet.sha256s.has(image.sha256)) return false;
  const s = summary ?? emptySummary(image.sha256);
  if (filter.review !== 'any' && (image.review ?? 'unreviewed') !== filter.review) return false;
  if (filter.noAnnotations && s.total > 0) return false;
  if (filter.pendingOnly && s.pending === 0) return false;
  if (filter.labels.length > 0 && !filter.labels.some((l) => (own(s.labels, l) ?? 0) > 0)) return false;
  if (filter.source && !matchesSource(s.sources, filter.source)) return false;
  if (filter.scoreMin > 0 || filter.scoreMax < 1) {
    if (s.maxScore === null || s.maxScore < filter.scoreMin || s.maxScore > filter.scoreMax) return false;
  }
  return true;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function compare(a: ImageRecord, b: ImageRecord, key: SortKey, summaries: ReadonlyMap<string, ImageSummary>, margins: ReadonlyMap<string, number>): number {
  if (key === 'name') return collator.compare(a.fileName, b.fileName);
  if (key === 'certainty') return (margins.get(a.sha256) ?? 0) - (margins.get(b.sha256) ?? 0);
  if (key === 'date') return a.importedAt.localeCompare(b.importedAt);
  if (key === 'captured') return compareCaptured(a, b);
  if (key === 'camera') return compareCamera(a, b);
  return (summaries.get(a.sha256)?.maxScore ?? -1) - (summaries.get(b.sha256)?.maxScore ?? -1);
}

/**
 * The images to show, in order. Ties keep import order, so the grid never shuffles between paints. Sorted by
 * certainty, images the model has no margin for come last either way.
 */
export function filterAndSort(
  images: readonly ImageRecord[],
  summaries: ReadonlyMap<string, ImageSummary>,
  filter: GalleryFilter,
  sort: GallerySort,
  margins: ReadonlyMap<string, number> = new Map(),
): ImageRecord[] {
  const shown = isFiltering(filter) ? images.filter((i) => matches(i, summaries.get(i.sha256), filter)) : [...images];
  const position = new Map(images.map((image, index) => [image.sha256, index]));
  const sign = sort.descending ? -1 : 1;
  const unranked = (i: ImageRecord) => (sort.key === 'certainty' && !margins.has(i.sha256) ? 1 : 0);
  return shown.sort((a, b) => unranked(a) - unranked(b) || sign * compare(a, b, sort.key, summaries, margins) || position.get(a.sha256)! - position.get(b.sha256)!);
}

export interface LabelCount {
  label: string;
  /** Images with at least one annotation of this label (not rejected). */
  images: number;
  annotations: number;
}

/** Per label over the given images, most frequent first. */
export function labelCounts(images: readonly ImageRecord[], summaries: ReadonlyMap<string, ImageSummary>): LabelCount[] {
  const counts = new Map<string, LabelCount>();
  for (const image of images) {
    const s = summaries.get(image.sha256);
    if (!s) continue;
    for (const [label, n] of Object.entries(s.labels)) {
      const c = counts.get(label) ?? { label, images: 0, annotations: 0 };
      c.images++;
      c.annotations += n;
      counts.set(label, c);
    }
  }
  return [...counts.values()].sort((a, b) => b.images - a.images || collator.compare(a.label, b.label));
}

/** Sources present among the images, for the source filter's choices. */
export function sourcesPresent(summaries: Iterable<ImageSummary>): string[] {
  const all = new Set<string>();
  for (const s of summaries) for (const source of s.sources) all.add(source);
  return [...all].sort();
}

/** The images from anchor to target inclusive, in shown order (a shift-click); just the target without an anchor shown. */
export function rangeBetween(ordered: readonly string[], anchor: string | null, target: string): string[] {
  const to = ordered.indexOf(target);
  const from = anchor === null ? -1 : ordered.indexOf(anchor);
  if (to === -1) return [];
  if (from === -1) return [target];
  return ordered.slice(Math.min(from, to), Math.max(from, to) + 1);
}
