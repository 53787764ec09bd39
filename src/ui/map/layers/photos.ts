import Feature from 'ol/Feature.js';
import Point from 'ol/geom/Point.js';
import VectorLayer from 'ol/layer/Vector.js';
import { fromLonLat } from 'ol/proj.js';
import VectorSource from 'ol/source/Vector.js';
import { Circle, Fill, Stroke, Style, Text } from 'ol/style.js';
import type { MapLayer } from './types';

const dot = new Style({
  image: new Circle({ radius: 6, fill: new Fill({ color: 'rgba(0, 200, 255, 0.85)' }), stroke: new Stroke({ color: '#0b1220', width: 1.5 }) }),
});

/** Photos whose EXIF holds a GPS position, as points where they were taken; the feature remembers its image. */
export function photosLayer(): MapLayer {
  const source = new VectorSource();
  const layer = new VectorLayer({
    source,
    zIndex: 40,
    style: (feature, resolution) =>
      resolution < 2 ? new Style({ image: dot.getImage()!, text: new Text({ text: feature.get('name') as string, offsetY: -14, font: '12px sans-serif' }) }) : dot,
  });
  return {
    id: 'photos',
    layer,
    update({ images, projection }) {
      source.clear(true);
      for (const image of images) {
        const gps = image.exif?.gps;
        if (!gps) continue;
        const geometry = new Point(fromLonLat([gps.lon, gps.lat], projection));
        source.addFeature(new Feature({ geometry, name: image.fileName, imageSha256: image.sha256 }));
      }
    },
  };
}
