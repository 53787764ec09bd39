import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { decodeImage } from '../../src/cli/decode-image';
import { hammingDistance, nearDuplicateGroups, perceptualHash, DEFAULT_MAX_DISTANCE } from '../../src/domain/evidence/phash';
import type { RgbaPixels } from '../../src/domain/image';
import { resizeToRgbFloats } from '../../src/domain/raster';
import { readFixture } from '../helpers/fixtures';

const FIXTURES = ['astronaut.png', 'chelsea.png', 'rocket.jpg', 'camera.png', 'horse.png'];

function toRgba(rgb: Float32Array, width: number, height: number): RgbaPixels {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    data[i * 4] = rgb[i * 3]!;
    data[i * 4 + 1] = rgb[i * 3 + 1]!;
    data[i * 4 + 2] = rgb[i * 3 + 2]!;
    data[i * 4 + 3] = 255;
  }
  return { data, width, height };
}

const resized = (p: RgbaPixels, scale: number) => {
  const w = Math.round(p.width * scale);
  const h = Math.round(p.height * scale);
  return toRgba(resizeToRgbFloats(p, w, h), w, h);
};

/** Through a JPEG encoder at this quality and back. */
function recompressed(p: RgbaPixels, quality: number): RgbaPixels {
  const encoded = jpeg.encode({ data: Buffer.from(p.data), width: p.width, height: p.height }, quality);
  const { data, width, height } = jpeg.decode(encoded.data, { useTArray: true, formatAsRGBA: true });
  return { data, width, height };
}

/** `share` of each side cut away, split between both edges. */
function cropped(p: RgbaPixels, share: number): RgbaPixels {
  const x0 = Math.round((p.width * share) / 2);
  const y0 = Math.round((p.height * share) / 2);
  const w = p.width - 2 * x0;
  const h = p.height - 2 * y0;
  const data = new Uint8ClampedArray(w * h * 4);
  for (let y = 0; y < h; y++) data.set(p.data.subarray(((y + y0) * p.width + x0) * 4, ((y + y0) * p.width + x0 + w) * 4), y * w * 4);
  return { data, width: w, height: h };
}

function brightened(p: RgbaPixels, delta: number): RgbaPixels {
  const data = new Uint8ClampedArray(p.data);
  for (let i = 0; i < data.length; i += 4) for (let c = 0; c < 3; c++) data[i + c] = data[i + c]! + delta;
  return { data, width: p.width, height: p.height };
}

const VARIANTS: [string, (p: RgbaPixels) => RgbaPixels][] = [
  ['resized to 50 %', (p) => resized(p, 0.5)],
  ['resized to 23 %', (p) => resized(p, 0.23)],
  ['JPEG quality 40', (p) => recompressed(p, 40)],
  ['JPEG quality 15', (p) => recompressed(p, 15)],
  ['cropped by 4 %', (p) => cropped(p, 0.04)],
  ['brightness +30', (p) => brightened(p, 30)],
  ['brightness -25', (p) => brightened(p, -25)],
  ['resized 70 %, cropped 4 %, JPEG 60', (p) => recompressed(cropped(resized(p, 0.7), 0.04), 60)],
];

describe('perceptual hash', () => {
  const originals = FIXTURES.map((name) => ({ name, pixels: decodeImage(readFixture(name)).pixels }));

  it('is 64 bits as 16 hex digits, the same for the same pixels', () => {
    const hash = perceptualHash(originals[0]!.pixels);
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
    expect(perceptualHash(originals[0]!.pixels)).toBe(hash);
    expect(hammingDistance(hash, hash)).toBe(0);
    expect(hammingDistance('0000000000000000', 'ffffffffffffffff')).toBe(64);
    expect(hammingDistance('8000000000000001', '0000000000000000')).toBe(2);
  });

  it('groups resized, recompressed, cropped and brightness-shifted copies with their original and never two different photos', () => {
    const items = originals.flatMap(({ name, pixels }) => [
      { id: name, source: name, phash: perceptualHash(pixels) },
      ...VARIANTS.map(([what, make]) => ({ id: `${name} ${what}`, source: name, phash: perceptualHash(make(pixels)) })),
    ]);
    const groups = nearDuplicateGroups(items, DEFAULT_MAX_DISTANCE);
    const groupOf = new Map(groups.flatMap((g, i) => g.map((item) => [item.id, i] as const)));
    let truePositives = 0;
    let falsePositives = 0;
    let falseNegatives = 0;
    const worst: Record<string, number> = {};
    for (let i = 0; i < items.length; i++) {
      for (let j = i + 1; j < items.length; j++) {
        const [a, b] = [items[i]!, items[j]!];
        const together = groupOf.has(a.id) && groupOf.get(a.id) === groupOf.get(b.id);
        const same = a.source === b.source;
        if (same && together) truePositives++;
        if (!same && together) falsePositives++;
        if (same && !together) falseNegatives++;
        if (same && a.id === a.source) worst[b.id.slice(a.source.length + 1)] = Math.max(worst[b.id.slice(a.source.length + 1)] ?? 0, hammingDistance(a.phash, b.phash));
      }
    }
    const closestDifferent = Math.min(
      ...items.flatMap((a) => items.filter((b) => b.source !== a.source).map((b) => hammingDistance(a.phash, b.phash))),
    );
    const variants = items.filter((i) => i.id !== i.source);
    const directlyWithin = variants.filter((v) => hammingDistance(v.phash, items.find((o) => o.id === v.source)!.phash) <= DEFAULT_MAX_DISTANCE).length;
    const precision = truePositives / (truePositives + falsePositives);
    const recall = truePositives / (truePositives + falseNegatives);
    console.log(
      `pHash near-duplicates at distance ≤ ${DEFAULT_MAX_DISTANCE}: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)} ` +
        `(${truePositives} pairs found, ${falsePositives} wrong, ${falseNegatives} missed); largest distance to the original per variant ${JSON.stringify(worst)}; ` +
        `closest two different photos ${closestDifferent} bits apart; ${directlyWithin} of ${variants.length} copies within the distance of their original directly`,
    );
    expect(falsePositives).toBe(0);
    expect(recall).toBe(1);
    expect(groups).toHaveLength(FIXTURES.length);
  });

  it('leaves images without a hash out of every group', () => {
    const groups = nearDuplicateGroups([{ phash: 'ffffffffffffffff' }, {}, { phash: 'fffffffffffffffe' }, { phash: 'not a hash' }], 3);
    expect(groups).toEqual([[{ phash: 'ffffffffffffffff' }, { phash: 'fffffffffffffffe' }]]);
  });
});
