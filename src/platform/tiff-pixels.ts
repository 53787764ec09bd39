// How a TIFF's samples become RGBA: which samples to read, colour model, and the stretch for data deeper than 8 bits.
import { rgb, type TypedArray } from 'geotiff';
import { ImageInputError } from '../domain/image-header';
import { DEFAULT_STRETCH, type StretchPercentiles, valuesAtPercentiles } from '../domain/stretch';

export type ColourModel = 'grey' | 'rgb' | 'palette' | 'cmyk' | 'ycbcr' | 'cielab';

export interface PixelLayout {
  model: ColourModel;
  /** WhiteIsZero greyscale: invert after scaling. */
  invert: boolean;
  /** Sample indices read per pixel, colour first, alpha (if any) last. */
  samples: number[];
  alpha: boolean;
  bits: number;
  /** TIFF SampleFormat: 1 unsigned integer, 2 signed integer, 3 floating point. */
  format: 1 | 2 | 3;
  colorMap?: ArrayLike<number>;
}

/** Linear map of [low, high] onto 0–255, clamped: how 16-bit and float rasters are shown to an 8-bit model. */
export interface Stretch {
  low: number;
  high: number;
}

export const COMPRESSIONS: Record<number, string> = {
  1: 'none',
  2: 'CCITT RLE',
  3: 'CCITT Group 3 fax',
  4: 'CCITT Group 4 fax',
  5: 'LZW',
  6: 'old-style JPEG',
  7: 'JPEG',
  8: 'Deflate',
  32773: 'PackBits',
  32946: 'Deflate',
  34661: 'JBIG',
  34712: 'JPEG 2000',
  34887: 'LERC',
  34925: 'LZMA',
  50000: 'Zstandard',
  50001: 'WebP',
  50002: 'JPEG XL',
};
/** What geotiff.js decodes. */
const SUPPORTED_COMPRESSIONS = new Set([1, 5, 7, 8, 32773, 32946, 34887, 50000, 50001]);

const PHOTOMETRIC: Record<number, string> = {
  0: 'WhiteIsZero',
  1: 'BlackIsZero',
  2: 'RGB',
  3: 'palette',
  4: 'transparency mask',
  5: 'CMYK',
  6: 'YCbCr',
  8: 'CIELab',
  32844: 'LogL',
  32845: 'LogLuv',
  34892: 'LinearRaw',
};

export const compressionName = (code: number) => COMPRESSIONS[code] ?? `unknown (${code})`;
export const photometricName = (code: number) => PHOTOMETRIC[code] ?? `unknown (${code})`;

export interface TiffTags {
  width: number;
  height: number;
  samplesPerPixel: number;
  bitsPerSample: number[];
  sampleFormat: number[];
  compression: number;
  photometric: number | undefined;
  extraSamples: number[];
  colorMap?: ArrayLike<number>;
}

const fail = (message: string): never => {
  throw new ImageInputError(`unsupported TIFF: ${message}`);
};

/** Decides how to read a TIFF's pixels, or says in words why it cannot (a person can convert the file with GDAL). */
export function pixelLayout(tags: TiffTags): PixelLayout {
  const { samplesPerPixel: spp, compression } = tags;
  if (!SUPPORTED_COMPRESSIONS.has(compression)) {
    const supported = [...new Set([...SUPPORTED_COMPRESSIONS].map(compressionName))].join(', ');
    fail(`compression ${compressionName(compression)} is not supported (supported: ${supported})`);
  }
  const bits = tags.bitsPerSample[0] ?? 1;
  const format = tags.sampleFormat[0] ?? 1;
  if (!tags.bitsPerSample.every((b) => b === bits) || !tags.sampleFormat.every((f) => f === format)) {
    fail(`samples of different depths or formats (${tags.bitsPerSample.join('/')} bits) are not supported`);
  }
  if (format !== 1 && format !== 2 && format !== 3) {
    fail(`sample format ${format} (${format === 4 ? 'undefined' : 'complex'}) is not supported (unsigned, signed or floating point)`);
  }
  const integer = format === 1 || format === 2;
  if ((integer && bits !== 8 && bits !== 16 && bits !== 32) || (!integer && bits !== 16 && bits !== 32 && bits !== 64)) {
    fail(`${bits} bits per sample (${format === 3 ? 'floating point' : 'integer'}) is not supported (8, 16 or 32)`);
  }
  const photometric = tags.photometric ?? (spp >= 3 ? 2 : 1);
  const alphaAt = (index: number) => spp > index && [1, 2].includes(tags.extraSamples[0] ?? 0);
  const eightBit = bits === 8 && format === 1;
  const base = { invert: false, alpha: false, bits, format: format as 1 | 2 | 3 };
  switch (photometric) {
    case 0:
    case 1: {
      const alpha = alphaAt(1);
      return { ...base, model: 'grey', invert: photometric === 0, alpha, samples: alpha ? [0, 1] : [0] };
    }
    case 2: {
      if (spp < 3) fail(`RGB with ${spp} sample${spp === 1 ? '' : 's'} per pixel`);
      const alpha = alphaAt(3);
      return { ...base, model: 'rgb', alpha, samples: alpha ? [0, 1, 2, 3] : [0, 1, 2] };
    }
    case 3:
      if (!tags.colorMap || format !== 1 || bits > 16) fail('palette image without a usable colour map');
      return { ...base, model: 'palette', samples: [0], colorMap: tags.colorMap };
    case 5:
      if (!eightBit || spp < 4) fail('CMYK other than 8 bits per sample');
      return { ...base, model: 'cmyk', samples: [0, 1, 2, 3] };
    case 6:
      // Only JPEG-compressed YCbCr: the JPEG decoder undoes chroma subsampling, geotiff.js does not otherwise.
      if (!eightBit || compression !== 7) fail('YCbCr without JPEG compression');
      return { ...base, model: 'ycbcr', samples: [0, 1, 2] };
    case 8:
      if (!eightBit) fail('CIELab other than 8 bits per sample');
      return { ...base, model: 'cielab', samples: [0, 1, 2] };
    default:
      return fail(`photometric interpretation ${photometricName(photometric)} is not supported`);
  }
}

/** Whether values must be stretched to 0–255 (anything but 8-bit unsigned grey or RGB). */
export const needsStretch = (layout: PixelLayout) =>
  (layout.model === 'grey' || layout.model === 'rgb') && !(layout.bits === 8 && layout.format === 1);

/** Colour samples (not alpha) of every `pixelStep`-th pixel of an interleaved raw read, for the stretch. */
export function colourValues(raw: ArrayLike<number>, layout: PixelLayout, noData: number | null, pixelStep = 1): number[] {
  const step = layout.samples.length;
  const colours = layout.alpha ? step - 1 : step;
  const values: number[] = [];
  for (let p = 0; p < raw.length; p += step * pixelStep) {
    for (let c = 0; c < colours; c++) {
      const v = raw[p + c]!;
      if (Number.isFinite(v) && v !== noData) values.push(v);
    }
  }
  return values;
}

/** Values at the chosen percentiles (2nd and 98th by default): a few hot or dead pixels do not flatten the picture. */
export function percentileStretch(values: number[], percentiles: StretchPercentiles = DEFAULT_STRETCH): Stretch {
  if (values.length === 0) return { low: 0, high: 1 };
  const { low, high } = valuesAtPercentiles(Float64Array.from(values).sort(), percentiles);
  return { low, high: high > low ? high : low + 1 };
}

function alphaScale(layout: PixelLayout): number {
  if (layout.format === 3) return 255;
  return 255 / (2 ** (layout.bits - (layout.format === 2 ? 1 : 0)) - 1);
}

/** Turns an interleaved raw read of `count` pixels into RGBA. */
export function toRgba(raw: TypedArray, count: number, layout: PixelLayout, stretch?: Stretch): Uint8ClampedArray {
  const out = new Uint8ClampedArray(count * 4);
  if (layout.model === 'cmyk' || layout.model === 'ycbcr' || layout.model === 'cielab') {
    const sized = Object.assign(raw, { width: count, height: 1 });
    const rgbValues =
      layout.model === 'cmyk' ? rgb.fromCMYK(sized) : layout.model === 'ycbcr' ? rgb.fromYCbCr(sized) : rgb.fromCIELab(sized);
    for (let i = 0; i < count; i++) {
      out[i * 4] = rgbValues[i * 3]!;
      out[i * 4 + 1] = rgbValues[i * 3 + 1]!;
      out[i * 4 + 2] = rgbValues[i * 3 + 2]!;
      out[i * 4 + 3] = 255;
    }
    return out;
  }
  const step = layout.samples.length;
  const scale = stretch ? 255 / (stretch.high - stretch.low) : 1;
  const low = stretch ? stretch.low : 0;
  const level = (v: number) => {
    const g = (v - low) * scale; // Uint8ClampedArray rounds and clamps; NaN becomes 0.
    return layout.invert ? 255 - g : g;
  };
  const aScale = alphaScale(layout);
  const map = layout.colorMap;
  const mapThird = map ? map.length / 3 : 0;
  for (let i = 0, p = 0, o = 0; i < count; i++, p += step, o += 4) {
    if (layout.model === 'palette') {
      const index = raw[p]!;
      out[o] = map![index]! / 257;
      out[o + 1] = map![index + mapThird]! / 257;
      out[o + 2] = map![index + 2 * mapThird]! / 257;
      out[o + 3] = 255;
      continue;
    }
    if (layout.model === 'grey') {
      const g = level(raw[p]!);
      out[o] = g;
      out[o + 1] = g;
      out[o + 2] = g;
      out[o + 3] = layout.alpha ? raw[p + 1]! * aScale : 255;
    } else {
      out[o] = level(raw[p]!);
      out[o + 1] = level(raw[p + 1]!);
      out[o + 2] = level(raw[p + 2]!);
      out[o + 3] = layout.alpha ? raw[p + 3]! * aScale : 255;
    }
  }
  return out;
}
