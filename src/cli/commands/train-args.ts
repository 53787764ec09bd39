import { DEFAULT_MIN_EXAMPLES } from '../../domain/training/examples';
import { DEFAULT_SETTINGS } from '../../domain/training/record';
import { UsageError } from '../usage';
import type { TrainOptions } from './train';

export interface TrainFlags {
  task?: string;
  data?: string;
  out?: string;
  seed?: string;
  val?: string;
  'min-examples'?: string;
  labels?: string;
  name?: string;
  epochs?: string;
  verbose?: boolean;
}

function wholeNumber(flag: string, text: string, min: number): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isInteger(value) || value < min) throw new UsageError(`--${flag} must be a whole number of at least ${min}, got "${text}"`);
  return value;
}

/** --task tags|boxes --data <set> --out <folder> [--seed N] [--val 0.2] [--min-examples 5] [--labels a,b] [--name …] [--epochs N]. */
export function parseTrain(flags: TrainFlags, positionals: readonly string[]): TrainOptions {
  if (positionals.length > 0) throw new UsageError(`train takes no file arguments (got ${positionals.join(' ')}): give the data with --data`);
  if (flags.task !== 'tags' && flags.task !== 'boxes') throw new UsageError(`--task must be tags (an image classifier) or boxes (a box labeller), got "${flags.task ?? ''}"`);
  if (!flags.data) throw new UsageError('--data is missing: a COCO file, or a folder or .zip of a dataset with its images');
  if (!flags.out) throw new UsageError('--out is missing: the folder to write the model into');
  const val = flags.val === undefined ? DEFAULT_SETTINGS.valFraction : Number(flags.val);
  if (!(val > 0 && val < 1)) throw new UsageError(`--val must be a share between 0 and 1, such as 0.2, got "${flags.val}"`);
  const labels = flags.labels?.split(',').map((l) => l.trim()).filter(Boolean);
  if (labels && labels.length < 2) throw new UsageError('--labels needs at least two labels, separated by commas');
  return {
    task: flags.task,
    data: flags.data,
    out: flags.out,
    seed: flags.seed === undefined ? DEFAULT_SETTINGS.seed : wholeNumber('seed', flags.seed, 0),
    val,
    minExamples: flags['min-examples'] === undefined ? DEFAULT_MIN_EXAMPLES : wholeNumber('min-examples', flags['min-examples'], 2),
    ...(labels ? { labels } : {}),
    ...(flags.name ? { name: flags.name } : {}),
    ...(flags.epochs ? { maxEpochs: wholeNumber('epochs', flags.epochs, 1) } : {}),
    verbose: flags.verbose ?? false,
  };
}
