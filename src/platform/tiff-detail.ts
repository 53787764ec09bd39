// Main-thread handle on the TIFF detail worker, started on first use.
import * as Comlink from 'comlink';
import type { PixelWindow } from '../domain/raster-source';
import type { StretchPercentiles } from '../domain/stretch';
import type { TiffDetailApi } from './tiff-detail-worker';

let api: Comlink.Remote<TiffDetailApi> | undefined;
let worker: Worker | undefined;

/** Ends the worker (the page is about to reload); the next render starts a new one. */
export function stopTiffDetailWorker(): void {
  worker?.terminate();
  worker = undefined;
  api = undefined;
}

export function renderTiffWindow(
  key: string,
  blob: Blob,
  window: PixelWindow,
  outWidth: number,
  outHeight: number,
  stretch?: StretchPercentiles,
): Promise<ImageBitmap> {
  if (!api) {
    worker = new Worker(new URL('./tiff-detail-worker.ts', import.meta.url), { type: 'module', name: 'tiff-detail' });
    api = Comlink.wrap<TiffDetailApi>(worker);
  }
  return api.render(key, blob, window, outWidth, outHeight, stretch);
}
