import Feature from 'ol/Feature.js';
import MultiPolygon from 'ol/geom/MultiPolygon.js';
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import { Fill, Stroke, Style, Text } from 'ol/style.js';
import { projectionOf } from '../projections';
import type { MapLayer } from './types';

/** Five steps from pale to deep: zones with more objects darker (classes by equal steps up to the largest count). */
const RAMP = ['rgba(255, 255, 204, 0.55)', 'rgba(161, 218, 180, 0.6)', 'rgba(65, 182, 196, 0.6)', 'rgba(44, 127, 184, 0.65)', 'rgba(37, 52, 148, 0.7)'];

export const rampStep = (total: number, max: number) => (max <= 0 || total <= 0 ? 0 : Math.min(RAMP.length - 1, Math.ceil((total / max) * (RAMP.length - 1))));
export const RAMP_COLOURS = RAMP;

/** The imported zones, filled by how many objects each holds (a choropleth), named with their total. */
export function zonesLayer(): MapLayer {
  const source = new VectorSource();
  const layer = new VectorLayer({
    source,
    zIndex: 10,
    style: (feature) =>
      new Style({
        fill: new Fill({ color: RAMP[feature.get('step') as number]! }),
        stroke: new Stroke({ color: '#253494', width: 1.5 }),
        text: new Text({ text: `${feature.get('name') as string}: ${feature.get('total') as number}`, font: '12px sans-serif' }),
      }),
  });
  return {
    id: 'zones',
    layer,
    update({ zones, counts, projection }) {
      source.clear(true);
      if (!zones) return;
      const max = Math.max(0, ...counts.map((c) => c.total));
      const from = projectionOf(zones.crs);
      zones.zones.forEach((zone, i) => {
        const geometry = new MultiPolygon(zone.polygons);
        if (from !== projection) geometry.transform(from, projection);
        const total = counts[i]?.total ?? 0;
        source.addFeature(new Feature({ geometry, name: zone.name, total, step: rampStep(total, max) }));
      });
    },
  };
}
