// Renders windows of a large TIFF at screen resolution off the main thread, so zooming into a 20,000² orthophoto
// shows its real pixels (from the overview level that matches the zoom) without freezing the page.
import * as Comlink from 'comlink';
import type { PixelWindow } from '../domain/raster-source';
import type { StretchPercentiles } from '../domain/stretch';
import { TiffSource } from './tiff-source';

/** Open rasters kept between requests: panning reads the same file again and again. */
const OPEN_LIMIT = 2;
const open = new Map<string, Promise<TiffSource>>();

function sourceFor(key: string, blob: Blob, stretch: StretchPercentiles | undefined): Promise<TiffSource> {
  let source = open.get(key);
  if (!source) {
    source = TiffSource.fromBlob(blob, { stretch });
    source.catch(() => open.delete(key));
    open.set(key, source);
    if (open.size > OPEN_LIMIT) open.delete(open.keys().next().value!);
  }
  return source;
}

const api = {
  /** `key` names the file and stretch together (a new stretch means a new reader). */
  async render(key: string, blob: Blob, window: PixelWindow, outWidth: number, outHeight: number, stretch?: StretchPercentiles): Promise<ImageBitmap> {
    const source = await sourceFor(key, blob, stretch);
    const pixels = await source.readWindow(window, outWidth, outHeight);
    const bitmap = await createImageBitmap(new ImageData(new Uint8ClampedArray(pixels.data), pixels.width, pixels.height));
    return Comlink.transfer(bitmap, [bitmap]);
  },
};

export type TiffDetailApi = typeof api;
Comlink.expose(api);
