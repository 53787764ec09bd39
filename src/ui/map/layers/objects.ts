import Feature from 'ol/Feature.js';
import Polygon from 'ol/geom/Polygon.js';
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import { Fill, Stroke, Style } from 'ol/style.js';
import { boxToRing } from '../../../domain/geo/affine';
import type { MapObject } from '../../../domain/formats/gpkg/detections';
import { labelColor } from '../../viewer/colors';
import { projectionOf } from '../projections';
import type { MapLayer } from './types';

const styles = new Map<string, Style>();

/** Class colours as in the viewer; a suggestion dashed, a reviewed box solid. */
function styleOf(label: string, suggested: boolean): Style {
  const key = `${label}|${suggested}`;
  let style = styles.get(key);
  if (!style) {
    const color = labelColor(label);
    style = new Style({
      stroke: new Stroke({ color, width: 2, ...(suggested ? { lineDash: [6, 4] } : {}) }),
      fill: new Fill({ color: 'rgba(255, 255, 255, 0.01)' }), // so a click inside the box finds it
    });
    styles.set(key, style);
  }
  return style;
}

/** Detections and reviewed boxes, one polygon each; the feature remembers its image, box and annotation. */
export function objectsLayer(): MapLayer {
  const source = new VectorSource();
  const layer = new VectorLayer({
    source,
    zIndex: 30,
    style: (feature) => styleOf(feature.get('label') as string, feature.get('status') === 'suggested'),
  });
  return {
    id: 'objects',
    layer,
    update({ objects, projection }) {
      source.clear(true);
      source.addFeatures(
        objects.map((object: MapObject) => {
          const { image, annotation } = object;
          const geometry = new Polygon([boxToRing(image.georeference.transform, annotation.box)]);
          const from = projectionOf(image.georeference.crs!);
          if (from !== projection) geometry.transform(from, projection);
          return new Feature({ geometry, label: annotation.label, status: annotation.status, object });
        }),
      );
    },
  };
}
