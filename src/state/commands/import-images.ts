// Importing image files into the project, as a plain function of its inputs: the import worker's hashing and
// inspection, the storage check and the progress reports come in as functions, so the decisions (duplicate, added,
// failed, skipped, cancelled, storage full) are tested without a browser.
import { describeError } from '../../domain/error-text';
import type { FileHashes } from '../../domain/evidence/hash-list';
import type { ImageRecord } from '../../domain/image';
import { addImage, hasImageBytes, StorageFullError, type StoredImage, type WorkbenchDb } from '../../storage';

export interface ImportProblem {
  file: string;
  reason: string;
  /** The file was imported; this is a note on it (no georeference, incomplete metadata). */
  imported?: true;
}

export interface ImportSummary {
  added: number;
  duplicates: number;
  failed: number;
  /** Files a person skipped while they were being read. */
  skipped?: number;
  /** Files left when the import was cancelled. */
  cancelled?: number;
}

export interface ImportImagesInput {
  db: WorkbenchDb;
  files: readonly File[];
  /** Images the project already shows: one of them whose bytes are stored is a duplicate without reading more. */
  known: ReadonlySet<string>;
  hash(file: File, index: number): Promise<Required<FileHashes>>;
  /** What storage keeps of a file (record, bytes, thumbnail, preview), and a note on it if any. */
  prepare(file: File, hashes: Required<FileHashes>): Promise<{ stored: StoredImage; warning?: string }>;
  /** Throws, saying why, when the browser's storage cannot hold a file of this size. */
  checkRoom(bytes: number): Promise<void>;
  /** Whether a person cancelled the import (checked before each file, and when a file was stopped). */
  cancelled(): boolean;
  /** Whether an error is a person stopping the file being read (skip or cancel), not a problem with the file. */
  stoppedByPerson(error: unknown): boolean;
  /** A file is done (whatever became of it). */
  onFileDone?(index: number): void;
  /** A new image was stored (`shown`: the project did not list it before). */
  onAdded?(record: ImageRecord, shown: boolean): void;
}

export interface ImportOutcome {
  summary: ImportSummary;
  added: ImageRecord[];
  problems: ImportProblem[];
}

const displayName = (file: File) => file.webkitRelativePath || file.name;

/**
 * Imports the files one after another. A file that fails is reported by name and the others go on; a full storage
 * stops the import (and says how many files were left); what was stored before stays.
 */
export async function importImages(input: ImportImagesInput): Promise<ImportOutcome> {
  const { db, files } = input;
  const known = new Set(input.known);
  const summary: ImportSummary = { added: 0, duplicates: 0, failed: 0 };
  const added: ImageRecord[] = [];
  const problems: ImportProblem[] = [];
  for (const [index, file] of files.entries()) {
    if (input.cancelled()) {
      summary.cancelled = files.length - index;
      break;
    }
    try {
      const hashes = await input.hash(file, index);
      if (known.has(hashes.sha256) && (await hasImageBytes(db, hashes.sha256))) {
        summary.duplicates++;
      } else {
        await input.checkRoom(file.size);
        const { stored, warning } = await input.prepare(file, hashes);
        if (warning) problems.push({ file: displayName(file), reason: warning, imported: true });
        if (await addImage(db, stored)) {
          summary.added++;
          input.onAdded?.(stored.record, !known.has(hashes.sha256));
          added.push(stored.record);
          known.add(hashes.sha256);
        } else {
          summary.duplicates++;
        }
      }
    } catch (error) {
      if (input.stoppedByPerson(error)) {
        if (input.cancelled()) {
          summary.cancelled = files.length - index;
          break;
        }
        summary.skipped = (summary.skipped ?? 0) + 1;
        input.onFileDone?.(index);
        continue;
      }
      summary.failed++;
      problems.push({ file: displayName(file), reason: describeError(error) });
      if (error instanceof StorageFullError) {
        problems.push({ file: '(import stopped)', reason: `${files.length - index - 1} files were not imported` });
        break;
      }
    }
    input.onFileDone?.(index);
  }
  return { summary, added, problems };
}
