import type { RgbaPixels } from './image';

/** For each output index along one axis: which source indices contribute, and with what weight. */
interface AxisTaps {
  first: Int32Array;
  count: Int32Array;
  weights: Float32Array;
  /** Offset of output i's weights in `weights`. */
  offset: Int32Array;
}

/** Area averaging when shrinking (no aliasing on big photos), bilinear with half-pixel centres when enlarging. */
function axisTaps(src: number, dst: number): AxisTaps {
  const scale = src / dst;
  const first = new Int32Array(dst);
  const count = new Int32Array(dst);
  const offset = new Int32Array(dst);
  const weights: number[] = [];
  for (let i = 0; i < dst; i++) {
    offset[i] = weights.length;
    if (scale > 1) {
      const lo = i * scale;
      const hi = Math.min(src, (i + 1) * scale);
      const j0 = Math.floor(lo);
      const j1 = Math.ceil(hi);
      first[i] = j0;
      count[i] = j1 - j0;
      for (let j = j0; j < j1; j++) weights.push((Math.min(hi, j + 1) - Math.max(lo, j)) / (hi - lo));
    } else {
      const centre = Math.min(Math.max((i + 0.5) * scale - 0.5, 0), src - 1);
      const j0 = Math.floor(centre);
      const t = centre - j0;
      first[i] = j0;
      count[i] = j0 + 1 < src ? 2 : 1;
      weights.push(count[i] === 2 ? 1 - t : 1);
      if (count[i] === 2) weights.push(t);
    }
  }
  return { first, count, offset, weights: Float32Array.from(weights) };
}

/**
 * Resizes RGBA pixels to width × height RGB floats (HWC), each value v (0–255) mapped to v * scale + offset.
 * Transparent pixels are composited onto white, as a viewer shows them. `into` (width × height × 3 floats) is
 * written instead of a new array where the pixels are already at that size.
 */
export function resizeToRgbFloats(
  pixels: RgbaPixels,
  width: number,
  height: number,
  scale = 1,
  offset = 0,
  into?: Float32Array,
): Float32Array {
  const { data, width: srcW, height: srcH } = pixels;
  if (srcW === width && srcH === height) return copyToRgbFloats(data, width * height, scale, offset, into);
  const xs = axisTaps(srcW, width);
  const ys = axisTaps(srcH, height);
  // Horizontal pass over every source row into an intermediate width × srcH RGB buffer.
  const rows = new Float32Array(width * srcH * 3);
  for (let y = 0; y < srcH; y++) {
    const rowIn = y * srcW * 4;
    const rowOut = y * width * 3;
    for (let x = 0; x < width; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      const start = xs.first[x]!;
      const off = xs.offset[x]!;
      for (let k = 0; k < xs.count[x]!; k++) {
        const p = rowIn + (start + k) * 4;
        const w = xs.weights[off + k]!;
        const alpha = data[p + 3]! / 255;
        const white = 255 * (1 - alpha);
        r += w * (data[p]! * alpha + white);
        g += w * (data[p + 1]! * alpha + white);
        b += w * (data[p + 2]! * alpha + white);
      }
      const o = rowOut + x * 3;
      rows[o] = r;
      rows[o + 1] = g;
      rows[o + 2] = b;
    }
  }
  const out = new Float32Array(width * height * 3);
  const rowStride = width * 3;
  for (let y = 0; y < height; y++) {
    const start = ys.first[y]!;
    const off = ys.offset[y]!;
    const o = y * rowStride;
    for (let k = 0; k < ys.count[y]!; k++) {
      const w = ys.weights[off + k]!;
      const src = (start + k) * rowStride;
      for (let i = 0; i < rowStride; i++) out[o + i]! += w * rows[src + i]!;
    }
    for (let i = 0; i < rowStride; i++) out[o + i] = out[o + i]! * scale + offset;
  }
  return out;
}

/** Same size (a tile, or an image already at the model's input): no resampling, just composite and scale. */
function copyToRgbFloats(data: RgbaPixels['data'], count: number, scale: number, offset: number, into?: Float32Array): Float32Array {
  if (into && into.length !== count * 3) throw new Error(`a buffer of ${into.length} floats cannot hold ${count} RGB pixels`);
  const out = into ?? new Float32Array(count * 3);
  // An opaque pixel's value is v * 1 + 0 before scaling, so a table of v * scale + offset gives the same float32
  // values as the arithmetic, in about half the time (it is on the model's critical path).
  const table = new Float32Array(256);
  for (let v = 0; v < 256; v++) table[v] = v * scale + offset;
  for (let p = 0, o = 0; p < count * 4; p += 4, o += 3) {
    const a = data[p + 3]!;
    if (a === 255) {
      out[o] = table[data[p]!]!;
      out[o + 1] = table[data[p + 1]!]!;
      out[o + 2] = table[data[p + 2]!]!;
      continue;
    }
    const alpha = a / 255;
    const white = 255 * (1 - alpha);
    out[o] = (data[p]! * alpha + white) * scale + offset;
    out[o + 1] = (data[p + 1]! * alpha + white) * scale + offset;
    out[o + 2] = (data[p + 2]! * alpha + white) * scale + offset;
  }
  return out;
}
