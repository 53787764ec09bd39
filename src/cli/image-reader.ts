// Input files are read on a thread of their own (image-reader-thread.ts): while the model runs on one file, the
// next is read, hashed and decoded, and an image the model sees whole arrives already at the model's input size.
import { fromFile } from 'geotiff';
import { Worker } from 'node:worker_threads';
import type { RgbaPixels } from '../domain/image';
import { type ImageHeader, ImageInputError } from '../domain/image-header';
import type { ModelInput, ResizeMode } from '../domain/model-manifest';
import { memoryRasterSource, type PixelWindow, type RasterSource } from '../domain/raster-source';
import type { StretchPercentiles } from '../domain/stretch';
import { TiffSource } from '../platform/tiff-source';

/** How the model will see the image: whole at its input size (read smaller here), or tiled. */
export interface ReadPlan {
  input: Pick<ModelInput, 'width' | 'height'>;
  resize: ResizeMode;
  tiling: 'auto' | 'tiled' | 'whole';
}

export interface ReaderRequest {
  id: number;
  path: string;
  plan?: ReadPlan;
}

export type ReaderImage =
  | { kind: 'tiff'; sha256: string }
  | {
      kind: 'decoded';
      sha256: string;
      header: ImageHeader;
      width: number;
      height: number;
      /** The part of the image `pixels` shows, at another size; absent: `pixels` is the whole image at full size. */
      window?: PixelWindow;
      pixels: RgbaPixels;
      stages: ReaderStages;
    };

/** Where the reader thread's time went on one file, in milliseconds (while the model ran on an earlier one). */
export interface ReaderStages {
  /** Read and hashed. */
  readMs: number;
  decodeMs: number;
  /** Brought to the model's input size (0 when the model sees it tiled, or it is that size already). */
  resizeMs: number;
}

export type ReaderReply = { id: number; image: ReaderImage; error?: undefined } | { id: number; error: { name: string; message: string }; image?: undefined };

export interface OpenedFile {
  sha256: string;
  source: RasterSource;
  /** The whole image decoded at full size (a PNG or JPEG that is tiled, or read without a plan). */
  pixels?: RgbaPixels;
  /** The reader thread's times (absent for a TIFF, whose windows are read later). */
  stages?: ReaderStages;
}

/** A source that holds one window, read ahead at the size the model takes it. */
function readAheadSource(width: number, height: number, window: PixelWindow, pixels: RgbaPixels): RasterSource {
  return {
    width,
    height,
    async readWindow(asked, outWidth = asked.w, outHeight = asked.h) {
      const same = asked.x === window.x && asked.y === window.y && asked.w === window.w && asked.h === window.h;
      if (!same || outWidth !== pixels.width || outHeight !== pixels.height) {
        throw new Error(`only the window read ahead (${window.w} × ${window.h} at ${pixels.width} × ${pixels.height}) is available`);
      }
      return pixels;
    },
  };
}

export interface ImageReader {
  /** Reads `path` on the reader thread; TIFFs are opened here by byte ranges. Errors name the reason, not the file. */
  open(path: string, plan?: ReadPlan, stretch?: StretchPercentiles): Promise<OpenedFile>;
  close(): Promise<void>;
}

export function startImageReader(): ImageReader {
  const thread = new Worker(new URL('./image-reader-boot.mjs', import.meta.url));
  thread.unref(); // an idle reader does not keep the command alive
  const waiting = new Map<number, { resolve: (image: ReaderImage) => void; reject: (error: Error) => void }>();
  let next = 0;
  thread.on('message', (reply: ReaderReply) => {
    const pending = waiting.get(reply.id);
    waiting.delete(reply.id);
    if (waiting.size === 0) thread.unref();
    if (!pending) return;
    if (reply.error) {
      const error = reply.error.name === 'ImageInputError' ? new ImageInputError(reply.error.message) : new Error(reply.error.message);
      pending.reject(error);
    } else pending.resolve(reply.image);
  });
  thread.on('error', (error) => {
    for (const pending of waiting.values()) pending.reject(new Error(`the image reader stopped: ${error.message}`));
    waiting.clear();
  });
  const request = (path: string, plan?: ReadPlan) =>
    new Promise<ReaderImage>((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve, reject });
      thread.ref();
      thread.postMessage({ id, path, ...(plan ? { plan } : {}) } satisfies ReaderRequest);
    });
  return {
    async open(path, plan, stretch) {
      const image = await request(path, plan);
      if (image.kind === 'tiff') return { sha256: image.sha256, source: await TiffSource.open(() => fromFile(path), { stretch }) };
      const { sha256, width, height, window, pixels, stages } = image;
      if (window) return { sha256, source: readAheadSource(width, height, window, pixels), stages };
      return { sha256, source: memoryRasterSource(pixels), pixels, stages };
    },
    close: () => thread.terminate().then(() => undefined),
  };
}
