import { parseStretch, type StretchPercentiles } from '../domain/stretch';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { isDatasetFormat } from '../domain/dataset/model';
import { DEFAULT_MAX_DISTANCE } from '../domain/evidence/phash';
import type { ZipLimits } from '../domain/dataset/safe-zip';
import { parseZipLimits } from '../domain/dataset/zip-limits';
import { runClassify } from './commands/classify';
import { parseConvert } from './commands/convert-args';
import { parseTiling, runDetect } from './commands/detect';
import { parseGeoFlags } from './commands/detect-geojson';
import { runModels } from './commands/models';
import type { AreaFormat } from './commands/detect-area';
import { USAGE, UsageError } from './usage';

const stdout = (text: string) => process.stdout.write(text);
const stderr = (line: string) => process.stderr.write(`${line}\n`);

/** Runs the `workbench` command; resolves to the exit status (0 ok, 1 some input failed, 2 usage error). */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    return await dispatch(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      stderr(`workbench: ${error.message}\nRun "workbench --help" for usage.`);
      return 2;
    }
    stderr(`workbench: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

const help = { type: 'boolean', short: 'h' } as const;

async function dispatch(argv: readonly string[]): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case undefined:
      throw new UsageError('no command given');
    case 'help':
    case '--help':
    case '-h':
      return printUsage();
    case 'models': {
      const options = { json: { type: 'boolean', default: false }, manifest: { type: 'string' }, help } as const;
      const { values, positionals } = parsing(() => parseArgs({ args, options, allowPositionals: true, strict: true }));
      if (values.help) return printUsage();
      if (values.manifest && positionals.length !== 1) throw new UsageError('--manifest pins one model: give exactly one folder');
      return runModels({ json: values.json, paths: positionals, ...(values.manifest ? { manifest: values.manifest } : {}) }, (line) => stdout(`${line}\n`));
    }
    case 'detect': {
      const { values, positionals } = parsing(() =>
        parseArgs({
          args,
          options: {
            model: { type: 'string', default: 'coco-centernet' },
            manifest: { type: 'string' },
            out: { type: 'string', short: 'o' },
            threshold: { type: 'string' },
            verbose: { type: 'boolean', short: 'v', default: false },
            tile: { type: 'string' },
            overlap: { type: 'string' },
            'whole-pass': { type: 'boolean' },
            'no-tile': { type: 'boolean' },
            format: { type: 'string' },
            crs: { type: 'string' },
            'crs-epsg': { type: 'string' },
            'crs-def': { type: 'string' },
            'split-by-class': { type: 'boolean' },
            stretch: { type: 'string' },
            resume: { type: 'boolean' },
            relabel: { type: 'string' },
            help,
          },
          allowPositionals: true,
          strict: true,
        }),
      );
      if (values.help) return printUsage();
      if (positionals.length === 0) throw new UsageError('detect needs at least one image file');
      const threshold = values.threshold === undefined ? undefined : parseThreshold(values.threshold);
      const { model, out, verbose } = values;
      const asked = values.format ?? 'coco';
      if (asked === 'gpkg' || asked === 'fgb') return runAreaFormat(asked, values, positionals, threshold);
      const tiling = parseTiling(values);
      if (!isDatasetFormat(asked) && asked !== 'geojson') throw new UsageError(`--format must be coco, yolo, voc, csv or geojson, got "${asked}" (or gpkg, fgb: the files as areas)`);
      const crsDef = values['crs-def'] === undefined ? {} : { 'crs-def': await definitionText(values['crs-def']) };
      const { geo } = parseGeoFlags({ ...values, ...crsDef, format: asked === 'geojson' ? 'geojson' : 'coco' });
      const stretch = values.stretch === undefined ? undefined : parseStretchFlag(values.stretch);
      return runDetect(
        {
          files: positionals,
          model,
          out,
          threshold,
          verbose,
          tiling,
          format: asked,
          ...(geo ? { geo } : {}),
          ...(stretch ? { stretch } : {}),
          ...(values.manifest ? { manifest: values.manifest } : {}),
          ...(values.relabel ? { relabel: values.relabel } : {}),
          resume: values.resume === true,
        },
        { stdout, stderr },
      );
    }
    case 'classify': {
      const { values, positionals } = parsing(() =>
        parseArgs({
          args,
          options: { model: { type: 'string', default: 'content-mobilenetv2' }, manifest: { type: 'string' }, top: { type: 'string' }, help },
          allowPositionals: true,
          strict: true,
        }),
      );
      if (values.help) return printUsage();
      if (positionals.length === 0) throw new UsageError('classify needs at least one image file');
      const top = values.top === undefined ? undefined : parseTop(values.top);
      return runClassify({ files: positionals, model: values.model, top, ...(values.manifest ? { manifest: values.manifest } : {}) }, { stdout, stderr });
    }
    case 'convert': {
      const { values, positionals } = parsing(() =>
        parseArgs({
          args,
          options: {
            from: { type: 'string' },
            to: { type: 'string' },
            split: { type: 'string' },
            seed: { type: 'string' },
            verbose: { type: 'boolean', short: 'v', default: false },
            'zip-limits': { type: 'string' },
            help,
          },
          allowPositionals: true,
          strict: true,
        }),
      );
      if (values.help) return printUsage();
      const { runConvert } = await import('./commands/convert');
      const zipLimits = values['zip-limits'] === undefined ? undefined : parseZipLimitsFlag(values['zip-limits']);
      return runConvert({ ...parseConvert(values, positionals), ...(zipLimits ? { zipLimits } : {}) }, { stdout, stderr });
    }
    case 'verify': {
      const { values, positionals } = parsing(() => parseArgs({ args, options: { 'zip-limits': { type: 'string' }, help }, allowPositionals: true, strict: true }));
      if (values.help) return printUsage();
      if (positionals.length !== 1) throw new UsageError(`verify needs one backup file (.zip), got ${positionals.length}`);
      const zipLimits = values['zip-limits'] === undefined ? undefined : parseZipLimitsFlag(values['zip-limits']);
      const { runVerify } = await import('./commands/verify');
      return runVerify({ file: positionals[0]!, ...(zipLimits ? { zipLimits } : {}) }, { stdout, stderr });
    }
    case 'evaluate': {
      const { values, positionals } = parsing(() =>
        parseArgs({
          args,
          options: {
            gt: { type: 'string' },
            pred: { type: 'string', multiple: true },
            iou: { type: 'string' },
            threshold: { type: 'string' },
            json: { type: 'boolean', default: false },
            'gt-format': { type: 'string' },
            help,
          },
          allowPositionals: true,
          strict: true,
        }),
      );
      if (values.help) return printUsage();
      const { parseEvaluate } = await import('./commands/evaluate-args');
      const { runEvaluate } = await import('./commands/evaluate');
      return runEvaluate(parseEvaluate(values, positionals), { stdout, stderr });
    }
    case 'inspect': {
      const { values, positionals } = parsing(() =>
        parseArgs({
          args,
          options: { 'hash-list': { type: 'string', multiple: true }, 'near-duplicates': { type: 'boolean', default: false }, 'max-distance': { type: 'string' }, help },
          allowPositionals: true,
          strict: true,
        }),
      );
      if (values.help) return printUsage();
      if (positionals.length === 0) throw new UsageError('inspect needs at least one file');
      if (values['max-distance'] !== undefined && !values['near-duplicates']) throw new UsageError('--max-distance goes with --near-duplicates');
      const maxDistance = values['max-distance'] === undefined ? DEFAULT_MAX_DISTANCE : parseDistance(values['max-distance']);
      const { runInspect } = await import('./commands/inspect');
      return runInspect({ files: positionals, hashLists: values['hash-list'] ?? [], nearDuplicates: values['near-duplicates'], maxDistance }, { stdout, stderr });
    }
    case 'train': {
      const { values, positionals } = parsing(() =>
        parseArgs({
          args,
          options: {
            task: { type: 'string' },
            data: { type: 'string' },
            out: { type: 'string' },
            seed: { type: 'string' },
            val: { type: 'string' },
            'min-examples': { type: 'string' },
            labels: { type: 'string' },
            name: { type: 'string' },
            epochs: { type: 'string' },
            verbose: { type: 'boolean', short: 'v', default: false },
            help,
          },
          allowPositionals: true,
          strict: true,
        }),
      );
      if (values.help) return printUsage();
      const { parseTrain } = await import('./commands/train-args');
      const { runTrain } = await import('./commands/train');
      return runTrain(parseTrain(values, positionals), { stdout, stderr });
    }
    default:
      throw new UsageError(`unknown command "${command}" (commands: models, detect, classify, convert, evaluate, inspect, verify, train)`);
  }
}

/** --format gpkg|fgb: the files as areas (see commands/detect-area.ts); tiles only, no whole-image pass. */
async function runAreaFormat(
  format: AreaFormat,
  values: { model: string; out?: string; verbose: boolean; tile?: string; overlap?: string; 'whole-pass'?: boolean; 'no-tile'?: boolean; crs?: string; 'crs-epsg'?: string; 'split-by-class'?: boolean; stretch?: string },
  files: string[],
  threshold: number | undefined,
): Promise<number> {
  if (values['whole-pass'] || values['no-tile']) throw new UsageError(`--format ${format} detects areas tile by tile: --whole-pass and --no-tile do not apply`);
  if (values['split-by-class'] || values.crs !== undefined) throw new UsageError(`--format ${format} writes one layer in the files' own CRS: --split-by-class and --crs do not apply`);
  if (values.stretch !== undefined) throw new UsageError(`--format ${format}: --stretch is not supported for areas yet`);
  const tiling = parseTiling({ ...(values.tile !== undefined ? { tile: values.tile } : {}), ...(values.overlap !== undefined ? { overlap: values.overlap } : {}) });
  const { geo } = parseGeoFlags({ format: 'geojson', ...(values['crs-epsg'] !== undefined ? { 'crs-epsg': values['crs-epsg'] } : {}) });
  const { runDetectArea } = await import('./commands/detect-area');
  return runDetectArea(
    {
      files,
      model: values.model,
      format,
      verbose: values.verbose,
      overlap: tiling.overlap,
      ...(values.out !== undefined ? { out: values.out } : {}),
      ...(threshold !== undefined ? { threshold } : {}),
      ...(tiling.tileSize !== undefined ? { tileSize: tiling.tileSize } : {}),
      ...(geo?.crsEpsg !== undefined ? { crsEpsg: geo.crsEpsg } : {}),
    },
    { stdout, stderr },
  );
}

function printUsage(): number {
  stdout(USAGE);
  return 0;
}

function parsing<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    // Node's messages run on with advice about "--"; the first sentence is the useful part.
    throw new UsageError((error as Error).message.split('. ')[0]!, { cause: error });
  }
}

function parseDistance(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isInteger(value) || value < 0 || value > 64) throw new UsageError(`--max-distance must be a whole number from 0 to 64, got "${text}"`);
  return value;
}

/** --crs-def takes a proj4 string or WKT as it is, or the path of a file holding one (a .prj). */
async function definitionText(value: string): Promise<string> {
  if (/^\s*\+proj=/.test(value) || value.includes('[')) return value;
  try {
    return (await readFile(value, 'utf8')).replace(/^\uFEFF/, '').trim();
  } catch {
    throw new UsageError(`--crs-def must be a proj4 string (+proj=…), WKT, or a file holding one; cannot read "${value}"`);
  }
}

function parseZipLimitsFlag(text: string): ZipLimits {
  try {
    return parseZipLimits(text);
  } catch (error) {
    throw new UsageError(`--zip-limits: ${(error as Error).message}`, { cause: error });
  }
}

function parseTop(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new UsageError(`--top must be a whole number of at least 1, got "${text}"`);
  return value;
}

function parseThreshold(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new UsageError(`--threshold must be a number from 0 to 1, got "${text}"`);
  }
  return value;
}

function parseStretchFlag(text: string): StretchPercentiles {
  try {
    return parseStretch(text);
  } catch (error) {
    throw new UsageError(`--stretch: ${(error as Error).message}`, { cause: error });
  }
}
