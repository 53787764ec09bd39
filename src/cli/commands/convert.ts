import { exportDataset, importDataset } from '../../domain/dataset/codec';
import { bundledImageSizes } from '../../domain/dataset/match';
import { baseName, type DatasetFormat } from '../../domain/dataset/model';
import { assignSplits, type SplitRatios } from '../../domain/dataset/split';
import type { ZipLimits } from '../../domain/dataset/safe-zip';
import { splitSetFiles } from '../../domain/dataset/zip';
import { readSetInput, writeSetOutput } from '../dataset-io';
import type { Output } from './detect';

export interface ConvertOptions {
  from: DatasetFormat;
  to: DatasetFormat;
  input: string;
  output: string;
  split?: SplitRatios;
  verbose: boolean;
  /** --zip-limits: what a zip input may inflate to. */
  zipLimits?: ZipLimits;
}

/**
 * Reads a dataset in one format and writes it in another, with the app's own readers and writers: a set
 * with any problem is refused whole (the message lists each file and line) and nothing is written. Images
 * in the input (beside the annotations, or in the zip) are carried over and give YOLO and CSV their sizes.
 */
export async function runConvert(options: ConvertOptions, io: Output): Promise<number> {
  const { text, images } = splitSetFiles(await readSetInput(options.input, options.zipLimits));
  const bundled = bundledImageSizes(images);
  const dataset = importDataset(options.from, text, bundled);
  const bytes = new Map<string, Uint8Array>();
  for (const image of dataset.images) {
    const found = bundled.get(baseName(image.fileName));
    if (found) bytes.set(image.fileName, images[found.path]!);
  }
  const splitOf = options.split ? await assignSplits(dataset.images, options.split) : undefined;
  const written = await writeSetOutput(exportDataset(options.to, dataset, splitOf), bytes, options.output);
  if (options.verbose) {
    io.stderr(`workbench: read ${dataset.images.length} images, ${dataset.annotations.length} annotations, ${dataset.labels.length} labels (${options.from})`);
    for (const path of written) io.stderr(`workbench: wrote ${path}`);
  }
  return 0;
}
