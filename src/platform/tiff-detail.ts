// Main-thread handle on the TIFF detail worker, started on first use.
import * as Comlink from 'comlink';
import type { PixelWindow } from '../domain/raster-source';
import type { StretchPercentiles } from '../domain/stretch';
import type { TiffDetailApi } from './tiff-detail-worker';

let api: Comlink.Remote<TiffDetailApi> | undefined;

export function renderTiffWindow(
  key: string,
  blob: Blob,
  window: PixelWindow,
  outWidth: number,
  outHeight: number,
  stretch?: StretchPercentiles,
): Promise<ImageBitmap> {
  api ??= Comlink.wrap<TiffDetailApi>(new Worker(new URL('./tiff-detail-worker.ts', import.meta.url), { type: 'module', name: 'tiff-detail' }));
  return api.render(key, blob, window, outWidth, outHeight, stretch);
}
