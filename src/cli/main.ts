import { parseStretch, type StretchPercentiles } from '../domain/stretch';
import { parseArgs } from 'node:util';
import { isDatasetFormat } from '../domain/dataset/model';
import { runClassify } from './commands/classify';
import { parseConvert } from './commands/convert-args';
import { parseTiling, runDetect } from './commands/detect';
import { parseGeoFlags } from './commands/detect-geojson';
import { runModels } from './commands/models';
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
            'split-by-class': { type: 'boolean' },
            stretch: { type: 'string' },
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
      const tiling = parseTiling(values);
      const asked = values.format ?? 'coco';
      if (!isDatasetFormat(asked) && asked !== 'geojson') throw new UsageError(`--format must be coco, yolo, voc, csv or geojson, got "${asked}"`);
      const { geo } = parseGeoFlags({ ...values, format: asked === 'geojson' ? 'geojson' : 'coco' });
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
          options: { from: { type: 'string' }, to: { type: 'string' }, split: { type: 'string' }, seed: { type: 'string' }, verbose: { type: 'boolean', short: 'v', default: false }, help },
          allowPositionals: true,
          strict: true,
        }),
      );
      if (values.help) return printUsage();
      const { runConvert } = await import('./commands/convert');
      return runConvert(parseConvert(values, positionals), { stdout, stderr });
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
      throw new UsageError(`unknown command "${command}" (commands: models, detect, classify, convert, evaluate, train)`);
  }
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
