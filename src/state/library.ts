import { create } from 'zustand';
import type { Crs } from '../domain/geo/georeference';
import type { ImageReviewStatus } from '../domain/annotation';
import type { FileHashes } from '../domain/evidence/hash-list';
import type { ImageRecord } from '../domain/image';
import { DEFAULT_STRETCH } from '../domain/stretch';
import { WHOLE_FILE_HASH_LIMIT } from '../platform/hash-limits';
import { importWorker, progressCallback, stopImportWorker } from '../platform/import-worker-client';
import { formatBytes, storageEstimate } from '../pwa/storage';
import { listImages, onConnectionClosed, readSetting, type StoredImage, updateImage } from '../storage';
import { importImages, type ImportProblem, type ImportSummary } from './commands/import-images';
import { setReviewStatus } from './commands/set-review-status';
import { STRETCH_SETTING } from './raster-setting';
import { resolveWithSidecars, splitSidecars } from '../platform/sidecars';
import { database, errorMessage, on, publish } from './project-context';

export type { ImportProblem, ImportSummary } from './commands/import-images';

export interface ImportProgress {
  done: number;
  total: number;
  /** How far hashing a large file got ("ortho.tif: 40 %"). */
  detail?: string;
}

interface LibraryState {
  images: ImageRecord[];
  selected: string | null;
  loaded: boolean;
  importing: ImportProgress | null;
  lastImport: ImportSummary | null;
  problems: ImportProblem[];
  fatal: string | null;
  load(): Promise<void>;
  importFiles(files: File[]): Promise<ImportSummary>;
  /** Names the CRS of an image whose georeference had none (a world file without .prj). */
  setCrs(sha256: string, crs: Crs): Promise<void>;
  cancelImport(): void;
  /** Stops the file being imported now, wherever it is, and goes on with the next. */
  skipImportFile(): void;
  select(sha256: string): void;
  /** Moves through `order` (the gallery's filtered, sorted view; by default every image as imported). */
  step(delta: number, order?: readonly ImageRecord[]): void;
  setReview(sha256: string, review: ImageReviewStatus): Promise<void>;
  /** One status for many images, written in one transaction (a bulk action of the gallery). */
  setReviewMany(sha256s: Iterable<string>, review: ImageReviewStatus): Promise<void>;
  /** Selects the next image in `order` after the current one (wrapping) that is not reviewed; false when all are. */
  nextUnreviewed(order?: readonly ImageRecord[]): boolean;
  /** Marks the current image reviewed and moves to the next unreviewed one in `order`. */
  reviewedAndNext(order?: readonly ImageRecord[]): Promise<void>;
  dismissProblems(): void;
  dismissSummary(): void;
}

let cancelRequested = false;

/** A file's import stopped by a person (skip or cancel) while the worker was still on it. */
class ImportStopped extends Error {
  override name = 'ImportStopped';
}
let stopCurrent: (() => void) | null = null;

/** Waits for work on the current file, or until a person stops that file (the worker is then ended). */
function stoppable<T>(work: Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    stopCurrent = () => {
      stopImportWorker();
      reject(new ImportStopped('stopped'));
    };
    work.then(resolve, reject);
  }).finally(() => {
    stopCurrent = null;
  });
}
/** Bumped by every load (a project switch): an import still finishing for the previous project shows nothing here. */
let generation = 0;

/** Refuses a file the browser's storage cannot hold, before anything of it is written (the rest of the import goes on). */
async function checkRoomFor(bytes: number): Promise<void> {
  const estimate = await storageEstimate();
  if (!estimate) return;
  const free = estimate.quota - estimate.usage;
  const needed = bytes * 1.05 + 1_000_000; // original, thumbnail and preview
  if (needed > free) {
    throw new Error(`too large for this browser's storage: needs about ${formatBytes(needed)}, ${formatBytes(free)} free`);
  }
}

/**
 * Checks one file and makes what storage keeps, in the import worker. The stored bytes are the File itself
 * (retyped from its bytes), never a copy in memory. A georeference that cannot be read (bad world file or
 * GeoTIFF tags) comes back as a warning: the image imports without it and works in pixels.
 */
async function prepareImage(file: File, hashes: Required<FileHashes>, sidecars: File[]): Promise<{ stored: StoredImage; warning?: string }> {
  const stretch = await readSetting(await database(), STRETCH_SETTING, DEFAULT_STRETCH);
  const inspected = await stoppable(importWorker().inspect(file, stretch));
  let warning = inspected.georeferenceProblem && `imported without georeference: ${inspected.georeferenceProblem}`;
  const metadataWarning = inspected.exif.problem && `imported; its metadata is incomplete: ${inspected.exif.problem}`;
  const resolved = warning ? undefined : await resolveWithSidecars(file, sidecars, inspected.georeference ?? null, inspected).catch((e: Error) => e);
  let georeference: ImageRecord['georeference'] | Error | undefined = resolved instanceof Error ? resolved : (resolved?.georeference ?? undefined);
  const geoNotes = resolved instanceof Error ? '' : (resolved?.notes.join('; ') ?? '');
  if (georeference instanceof Error) {
    warning = `imported without georeference: ${georeference.message}`;
    georeference = undefined;
  }
  const record: ImageRecord = {
    sha256: hashes.sha256,
    md5: hashes.md5,
    sha1: hashes.sha1,
    fileName: file.name,
    type: inspected.type,
    width: inspected.width,
    height: inspected.height,
    bytes: file.size,
    importedAt: new Date().toISOString(),
    ...(georeference ? { georeference } : {}),
    exif: inspected.exif,
    ...(inspected.phash ? { phash: inspected.phash } : {}),
    ...(inspected.previewNote ? { previewNote: inspected.previewNote } : {}),
    ...(inspected.bitsPerSample ? { bitsPerSample: inspected.bitsPerSample } : {}),
  };
  const blob = file.slice(0, file.size, inspected.type);
  const warnings = [warning, geoNotes && `imported; ${geoNotes}`, metadataWarning].filter(Boolean).join('; ');
  return { stored: { record, blob, thumbnail: inspected.thumbnail, ...(inspected.preview ? { preview: inspected.preview } : {}) }, ...(warnings ? { warning: warnings } : {}) };
}

/** New images reach the gallery in groups, so a large import does not re-filter the gallery after every file. */
const SHOW_EVERY = 25;

export const useLibrary = create<LibraryState>((set, get) => ({
  images: [],
  selected: null,
  loaded: false,
  importing: null,
  lastImport: null,
  problems: [],
  fatal: null,

  async load() {
    generation++;
    try {
      const images = await listImages(await database());
      set({ images, loaded: true, selected: get().selected ?? images[0]?.sha256 ?? null });
    } catch (error) {
      set({ loaded: true, fatal: `Could not open the local database: ${errorMessage(error)}` });
    }
  },

  async importFiles(chosen) {
    const db = await database();
    cancelRequested = false;
    const { images: files, sidecars } = splitSidecars(chosen);
    let unshown: ImageRecord[] = [];
    const started = generation;
    const show = () => {
      const records = unshown;
      unshown = [];
      if (records.length > 0 && generation === started) set((s) => ({ images: [...s.images, ...records], selected: s.selected ?? records[0]!.sha256 }));
    };
    set({ importing: { done: 0, total: files.length }, lastImport: null });
    const { summary, added, problems } = await importImages({
      db,
      files,
      known: new Set(get().images.map((i) => i.sha256)),
      hash(file, index) {
        const onHashed = (done: number, size: number) => {
          if (done < size) set({ importing: { done: index, total: files.length, detail: `hashing ${file.name}: ${Math.floor((100 * done) / size)} %` } });
        };
        set({ importing: { done: index, total: files.length, detail: `reading ${file.name}` } });
        // Only large files are hashed in chunks and report progress; small ones need no channel to the worker.
        return stoppable(importWorker().hash(file, file.size > WHOLE_FILE_HASH_LIMIT ? progressCallback(onHashed) : undefined));
      },
      prepare: (file, hashes) => prepareImage(file, hashes, sidecars),
      checkRoom: checkRoomFor,
      cancelled: () => cancelRequested,
      stoppedByPerson: (error) => error instanceof ImportStopped,
      onAdded(record, isNew) {
        if (isNew) unshown.push(record);
      },
      onFileDone(index) {
        if (unshown.length >= SHOW_EVERY) show();
        set({ importing: { done: index + 1, total: files.length } });
      },
    });
    show();
    set((s) => ({ importing: null, lastImport: summary, problems: [...s.problems, ...problems] }));
    // Hash lists record their matches, other tabs show the new images.
    if (added.length > 0 && generation === started) await publish({ type: 'images-added', images: added, origin: 'this-tab' });
    return summary;
  },

  async setCrs(sha256, crs) {
    const image = get().images.find((i) => i.sha256 === sha256);
    if (!image?.georeference) return;
    const record = { ...image, georeference: { ...image.georeference, crs } };
    await updateImage(await database(), record);
    await publish({ type: 'images-updated', images: [record], origin: 'this-tab' });
  },

  cancelImport() {
    cancelRequested = true;
    stopCurrent?.();
  },

  skipImportFile() {
    stopCurrent?.();
  },

  select(sha256) {
    set({ selected: sha256 });
  },

  step(delta, order) {
    const { selected } = get();
    const images = order ?? get().images;
    if (images.length === 0) return;
    const index = images.findIndex((i) => i.sha256 === selected);
    const next = Math.min(images.length - 1, Math.max(0, (index === -1 ? 0 : index) + delta));
    set({ selected: images[next]!.sha256 });
  },

  async setReview(sha256, review) {
    await get().setReviewMany([sha256], review);
  },

  async setReviewMany(sha256s, review) {
    const wanted = new Set(sha256s);
    const changed = await setReviewStatus({ db: await database(), images: get().images.filter((i) => wanted.has(i.sha256)), review });
    if (changed.length > 0) await publish({ type: 'images-updated', images: changed, origin: 'this-tab' });
  },

  nextUnreviewed(order) {
    const { selected } = get();
    const images = order ?? get().images;
    const start = images.findIndex((i) => i.sha256 === selected);
    for (let k = 1; k <= images.length; k++) {
      const candidate = images[(start + k) % images.length]!;
      if (candidate.review !== 'reviewed') {
        set({ selected: candidate.sha256 });
        return true;
      }
    }
    return false;
  },

  async reviewedAndNext(order) {
    const { selected } = get();
    if (!selected) return;
    await get().setReview(selected, 'reviewed');
    // The order as it was: marking this image reviewed may take it out of a "not reviewed" view.
    get().nextUnreviewed(order);
  },

  dismissProblems() {
    set({ problems: [] });
  },

  dismissSummary() {
    set({ lastImport: null });
  },
}));

/** Records rewritten in storage replace the ones shown. */
function showUpdated(records: readonly ImageRecord[]): void {
  const bySha = new Map(records.map((r) => [r.sha256, r]));
  useLibrary.setState((s) => ({ images: s.images.map((i) => bySha.get(i.sha256) ?? i) }));
}

on('project-closing', () => useLibrary.getState().cancelImport());
on('project-opened', () => {
  useLibrary.setState({ images: [], selected: null, loaded: false, lastImport: null, problems: [], fatal: null });
  return useLibrary.getState().load();
});
// This tab shows its own imports as they land; another tab's arrive here once its import finished.
on('images-added', ({ images }) => {
  const known = new Set(useLibrary.getState().images.map((i) => i.sha256));
  const unseen = images.filter((i) => !known.has(i.sha256));
  if (unseen.length > 0) useLibrary.setState((s) => ({ images: [...s.images, ...unseen], selected: s.selected ?? unseen[0]!.sha256 }));
});
on('images-updated', ({ images }) => showUpdated(images));
// An annotation change that moved an image's review status wrote its record in the same transaction (here or in another tab).
on('change-committed', ({ written: { image } }) => image && showUpdated([image]));
on('images-deleted', ({ sha256s }) => {
  const gone = new Set(sha256s);
  useLibrary.setState((s) => {
    const images = s.images.filter((i) => !gone.has(i.sha256));
    const selected = s.selected && gone.has(s.selected) ? (images[0]?.sha256 ?? null) : s.selected;
    return { images, selected };
  });
});

// Another tab upgraded (or deleted) the open project's database: this tab let go of it and says so.
onConnectionClosed((_name, reason) => useLibrary.setState({ fatal: reason }));
