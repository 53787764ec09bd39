// GPS positions of photos as GeoJSON points (RFC 7946: WGS 84 longitude, latitude[, altitude]) and as CSV.
import { csvRow } from '../formats/csv/rfc4180';
import type { ImageRecord } from '../image';
import { cameraName } from './exif-facts';

export interface GpsPointProperties {
  file: string;
  sha256: string;
  /** Capture time as the file gives it (ISO 8601, with its offset when known); null when absent. */
  time: string | null;
  camera: string | null;
  altitude: number | null;
}

export interface GpsPointCollection {
  type: 'FeatureCollection';
  name: string;
  features: {
    type: 'Feature';
    id: number;
    geometry: { type: 'Point'; coordinates: [number, number] | [number, number, number] };
    properties: GpsPointProperties;
  }[];
}

type Located = ImageRecord & { exif: NonNullable<ImageRecord['exif']> & { gps: NonNullable<NonNullable<ImageRecord['exif']>['gps']> } };
export const hasGps = (image: ImageRecord): image is Located => image.exif?.gps !== undefined;

/** One point per image with a GPS position, in the order given; images without one are left out. */
export function gpsGeoJson(images: readonly ImageRecord[], name = 'photo positions'): GpsPointCollection {
  return {
    type: 'FeatureCollection',
    name,
    features: images.filter(hasGps).map((image, index) => {
      const { lat, lon, alt } = image.exif.gps;
      return {
        type: 'Feature',
        id: index + 1,
        geometry: { type: 'Point', coordinates: alt === undefined ? [lon, lat] : [lon, lat, alt] },
        properties: { file: image.fileName, sha256: image.sha256, time: image.exif.time ?? null, camera: cameraName(image.exif) ?? null, altitude: alt ?? null },
      };
    }),
  };
}

export const GPS_CSV_COLUMNS = ['file', 'sha256', 'latitude', 'longitude', 'altitude', 'time', 'make', 'model'] as const;

/** The same points as CSV (RFC 4180), one row per image with a position. */
export function gpsCsv(images: readonly ImageRecord[]): string {
  const rows = images.filter(hasGps).map((image) => {
    const { exif } = image;
    const { lat, lon, alt } = exif.gps;
    return csvRow([image.fileName, image.sha256, String(lat), String(lon), alt === undefined ? '' : String(alt), exif.time ?? '', exif.make ?? '', exif.model ?? '']);
  });
  return [csvRow(GPS_CSV_COLUMNS), ...rows].join('');
}
