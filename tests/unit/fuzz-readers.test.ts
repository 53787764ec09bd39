// Every reader of outside input, fed mutated valid files and random text: it gives a result, or a problem that
// names the file (and the line or field where there is one). Never another exception, never a stack overflow.
// A fixed budget and seed keep CI fast and repeatable; FUZZ_RUNS and FUZZ_SEED explore further.
import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { exportDataset, importDataset } from '../../src/domain/dataset/codec';
import { DatasetError } from '../../src/domain/dataset/errors';
import type { DatasetFormat, TextFiles } from '../../src/domain/dataset/model';
import { bytesSource, openZip, ZipError } from '../../src/domain/dataset/safe-zip';
import { parseSimpleYaml } from '../../src/domain/formats/yolo/yaml';
import { GeoreferenceError } from '../../src/domain/geo/georeference';
import { georeferenceFromGeoTiffTags } from '../../src/domain/geo/geotiff-tags';
import { crsFromPrj } from '../../src/domain/geo/prj';
import { parseWorldFile } from '../../src/domain/geo/worldfile';
import { ImageInputError, readImageHeader } from '../../src/domain/image-header';
import { TiffSource } from '../../src/platform/tiff-source';
import { readFixture } from '../helpers/fixtures';
import { writeTiff } from '../helpers/tiff-writer';
import { sampleDataset } from './format-sample';

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const SEED = Number(process.env.FUZZ_SEED ?? 20_2020);
const budget = (share = 1) => ({ numRuns: Math.max(10, Math.round(RUNS * share)), seed: SEED });

/** Edits to a text: replace, insert or delete a run of characters at a relative position, or cut the end off. */
const edits = fc.array(
  fc.record({
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    kind: fc.constantFrom('replace', 'insert', 'delete', 'cut'),
    text: fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('"', '<', '>', '&', ',', '\n', '\r', ':', '-', '#', '[', ']', '{', '}', 'NaN', '1e309', '-0', '\u0000', '&#x110000;', '__proto__')),
  }),
  { minLength: 1, maxLength: 6 },
);

function mutate(text: string, changes: { at: number; kind: string; text: string }[]): string {
  let out = text;
  for (const { at, kind, text: piece } of changes) {
    const i = Math.floor(at * out.length);
    if (kind === 'replace') out = out.slice(0, i) + piece + out.slice(i + piece.length);
    else if (kind === 'insert') out = out.slice(0, i) + piece + out.slice(i);
    else if (kind === 'delete') out = out.slice(0, i) + out.slice(i + 1 + piece.length);
    else out = out.slice(0, i);
  }
  return out;
}

const mutateBytes = (bytes: Uint8Array, changes: { at: number; kind: string; text: string }[]): Uint8Array => {
  let out = bytes.slice();
  for (const { at, kind, text } of changes) {
    const i = Math.floor(at * out.length);
    const piece = strToU8(text);
    if (kind === 'replace') for (let k = 0; k < piece.length && i + k < out.length; k++) out[i + k] = piece[k]! ^ out[i + k]!;
    else if (kind === 'insert') out = new Uint8Array([...out.subarray(0, i), ...piece, ...out.subarray(i)]);
    else if (kind === 'delete') out = new Uint8Array([...out.subarray(0, i), ...out.subarray(i + 1 + piece.length)]);
    else out = out.slice(0, i);
  }
  return out;
};

/** A dataset problem as the app shows it: the file named, a message, a line that is a line. */
function expectDatasetProblems(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    if (!(error instanceof DatasetError)) throw error;
    expect(error.problems.length).toBeGreaterThan(0);
    for (const p of error.problems) {
      expect(typeof p.file === 'string' && p.file.length > 0).toBe(true);
      expect(p.message.length).toBeGreaterThan(0);
      if (p.line !== undefined) expect(Number.isInteger(p.line) && p.line >= 1).toBe(true);
    }
  }
}

const known = new Map([
  ['astronaut.png', { width: 512, height: 512 }],
  ['rocket.jpg', { width: 640, height: 427 }],
  ['street, "main".jpg', { width: 300, height: 200 }],
  ['empty.png', { width: 30, height: 20 }],
]);
const samples = (format: DatasetFormat): TextFiles => exportDataset(format, sampleDataset()).files;

describe('fuzzed dataset importers give a dataset or problems naming file and line', () => {
  for (const format of ['coco', 'yolo', 'voc', 'csv'] as const) {
    it(`${format}: mutated files of a valid set`, () => {
      const files = samples(format);
      const paths = Object.keys(files);
      fc.assert(
        fc.property(fc.nat(paths.length - 1), edits, (which, changes) => {
          const path = paths[which]!;
          expectDatasetProblems(() => importDataset(format, { ...files, [path]: mutate(files[path]!, changes) }, known));
        }),
        budget(),
      );
    });
  }

  it('coco: any JSON value, and JSON nested 100,000 deep', () => {
    fc.assert(fc.property(fc.json({ depthSize: 'medium' }), (json) => expectDatasetProblems(() => importDataset('coco', { 'a.json': json }, known))), budget());
    expectDatasetProblems(() => importDataset('coco', { 'a.json': `${'['.repeat(100_000)}${']'.repeat(100_000)}` }, known));
    expectDatasetProblems(() => importDataset('coco', { 'a.json': `{"images":${'['.repeat(100_000)}` }, known));
  });

  it('voc and csv: random text from their own alphabets', () => {
    const xmlish = fc.string({ unit: fc.constantFrom('<', '>', '/', '&', '#', ';', 'x', '"', "'", '=', ' ', 'a', 'n', '1', '\n', '!', '-', '?', '['), maxLength: 80 });
    fc.assert(fc.property(xmlish, (xml) => expectDatasetProblems(() => importDataset('voc', { 'a.xml': xml }, known))), budget());
    const csvish = fc.string({ unit: fc.constantFrom('"', ',', '\r', '\n', '=', '+', '-', '@', "'", ' ', 'a', '0', '.', '9', 'e'), maxLength: 80 });
    fc.assert(fc.property(csvish, (csv) => expectDatasetProblems(() => importDataset('csv', { 'a.csv': `image,label,x,y,w,h\n${csv}` }, known))), budget());
  });

  it('yaml: random text gives values or problems with a line', () => {
    const yamlish = fc.string({ unit: fc.constantFrom(':', '-', ' ', '\n', '#', "'", '"', '[', ']', ',', '{', '|', '&', '*', 'a', '0', '_'), maxLength: 80 });
    fc.assert(fc.property(yamlish, (yaml) => expectDatasetProblems(() => parseSimpleYaml(yaml, 'data.yaml'))), budget());
  });
});

/** A georeference reader's answer: a finite transform, or a GeoreferenceError whose message names the file. */
function expectGeoreference(run: () => unknown, file?: string): void {
  try {
    const result = run();
    const transform = (result as { transform?: readonly number[] } | null)?.transform ?? (Array.isArray(result) ? result : null);
    if (transform) expect(transform.every(Number.isFinite)).toBe(true);
  } catch (error) {
    if (!(error instanceof GeoreferenceError)) throw error;
    if (file) expect(error.message.startsWith(file)).toBe(true);
  }
}

describe('fuzzed georeference readers give a georeference or a reason naming the file', () => {
  it('world files: mutated and random', () => {
    const valid = '0.2\n0\n0\n-0.2\n550000.1\n5804999.9\n';
    fc.assert(fc.property(edits, (changes) => expectGeoreference(() => parseWorldFile(mutate(valid, changes), 'a.jgw'), 'a.jgw')), budget());
    const numbers = fc.array(fc.oneof(fc.double(), fc.constantFrom('1e308', '-1e308', '1d3', 'NaN', '', ' ', '0x10')).map(String), { maxLength: 8 });
    fc.assert(fc.property(numbers, (lines) => expectGeoreference(() => parseWorldFile(lines.join('\n'), 'b.tfw'), 'b.tfw')), budget());
  });

  it('.prj: mutated WKT', () => {
    const wkt = 'PROJCS["ETRS89 / UTM zone 32N",GEOGCS["ETRS89",DATUM["D",SPHEROID["GRS 1980",6378137,298.257222101]]],PROJECTION["Transverse_Mercator"],AUTHORITY["EPSG","25832"]]';
    fc.assert(fc.property(edits, (changes) => expectGeoreference(() => crsFromPrj(mutate(wkt, changes), 'a.prj'), 'a.prj')), budget());
    expect(() => crsFromPrj(`${'A['.repeat(50_000)}1${']'.repeat(50_000)}`, 'deep.prj')).toThrow('deep.prj: not WKT: nodes nested more than 64 deep');
  });

  it('GeoTIFF tags: arrays of any numbers', () => {
    const numbers = fc.array(fc.oneof(fc.double(), fc.integer({ min: -5, max: 40_000 }), fc.constantFrom(0, 1, 34736, 34737, 1024, 3072, 2, 32767)), { maxLength: 24 });
    const tags = fc.record(
      { modelPixelScale: numbers, modelTiepoint: numbers, modelTransformation: numbers, geoKeyDirectory: numbers, geoDoubleParams: numbers, geoAsciiParams: fc.string({ maxLength: 20 }) },
      { requiredKeys: [] },
    );
    fc.assert(fc.property(tags, (t) => expectGeoreference(() => georeferenceFromGeoTiffTags(t))), budget(2));
  });
});

describe('fuzzed image headers give a size or a reason', () => {
  const seeds = [readFixture('astronaut.png'), readFixture('rocket.jpg'), new Uint8Array(writeTiff([{ width: 4, height: 3, samples: 3, data: new Uint8Array(36), photometric: 2 }]))];
  const checkHeader = (bytes: Uint8Array) => {
    try {
      const header = readImageHeader(bytes);
      expect(Number.isInteger(header.width) && header.width > 0 && Number.isInteger(header.height) && header.height > 0).toBe(true);
    } catch (error) {
      if (!(error instanceof ImageInputError)) throw error;
      expect(error.message.length).toBeGreaterThan(0);
    }
  };

  it('PNG, JPEG and TIFF bytes mutated, and random bytes', () => {
    fc.assert(fc.property(fc.nat(seeds.length - 1), edits, (which, changes) => checkHeader(mutateBytes(seeds[which]!.subarray(0, 4096), changes))), budget());
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), checkHeader), budget());
  });

  it('TIFFs mutated: the TIFF reader opens them or says why (ImageInputError)', async () => {
    const tiff = seeds[2]!;
    await fc.assert(
      fc.asyncProperty(edits, async (changes) => {
        const bytes = mutateBytes(tiff, changes);
        try {
          const source = await TiffSource.fromArrayBuffer(bytes.slice().buffer);
          await source.readWindow({ x: 0, y: 0, w: Math.min(2, source.width), h: Math.min(2, source.height) });
        } catch (error) {
          if (!(error instanceof ImageInputError) && !(error instanceof RangeError && /window|output size/.test(error.message))) throw error;
        }
      }),
      // Two cases earlier runs found (geotiff.js threw RangeErrors for a damaged directory), then the budget.
      { ...budget(0.5), examples: [[[{ at: 0.9840425531914894, kind: 'replace', text: '"' }]], [[{ at: 0.9787234042553191, kind: 'replace', text: '-' }]]] },
    );
  });
});

describe('fuzzed zips give their files or a refusal naming the entry', () => {
  it('a dataset zip mutated anywhere', async () => {
    const zip = zipSync({ 'data.yaml': strToU8('names: [person]\n'), 'labels/a.txt': strToU8('0 0.5 0.5 0.2 0.2\n'.repeat(50)), 'images/a.png': readFixture('astronaut.png').subarray(0, 2000) });
    await fc.assert(
      fc.asyncProperty(edits, async (changes) => {
        try {
          const opened = await openZip(bytesSource(mutateBytes(zip, changes)), 'set.zip');
          for (const entry of opened.entries) await opened.read(entry);
        } catch (error) {
          if (!(error instanceof ZipError)) throw error;
          expect(error.entry.length).toBeGreaterThan(0);
        }
      }),
      budget(),
    );
  });
});
