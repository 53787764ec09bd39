import { pixelToMap } from '../../domain/geo/affine';
import { crsLabel } from '../../domain/geo/georeference';
import { isGeographic } from '../../domain/geo/geographic';
import type { ImageRecord } from '../../domain/image';

/** Pixel position under the cursor and, for a georeferenced image, the map coordinates there. */
export function CursorPosition({ image, pixel }: { image: ImageRecord; pixel: { x: number; y: number } | null }) {
  if (!pixel) return <p className="cursor-position">Move the pointer over the image for its coordinates</p>;
  const geo = image.georeference;
  let map = '';
  if (geo) {
    const [x, y] = pixelToMap(geo.transform, pixel.x, pixel.y);
    const geographic = geo.crs !== null && isGeographic(geo.crs);
    map = geographic ? ` · lon ${x.toFixed(7)} lat ${y.toFixed(7)}` : ` · E ${x.toFixed(2)} N ${y.toFixed(2)}`;
    map += ` (${crsLabel(geo.crs)})`;
  }
  return (
    <p className="cursor-position" data-testid="cursor-position">
      x {Math.floor(pixel.x)} y {Math.floor(pixel.y)} px{map}
    </p>
  );
}
