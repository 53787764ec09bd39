import type { RgbaPixels } from '../../domain/image';
import { wholeImageRead } from '../../domain/model-input';
import type { RasterSource } from '../../domain/raster-source';
import type { TrainingExample } from '../../domain/training/examples';
import type { Embedder } from './backbone';

/**
 * The example as the model sees it, the same in training and later runs: a box's crop (with its context) read at the
 * model's input size, or the whole image as a classifier run gets it (decoded, or a TIFF read shrunk).
 */
export function examplePixels(embedder: Pick<Embedder, 'manifest'>, opened: { source: RasterSource; pixels?: RgbaPixels }, example: Pick<TrainingExample, 'crop'>): Promise<RgbaPixels> {
  const { input, preprocessing } = embedder.manifest;
  if (example.crop) return opened.source.readWindow(example.crop, input.width, input.height);
  if (opened.pixels) return Promise.resolve(opened.pixels);
  const read = wholeImageRead(opened.source.width, opened.source.height, input, preprocessing.resize);
  return opened.source.readWindow(read.window, read.width, read.height);
}

/** Opens images one after another, keeping the last few open: examples come image by image. */
export function recentImages<T>(open: (sha256: string) => Promise<T | undefined>, keep = 2): (sha256: string) => Promise<T | undefined> {
  const opened = new Map<string, Promise<T | undefined>>();
  return (sha256) => {
    let found = opened.get(sha256);
    if (!found) {
      found = open(sha256);
      opened.set(sha256, found);
      if (opened.size > keep) opened.delete(opened.keys().next().value!);
    }
    return found;
  };
}
