import { DATASET_FORMATS, isDatasetFormat } from '../../domain/dataset/model';
import { UsageError } from '../usage';
import type { EvaluateOptions } from './evaluate';

export interface EvaluateFlags {
  gt?: string;
  pred?: string[];
  iou?: string;
  threshold?: string;
  json?: boolean;
  'gt-format'?: string;
}

function fraction(flag: string, text: string | undefined, fallback: number, { zeroAllowed }: { zeroAllowed: boolean }): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value > 1 || value < 0 || (!zeroAllowed && value === 0)) {
    throw new UsageError(`--${flag} must be a number ${zeroAllowed ? 'from 0' : 'above 0 and up'} to 1, got "${text}"`);
  }
  return value;
}

/** --gt <file>, --pred <file> (once, or twice to compare), --iou (default 0.5), --threshold (default 0.5), --json, --gt-format. */
export function parseEvaluate(flags: EvaluateFlags, positionals: string[]): EvaluateOptions {
  if (positionals.length > 0) throw new UsageError(`evaluate takes its files as --gt and --pred, not "${positionals[0]}"`);
  if (!flags.gt) throw new UsageError('evaluate needs --gt <ground truth: COCO JSON, or a dataset folder or zip>');
  const pred = flags.pred ?? [];
  if (pred.length === 0) throw new UsageError('evaluate needs --pred <predictions: a COCO results list or a COCO file with scores>');
  if (pred.length > 2) throw new UsageError(`evaluate compares at most two predictions files, got ${pred.length}`);
  const format = flags['gt-format'];
  if (format !== undefined && !isDatasetFormat(format)) throw new UsageError(`--gt-format must be one of ${DATASET_FORMATS.join(', ')}, got "${format}"`);
  return {
    gt: flags.gt,
    pred,
    iou: fraction('iou', flags.iou, 0.5, { zeroAllowed: false }),
    threshold: fraction('threshold', flags.threshold, 0.5, { zeroAllowed: true }),
    json: flags.json === true,
    ...(format ? { gtFormat: format } : {}),
  };
}
