import type BaseLayer from 'ol/layer/Base.js';
import type { MapObject } from '../../../domain/formats/gpkg/detections';
import type { ZoneCount } from '../../../domain/geo/counts';
import type { ZoneLayer } from '../../../domain/geo/polygons';
import type { ImageRecord } from '../../../domain/image';

/** What the map's layers are drawn from; each layer takes the part it needs. */
export interface MapContent {
  /** The view's projection code. */
  projection: string;
  images: readonly ImageRecord[];
  objects: readonly MapObject[];
  zones: ZoneLayer | null;
  counts: readonly ZoneCount[];
}

/**
 * One layer of the map: made once, then told each time the content changes. A new kind of layer (photos with
 * EXIF GPS as points, say) is one more of these in layers/index.ts.
 */
export interface MapLayer {
  id: string;
  layer: BaseLayer;
  update(content: MapContent): void;
  dispose?(): void;
}
