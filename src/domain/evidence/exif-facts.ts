// Facts derived from an image's metadata for sorting, filtering and display. Kept apart from the reader so that
// code which only sorts (the gallery filter, the inference worker through storage) does not bundle exifr.
import type { ImageExif } from './metadata';

/** Milliseconds since the epoch for sorting: the instant when the offset is known, else the wall-clock time read as UTC. */
export function captureInstant(exif: ImageExif | undefined): number | null {
  if (!exif?.time) return null;
  const hasZone = /[+-]\d{2}:\d{2}$|Z$/.test(exif.time);
  const ms = Date.parse(hasZone ? exif.time : `${exif.time}Z`);
  return Number.isFinite(ms) ? ms : null;
}

/** "Nokia Lumia 820": make and model without the make repeated (cameras often put it in both). */
export function cameraName(exif: ImageExif | undefined): string | undefined {
  if (!exif?.make && !exif?.model) return undefined;
  if (!exif.make) return exif.model;
  if (!exif.model) return exif.make;
  return exif.model.toLowerCase().startsWith(exif.make.toLowerCase()) ? exif.model : `${exif.make} ${exif.model}`;
}
