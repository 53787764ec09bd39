// TIFF (and GeoTIFF, whose georeference is read from its tags) as a RasterSource through geotiff.js, in Node
// and in browsers: each window is decoded on its own, so a 20,000 × 20,000 raster is never held decoded whole.
import { fromArrayBuffer, fromBlob, type GeoTIFF, type GeoTIFFImage, type TypedArray } from 'geotiff';
import type { Georeference } from '../domain/geo/georeference';
import type { RgbaPixels } from '../domain/image';
import { ImageInputError } from '../domain/image-header';
import type { StretchPercentiles } from '../domain/stretch';
import {
  checkOutputSize,
  checkWindow,
  fullWindow,
  type PixelWindow,
  type RasterSource,
  resampleRgba,
} from '../domain/raster-source';
import {
  colourValues,
  compressionName,
  needsStretch,
  percentileStretch,
  type PixelLayout,
  photometricName,
  pixelLayout,
  type Stretch,
  type TiffTags,
  toRgba,
} from './tiff-pixels';
import { cacheDecodedBlocks } from './tiff-block-cache';
import { readTiffGeoreference } from './tiff-geotags';
import { PREVIEW_PIXEL_LIMIT, planSampledPreview } from '../domain/preview-plan';

/** Largest block read at once when shrinking a big region (whole-image pass without overviews): 4 MP. */
const BAND_PIXELS = 4_000_000;
/** Enough values for stable percentiles. */
const STRETCH_SAMPLES = 1_000_000;
/** Decoded blocks kept per level for overlapping windows: a row of 512² RGB blocks across a 10,000-px raster. */
const BLOCK_CACHE_BYTES = 32 * 1024 * 1024;

export { isTiff } from '../domain/image-header';

export interface TiffInfo {
  width: number;
  height: number;
  samplesPerPixel: number;
  bitsPerSample: number;
  sampleFormat: 'unsigned' | 'signed' | 'float';
  compression: string;
  photometric: string;
  /** Stored in tiles (else strips), and their size. */
  tiled: boolean;
  blockWidth: number;
  blockHeight: number;
  /** Sizes of the reduced-resolution images (internal overviews), largest first. */
  overviews: { width: number; height: number }[];
  /** How values were mapped to 0–255, for data deeper than 8 bits. */
  stretch?: Stretch;
}

export interface TiffOptions {
  /** Percentiles mapped to black and white for data deeper than 8 bits (default 2 and 98). */
  stretch?: StretchPercentiles | undefined;
}

interface Level {
  image: GeoTIFFImage;
  width: number;
  height: number;
}

async function tagsOf(image: GeoTIFFImage): Promise<TiffTags> {
  const fd = image.getFileDirectory();
  const list = async (name: Parameters<typeof fd.loadValue>[0]): Promise<number[]> => {
    const value: unknown = await fd.loadValue(name);
    if (value === undefined || value === null) return [];
    return typeof value === 'number' ? [value] : Array.from(value as ArrayLike<number>, Number);
  };
  const spp = image.getSamplesPerPixel();
  const bits = await list('BitsPerSample');
  const formats = await list('SampleFormat');
  const photometric = (await list('PhotometricInterpretation'))[0];
  const colorMap = fd.hasTag('ColorMap') ? ((await fd.loadValue('ColorMap')) as ArrayLike<number>) : undefined;
  return {
    width: image.getWidth(),
    height: image.getHeight(),
    samplesPerPixel: spp,
    bitsPerSample: bits.length ? bits : [1],
    sampleFormat: formats.length ? formats : [1],
    compression: (await list('Compression'))[0] ?? 1,
    photometric,
    extraSamples: await list('ExtraSamples'),
    ...(colorMap ? { colorMap } : {}),
  };
}

/** Full image first, then the internal overviews (reduced-resolution subfiles) of the same layout, largest first. */
async function levelsOf(tiff: GeoTIFF, main: GeoTIFFImage, mainTags: TiffTags): Promise<Level[]> {
  const levels: Level[] = [{ image: main, width: main.getWidth(), height: main.getHeight() }];
  const count = await tiff.getImageCount();
  for (let i = 1; i < count; i++) {
    const image = await tiff.getImage(i);
    const fd = image.getFileDirectory();
    const subfile = Number((await fd.loadValue('NewSubfileType')) ?? 0);
    const reduced = (subfile & 1) === 1 || Number((await fd.loadValue('SubfileType')) ?? 0) === 2;
    if (!reduced || (subfile & 4) === 4 || image.getWidth() >= main.getWidth()) continue;
    const tags = await tagsOf(image);
    const same = tags.samplesPerPixel === mainTags.samplesPerPixel && tags.bitsPerSample[0] === mainTags.bitsPerSample[0];
    if (same && tags.compression === mainTags.compression) levels.push({ image, width: image.getWidth(), height: image.getHeight() });
  }
  return levels.sort((a, b) => b.width - a.width);
}

export class TiffSource implements RasterSource {
  readonly width: number;
  readonly height: number;

  private constructor(
    private readonly levels: Level[],
    private readonly layout: PixelLayout,
    private stretch: Stretch | undefined,
    readonly info: TiffInfo,
    private readonly geo: Georeference | null | Error = null,
  ) {
    this.width = levels[0]!.width;
    this.height = levels[0]!.height;
  }

  /** Opens a TIFF held in memory (compressed, as read from the file); pixels are decoded per window later. */
  static fromArrayBuffer(buffer: ArrayBuffer, options?: TiffOptions): Promise<TiffSource> {
    return TiffSource.open(() => fromArrayBuffer(buffer), options);
  }

  /** Opens a TIFF from a Blob or File, reading only the byte ranges it needs: a large raster never sits in memory whole. */
  static fromBlob(blob: Blob, options?: TiffOptions): Promise<TiffSource> {
    return TiffSource.open(() => fromBlob(blob), options);
  }

  /** Opens a TIFF through any geotiff.js opener (fromFile in Node reads byte ranges from disk). */
  static async open(opener: () => Promise<GeoTIFF>, options: TiffOptions = {}): Promise<TiffSource> {
    try {
      return await TiffSource.openUnchecked(opener, options);
    } catch (error) {
      // A damaged directory shows as RangeErrors and TypeErrors deep in geotiff.js: the file is what is wrong.
      if (error instanceof ImageInputError) throw error;
      throw new ImageInputError(`corrupt TIFF: ${(error as Error).message}`, { cause: error });
    }
  }

  private static async openUnchecked(opener: () => Promise<GeoTIFF>, options: TiffOptions): Promise<TiffSource> {
    const tiff = await opener();
    const main = await tiff.getImage(0);
    const tags = await tagsOf(main);
    if (tags.width < 1 || tags.height < 1) throw new ImageInputError(`TIFF header gives an empty size (${tags.width} × ${tags.height})`);
    const layout = pixelLayout(tags);
    const levels = await levelsOf(tiff, main, tags);
    for (const level of levels) cacheDecodedBlocks(level.image, BLOCK_CACHE_BYTES);
    const format = tags.sampleFormat[0] === 3 ? 'float' : tags.sampleFormat[0] === 2 ? 'signed' : 'unsigned';
    const info: TiffInfo = {
      width: tags.width,
      height: tags.height,
      samplesPerPixel: tags.samplesPerPixel,
      bitsPerSample: layout.bits,
      sampleFormat: format,
      compression: compressionName(tags.compression),
      photometric: photometricName(tags.photometric ?? (tags.samplesPerPixel >= 3 ? 2 : 1)),
      tiled: main.isTiled,
      blockWidth: main.getTileWidth(),
      blockHeight: main.getTileHeight(),
      overviews: levels.slice(1).map(({ width, height }) => ({ width, height })),
    };
    const source = new TiffSource(levels, layout, undefined, info, await readTiffGeoreference(main));
    if (needsStretch(layout)) {
      source.stretch = percentileStretch(await source.sampleColourValues(), options.stretch);
      info.stretch = source.stretch;
    }
    return source;
  }

  async readWindow(window: PixelWindow, outWidth = window.w, outHeight = window.h): Promise<RgbaPixels> {
    checkWindow(window, this.width, this.height);
    checkOutputSize(outWidth, outHeight);
    if (outWidth === window.w && outHeight === window.h) return this.readRgba(this.levels[0]!, window);
    const level = this.levelFor(window, outWidth, outHeight);
    const region = this.onLevel(level, window);
    if (region.w * region.h <= BAND_PIXELS) return resampleRgba(await this.readRgba(level, region), outWidth, outHeight);
    // Too big to read at once: shrink band by band (each band of output rows from its own source rows).
    const out = new Uint8ClampedArray(outWidth * outHeight * 4);
    const rowsPerOut = region.h / outHeight;
    const rowsPerBand = Math.max(1, Math.floor(BAND_PIXELS / (region.w * rowsPerOut)));
    for (let oy = 0; oy < outHeight; oy += rowsPerBand) {
      const rows = Math.min(rowsPerBand, outHeight - oy);
      const y0 = region.y + Math.round(oy * rowsPerOut);
      const y1 = Math.max(y0 + 1, region.y + Math.round((oy + rows) * rowsPerOut));
      const band = await this.readRgba(level, { x: region.x, y: y0, w: region.w, h: y1 - y0 });
      out.set(resampleRgba(band, outWidth, rows).data, oy * outWidth * 4);
    }
    return { data: out, width: outWidth, height: outHeight };
  }

  /**
   * Where the raster lies on the map, from its GeoTIFF tags; null for a TIFF without them. Throws the
   * GeoreferenceError of malformed tags (which do not stop the pixels from being read).
   */
  georeference(): Georeference | null {
    if (this.geo instanceof Error) throw this.geo;
    return this.geo;
  }

  /**
   * The whole image at outWidth × outHeight for the viewer's preview and the thumbnail, decoding at most
   * `limit` pixels: the overview level that fits (upscaled from a smaller one if need be), else a sample of the
   * full-resolution blocks (planSampledPreview), which `sampled` reports.
   */
  async readPreview(outWidth: number, outHeight: number, limit = PREVIEW_PIXEL_LIMIT): Promise<{ pixels: RgbaPixels; sampled?: { blocksRead: number; blocksTotal: number } }> {
    const full = fullWindow(this);
    const level = this.levelFor(full, outWidth, outHeight);
    if (level.width * level.height <= limit) return { pixels: await this.readWindow(full, outWidth, outHeight) };
    const smaller = this.levels.find((l) => l.width * l.height <= limit);
    if (smaller) return { pixels: resampleRgba(await this.readRgba(smaller, { x: 0, y: 0, w: smaller.width, h: smaller.height }), outWidth, outHeight) };
    const main = this.levels[0]!;
    const plan = planSampledPreview(main.width, main.height, { width: main.image.getTileWidth(), height: main.image.getTileHeight() }, outWidth, outHeight, limit);
    if (!plan) return { pixels: await this.readWindow(full, outWidth, outHeight) };
    const out = new Uint8ClampedArray(outWidth * outHeight * 4);
    for (const { source, out: cell } of plan.cells) {
      const block = resampleRgba(await this.readRgba(main, source), cell.w, cell.h);
      for (let row = 0; row < cell.h; row++) out.set(block.data.subarray(row * cell.w * 4, (row + 1) * cell.w * 4), ((cell.y + row) * outWidth + cell.x) * 4);
    }
    return { pixels: { data: out, width: outWidth, height: outHeight }, sampled: { blocksRead: plan.blocksRead, blocksTotal: plan.blocksTotal } };
  }

  /** The whole image at a small size (for the whole-image pass), from the internal overviews where present. */
  readOverview(outWidth: number, outHeight: number): Promise<RgbaPixels> {
    return this.readWindow(fullWindow(this), outWidth, outHeight);
  }

  /** The most reduced level still at least as detailed as the output asks. */
  private levelFor(window: PixelWindow, outWidth: number, outHeight: number): Level {
    let chosen = this.levels[0]!;
    for (const level of this.levels) {
      const w = (window.w * level.width) / this.width;
      const h = (window.h * level.height) / this.height;
      if (w >= outWidth && h >= outHeight) chosen = level;
    }
    return chosen;
  }

  /** A full-resolution window in a level's pixels, widened to whole pixels. */
  private onLevel(level: Level, window: PixelWindow): PixelWindow {
    if (level === this.levels[0]) return window;
    const sx = level.width / this.width;
    const sy = level.height / this.height;
    const x0 = Math.floor(window.x * sx);
    const y0 = Math.floor(window.y * sy);
    const x1 = Math.min(level.width, Math.max(x0 + 1, Math.ceil((window.x + window.w) * sx)));
    const y1 = Math.min(level.height, Math.max(y0 + 1, Math.ceil((window.y + window.h) * sy)));
    return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
  }

  private async readRaw(level: Level, window: PixelWindow): Promise<TypedArray> {
    try {
      return await level.image.readRasters({
        window: [window.x, window.y, window.x + window.w, window.y + window.h],
        samples: [...this.layout.samples],
        interleave: true,
      });
    } catch (error) {
      throw new ImageInputError(`corrupt TIFF: ${(error as Error).message}`, { cause: error });
    }
  }

  private async readRgba(level: Level, window: PixelWindow): Promise<RgbaPixels> {
    const raw = await this.readRaw(level, window);
    return { data: toRgba(raw, window.w * window.h, this.layout, this.stretch), width: window.w, height: window.h };
  }

  /**
   * Values for the stretch: the smallest overview when it is small, else the whole image when small, else an
   * 8 × 8 grid of 64-pixel windows spread over the image (a few tiles decoded, never the whole raster).
   */
  private async sampleColourValues(): Promise<number[]> {
    const noData = this.levels[0]!.image.getGDALNoData();
    const smallest = this.levels[this.levels.length - 1]!;
    const windows: [Level, PixelWindow][] = [];
    if (smallest.width * smallest.height <= BAND_PIXELS) {
      windows.push([smallest, { x: 0, y: 0, w: smallest.width, h: smallest.height }]);
    } else {
      const main = this.levels[0]!;
      const size = Math.min(64, main.width, main.height);
      for (let gy = 0; gy < 8; gy++) {
        for (let gx = 0; gx < 8; gx++) {
          const x = Math.round(((main.width - size) * (gx + 0.5)) / 8);
          const y = Math.round(((main.height - size) * (gy + 0.5)) / 8);
          windows.push([main, { x, y, w: size, h: size }]);
        }
      }
    }
    const pixels = windows.reduce((sum, [, w]) => sum + w.w * w.h, 0);
    const pixelStep = Math.max(1, Math.ceil((pixels * this.layout.samples.length) / STRETCH_SAMPLES));
    const values: number[] = [];
    for (const [level, window] of windows) {
      const raw = await this.readRaw(level, window);
      for (const v of colourValues(raw, this.layout, noData, pixelStep)) values.push(v);
    }
    return values;
  }
}
