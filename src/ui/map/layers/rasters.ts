import LayerGroup from 'ol/layer/Group.js';
import ImageLayer from 'ol/layer/Image.js';
import ImageSource from 'ol/source/Image.js';
import type { Extent } from 'ol/extent.js';
import { pixelToMap } from '../../../domain/geo/affine';
import type { ImageRecord } from '../../../domain/image';
import { TIFF_PREVIEW_SIZE } from '../../../platform/tiff-inspect';
import { storedBitmap } from '../../../state/map-data';
import { renderDetail } from '../../../state/raster';
import { projectionOf } from '../projections';
import type { MapLayer } from './types';

const THUMBNAIL_SIZE = 256;
/** A stored rendering is used until it is shown this many times larger than it is. */
const UPSAMPLE = 2;
/** The most pixels read from a TIFF for one view (about a large screen). */
const MAX_DETAIL_PIXELS = 4_000_000;

const isNorthUp = (t: readonly number[]) => t[2] === 0 && t[4] === 0;

function extentOf(image: ImageRecord): Extent {
  const t = image.georeference!.transform;
  const [x1, y1] = pixelToMap(t, 0, 0);
  const [x2, y2] = pixelToMap(t, image.width, image.height);
  return [Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2)];
}

/** A layer showing a stored rendering (thumbnail or preview) stretched over the image's extent. */
function storedLayer(image: ImageRecord, kind: 'thumbnail' | 'display', minResolution: number, maxResolution: number): ImageLayer<ImageSource> {
  const extent = extentOf(image);
  const source = new ImageSource({ projection: projectionOf(image.georeference!.crs!), loader: async () => ({ image: await storedBitmap(image.sha256, kind), extent }) });
  return new ImageLayer({ source, extent, minResolution, maxResolution });
}

/**
 * Zoomed in past the preview: the TIFF's own pixels for the part on screen, read in the TIFF worker from the
 * overview level that matches the zoom (as the viewer does).
 */
function detailLayer(image: ImageRecord, maxResolution: number): ImageLayer<ImageSource> {
  const extent = extentOf(image);
  const t = image.georeference!.transform;
  const source = new ImageSource({
    projection: projectionOf(image.georeference!.crs!),
    loader: async (want: Extent, resolution: number, pixelRatio: number) => {
      const [minX, minY, maxX, maxY] = want as [number, number, number, number];
      const [c1, r1] = [(minX - t[0]) / t[1], (maxY - t[3]) / t[5]];
      const [c2, r2] = [(maxX - t[0]) / t[1], (minY - t[3]) / t[5]];
      const x = Math.max(0, Math.floor(Math.min(c1, c2)));
      const y = Math.max(0, Math.floor(Math.min(r1, r2)));
      const w = Math.min(image.width, Math.ceil(Math.max(c1, c2))) - x;
      const h = Math.min(image.height, Math.ceil(Math.max(r1, r2))) - y;
      if (w < 1 || h < 1) throw new Error('outside the image');
      const pixelSize = Math.abs(t[1]);
      let scale = Math.min(1, (pixelSize * pixelRatio) / resolution);
      scale = Math.min(scale, Math.sqrt(MAX_DETAIL_PIXELS / (w * h)));
      const outWidth = Math.max(1, Math.round(w * scale));
      const outHeight = Math.max(1, Math.round(h * scale));
      const bitmap = await renderDetail(image.sha256, { window: { x, y, w, h }, outWidth, outHeight });
      if (!bitmap) throw new Error(`${image.fileName}: its bytes are missing from storage`);
      const [x0, y0] = pixelToMap(t, x, y);
      const [x1, y1] = pixelToMap(t, x + w, y + h);
      return {
        image: bitmap,
        extent: [Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1)],
        resolution: [(w * pixelSize) / outWidth, (h * Math.abs(t[5])) / outHeight],
        pixelRatio: 1,
      };
    },
  });
  return new ImageLayer({ source, extent, maxResolution });
}

/**
 * The images themselves: the thumbnail when zoomed far out, the stored preview nearer, and for a TIFF its own
 * pixels once the preview would be blurred. Rotated rasters are drawn as footprints only.
 */
export function rastersLayer(): MapLayer {
  const group = new LayerGroup({ zIndex: 0 });
  let shown = '';
  return {
    id: 'rasters',
    layer: group,
    update({ images }) {
      const placed = images.filter((i) => i.georeference?.crs && isNorthUp(i.georeference.transform));
      const identity = placed.map((i) => i.sha256).join();
      if (identity === shown) return;
      shown = identity;
      group.getLayers().clear();
      for (const image of placed) {
        const pixel = Math.abs(image.georeference!.transform[1]);
        const long = Math.max(image.width, image.height);
        const previewSide = image.type === 'image/tiff' ? Math.min(long, TIFF_PREVIEW_SIZE) : long;
        const thumbnailRes = (pixel * long) / THUMBNAIL_SIZE / UPSAMPLE; // finer than this, the thumbnail blurs
        const previewRes = (pixel * long) / previewSide / UPSAMPLE;
        group.getLayers().push(storedLayer(image, 'thumbnail', thumbnailRes, Infinity));
        group.getLayers().push(storedLayer(image, 'display', image.type === 'image/tiff' && previewSide < long ? previewRes : 0, thumbnailRes));
        if (image.type === 'image/tiff' && previewSide < long) group.getLayers().push(detailLayer(image, previewRes));
      }
    },
  };
}
