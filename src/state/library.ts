import { create } from 'zustand';
import { sha256Hex } from '../domain/hash';
import type { ImageRecord } from '../domain/image';
import { isTiff, readImageHeader } from '../domain/image-header';
import { inspectImage } from '../platform/image-decode';
import { inspectTiff } from '../platform/tiff-inspect';
import { addImage, listImages, StorageFullError } from '../storage';
import { database, errorMessage } from './services';

export interface ImportProblem {
  file: string;
  reason: string;
}

export interface ImportProgress {
  done: number;
  total: number;
}

export interface ImportSummary {
  added: number;
  duplicates: number;
  failed: number;
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
  cancelImport(): void;
  select(sha256: string): void;
  step(delta: number): void;
  dismissProblems(): void;
}

let cancelRequested = false;

const displayName = (file: File) => file.webkitRelativePath || file.name;

export const useLibrary = create<LibraryState>((set, get) => ({
  images: [],
  selected: null,
  loaded: false,
  importing: null,
  lastImport: null,
  problems: [],
  fatal: null,

  async load() {
    try {
      const images = await listImages(await database());
      set({ images, loaded: true, selected: get().selected ?? images[0]?.sha256 ?? null });
    } catch (error) {
      set({ loaded: true, fatal: `Could not open the local database: ${errorMessage(error)}` });
    }
  },

  async importFiles(files) {
    const db = await database();
    cancelRequested = false;
    const summary: ImportSummary = { added: 0, duplicates: 0, failed: 0 };
    const problems: ImportProblem[] = [];
    const known = new Set(get().images.map((i) => i.sha256));
    set({ importing: { done: 0, total: files.length }, lastImport: null });
    for (const [index, file] of files.entries()) {
      if (cancelRequested) break;
      try {
        const bytes = new Uint8Array(await file.arrayBuffer());
        const tiff = isTiff(bytes);
        const type = tiff ? 'image/tiff' : readImageHeader(bytes).mime;
        const sha256 = await sha256Hex(bytes);
        if (known.has(sha256)) {
          summary.duplicates++;
        } else {
          const blob = new Blob([bytes], { type });
          const { width, height, thumbnail, preview } = tiff ? await inspectTiff(bytes) : await inspectImage(blob);
          const record: ImageRecord = {
            sha256,
            fileName: file.name,
            type,
            width,
            height,
            bytes: bytes.length,
            importedAt: new Date().toISOString(),
          };
          if (await addImage(db, { record, blob, thumbnail, preview })) {
            known.add(sha256);
            summary.added++;
            set((s) => ({ images: [...s.images, record], selected: s.selected ?? sha256 }));
          } else {
            summary.duplicates++;
          }
        }
      } catch (error) {
        summary.failed++;
        problems.push({ file: displayName(file), reason: errorMessage(error) });
        if (error instanceof StorageFullError) {
          problems.push({ file: '(import stopped)', reason: `${files.length - index - 1} files were not imported` });
          break;
        }
      }
      set({ importing: { done: index + 1, total: files.length } });
    }
    set((s) => ({ importing: null, lastImport: summary, problems: [...s.problems, ...problems] }));
    return summary;
  },

  cancelImport() {
    cancelRequested = true;
  },

  select(sha256) {
    set({ selected: sha256 });
  },

  step(delta) {
    const { images, selected } = get();
    if (images.length === 0) return;
    const index = images.findIndex((i) => i.sha256 === selected);
    const next = Math.min(images.length - 1, Math.max(0, (index === -1 ? 0 : index) + delta));
    set({ selected: images[next]!.sha256 });
  },

  dismissProblems() {
    set({ problems: [] });
  },
}));
