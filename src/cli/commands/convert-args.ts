import { type DatasetFormat, DATASET_FORMATS, isDatasetFormat } from '../../domain/dataset/model';
import { checkRatios, type SplitRatios } from '../../domain/dataset/split';
import { UsageError } from '../usage';
import type { ConvertOptions } from './convert';

export interface ConvertFlags {
  from?: string;
  to?: string;
  split?: string;
  seed?: string;
  verbose?: boolean;
}

/** --from and --to (coco, yolo, voc, csv), <input> <output>, and --split train,val,test with --seed. */
export function parseConvert(flags: ConvertFlags, positionals: string[]): ConvertOptions {
  const format = (name: 'from' | 'to'): DatasetFormat => {
    const value = flags[name];
    if (value === undefined) throw new UsageError(`convert needs --${name} <${DATASET_FORMATS.join('|')}>`);
    if (!isDatasetFormat(value)) throw new UsageError(`--${name} must be one of ${DATASET_FORMATS.join(', ')}, got "${value}"`);
    return value;
  };
  const from = format('from');
  const to = format('to');
  if (positionals.length !== 2) throw new UsageError(`convert needs an input and an output, got ${positionals.length} path${positionals.length === 1 ? '' : 's'}`);
  const [input, output] = positionals as [string, string];
  let split: SplitRatios | undefined;
  if (flags.split !== undefined) {
    const parts = flags.split.split(',').map((p) => Number(p.trim()));
    const seed = flags.seed === undefined ? 0 : Number(flags.seed);
    split = { train: parts[0] ?? NaN, val: parts[1] ?? 0, test: parts[2] ?? 0, seed };
    const problem = parts.length > 3 ? 'give at most three ratios' : checkRatios(split);
    if (problem) throw new UsageError(`--split train,val,test / --seed: ${problem}, got "${flags.split}"${flags.seed !== undefined ? ` and seed "${flags.seed}"` : ''}`);
  } else if (flags.seed !== undefined) throw new UsageError('--seed goes with --split');
  return { from, to, input, output, verbose: flags.verbose === true, ...(split ? { split } : {}) };
}
