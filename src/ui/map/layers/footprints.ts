import Feature from 'ol/Feature.js';
import Polygon from 'ol/geom/Polygon.js';
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import { Stroke, Style, Text } from 'ol/style.js';
import { pixelToMap } from '../../../domain/geo/affine';
import { projectionOf } from '../projections';
import type { MapLayer } from './types';

/** Each georeferenced image's outline where its corners lie, named. */
export function footprintsLayer(): MapLayer {
  const source = new VectorSource();
  const layer = new VectorLayer({
    source,
    zIndex: 20,
    style: (feature, resolution) =>
      new Style({
        stroke: new Stroke({ color: 'rgba(255, 214, 0, 0.9)', width: 1.5 }),
        text: resolution < (feature.get('labelBelow') as number) ? new Text({ text: feature.get('name') as string, font: '12px sans-serif', overflow: false }) : undefined,
      }),
  });
  return {
    id: 'footprints',
    layer,
    update({ images, projection }) {
      source.clear(true);
      for (const image of images) {
        const geo = image.georeference;
        if (!geo?.crs) continue;
        const corners = [pixelToMap(geo.transform, 0, 0), pixelToMap(geo.transform, 0, image.height), pixelToMap(geo.transform, image.width, image.height), pixelToMap(geo.transform, image.width, 0)];
        const geometry = new Polygon([[...corners, corners[0]!]]);
        const from = projectionOf(geo.crs);
        if (from !== projection) geometry.transform(from, projection);
        // Names only once a footprint is at least ~150 screen pixels wide.
        const labelBelow = (Math.abs(geo.transform[1]) * image.width) / 150;
        source.addFeature(new Feature({ geometry, name: image.fileName, sha256: image.sha256, labelBelow }));
      }
    },
  };
}
