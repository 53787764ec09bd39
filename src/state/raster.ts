import { create } from 'zustand';
import { checkStretch, DEFAULT_STRETCH, type StretchPercentiles } from '../domain/stretch';
import type { DetailRequest } from '../domain/detail-window';
import { renderTiffWindow } from '../platform/tiff-detail';
import { inspectTiff } from '../platform/tiff-inspect';
import { getImageBlob, readSetting, writeSetting } from '../storage';
import { replaceRenderings } from '../storage/renderings';
import { useLibrary } from './library';
import { STRETCH_SETTING } from './raster-setting';
import { database, errorMessage, on } from './project-context';
import { useDetection } from './detection';


interface RasterState {
  /** Percentiles mapped to black and white for rasters deeper than 8 bits: display and model input alike. */
  stretch: StretchPercentiles;
  /** Previews being rendered again after a change of stretch. */
  rerendering: { done: number; total: number } | null;
  /** Per image, bumped when its stored preview and thumbnail change, so the viewer and gallery read them again. */
  renderVersions: Readonly<Record<string, number>>;
  error: string | null;
  load(): Promise<void>;
  setStretch(stretch: StretchPercentiles): Promise<void>;
}

export const useRaster = create<RasterState>((set, get) => ({
  stretch: DEFAULT_STRETCH,
  rerendering: null,
  renderVersions: {},
  error: null,

  async load() {
    set({ stretch: await readSetting(await database(), STRETCH_SETTING, DEFAULT_STRETCH) });
  },

  async setStretch(stretch) {
    try {
      checkStretch(stretch);
    } catch (error) {
      set({ error: errorMessage(error) });
      return;
    }
    const db = await database();
    await writeSetting(db, STRETCH_SETTING, stretch);
    set({ stretch, error: null });
    void useDetection.getState().stretchChanged();
    // 8-bit TIFFs look the same under any stretch, but which ones are deeper is only known once opened: render all.
    const tiffs = useLibrary.getState().images.filter((i) => i.type === 'image/tiff');
    set({ rerendering: { done: 0, total: tiffs.length } });
    const failed: string[] = [];
    for (const [index, image] of tiffs.entries()) {
      if (get().stretch !== stretch) return; // changed again meanwhile: that run renders them
      try {
        const blob = await getImageBlob(db, image.sha256);
        if (blob) {
          const { preview, thumbnail } = await inspectTiff(blob, stretch);
          await replaceRenderings(db, image.sha256, preview, thumbnail, image.fileName);
          set((s) => ({ renderVersions: { ...s.renderVersions, [image.sha256]: (s.renderVersions[image.sha256] ?? 0) + 1 } }));
        }
      } catch (error) {
        failed.push(`${image.fileName}: ${errorMessage(error)}`);
      }
      set({ rerendering: { done: index + 1, total: tiffs.length } });
    }
    set({ rerendering: null, error: failed.length ? `Previews not rendered again: ${failed.join('; ')}` : null });
  },
}));

let lastBlob: { sha256: string; blob: Promise<Blob | undefined> } | null = null;

/** A window of a stored TIFF at the requested size, from the overview level that matches, under the current stretch. */
export async function renderDetail(sha256: string, request: DetailRequest): Promise<ImageBitmap | null> {
  if (lastBlob?.sha256 !== sha256) lastBlob = { sha256, blob: database().then((db) => getImageBlob(db, sha256)) };
  const blob = await lastBlob.blob;
  if (!blob) return null;
  const { stretch } = useRaster.getState();
  const key = `${sha256}|${stretch.low}|${stretch.high}`;
  return renderTiffWindow(key, blob, request.window, request.outWidth, request.outHeight, stretch);
}

on('project-opened', () => useRaster.getState().load());
