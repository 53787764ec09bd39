import { appendFile, readFile, rm, writeFile } from 'node:fs/promises';
import type { Detection } from '../../domain/detection';
import type { CocoImage } from '../../domain/formats/coco/types';
import type { Georeference } from '../../domain/geo/georeference';
import { sha256Hex, stableStringify } from '../../domain/hash';
import { readInputFile } from '../read-file';

/** One finished image, as a line of the sidecar. */
export interface FinishedImage {
  file: string;
  image: CocoImage & { sha256: string; tiles?: number };
  detections: Detection[];
  georeference?: Georeference;
}

const KIND = 'workbench detect progress';

/** Where a run with --out keeps its finished images: beside it. */
export const sidecarPath = (out: string) => `${out}.progress.jsonl`;

/**
 * The JSON-lines file a detect run appends each finished image to as it finishes, so a run killed after hours
 * keeps its work: --resume reads it and runs only the images it lacks (the same file, by SHA-256, under the same
 * model and options). Removed once the run has written its output.
 */
export class ProgressSidecar {
  private constructor(
    readonly path: string,
    private readonly earlierRun: Map<string, FinishedImage>,
  ) {}

  /**
   * Starts the sidecar for a run with these options (model, parameters, tiling, format). With `resume`, a sidecar
   * of the same options is read first; one of other options is refused. Says on `note` what it found.
   */
  static async open(path: string, options: unknown, resume: boolean, note: (line: string) => void): Promise<ProgressSidecar> {
    const header = JSON.stringify({ kind: KIND, options: stableStringify(options) });
    const earlier = new Map<string, FinishedImage>();
    const text = await readFile(path, 'utf8').catch(() => null);
    if (resume && text !== null) {
      const [first, ...lines] = text.split('\n');
      if (first !== header) throw new Error(`${path} was written by a run with other options (model, parameters, tiling or format): run it with those, or without --resume`);
      for (const line of lines) {
        try {
          const finished = JSON.parse(line) as FinishedImage;
          earlier.set(finished.file, finished);
        } catch {
          // the line the killed run was writing
        }
      }
      note(`resuming from ${path}: ${earlier.size} image${earlier.size === 1 ? '' : 's'} already done`);
      await writeFile(path, [header, ...[...earlier.values()].map((f) => JSON.stringify(f))].join('\n') + '\n');
    } else {
      if (resume) note(`no earlier run to resume (${path} not found): starting from the first image`);
      else if (text !== null) note(`an earlier run's progress in ${path} is replaced (--resume continues it instead)`);
      await writeFile(path, `${header}\n`);
    }
    return new ProgressSidecar(path, earlier);
  }

  /** What the earlier run found for this file, if the file is still the same (its SHA-256). */
  async earlier(file: string): Promise<FinishedImage | null> {
    const finished = this.earlierRun.get(file);
    if (!finished) return null;
    return (await sha256Hex(await readInputFile(file))) === finished.image.sha256 ? finished : null;
  }

  async add(finished: FinishedImage): Promise<void> {
    if (this.earlierRun.has(finished.file)) return;
    await appendFile(this.path, `${JSON.stringify(finished)}\n`);
  }

  /** The run wrote its output: its progress is no longer needed. */
  finish(): Promise<void> {
    return rm(this.path, { force: true });
  }
}
