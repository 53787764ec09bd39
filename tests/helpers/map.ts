import { expect, type Page } from '@playwright/test';

/** The screen position of a map coordinate, from the view state the map exposes (centre, resolution). */
export async function screenOf(page: Page, [e, n]: [number, number]): Promise<{ x: number; y: number }> {
  const map = page.getByTestId('map');
  await expect(map).toHaveAttribute('data-resolution', /\d/);
  const [cx, cy] = (await map.getAttribute('data-center'))!.split(',').map(Number) as [number, number];
  const resolution = Number(await map.getAttribute('data-resolution'));
  const box = (await map.boundingBox())!;
  return { x: box.x + box.width / 2 + (e - cx) / resolution, y: box.y + box.height / 2 - (n - cy) / resolution };
}

/** WGS 84 degrees to Web Mercator metres (EPSG:3857), the spherical formulas. */
export function webMercator(lon: number, lat: number): [number, number] {
  const r = 6378137;
  return [(lon * Math.PI * r) / 180, r * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360))];
}
