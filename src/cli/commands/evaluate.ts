import { extname } from 'node:path';
import { importDataset } from '../../domain/dataset/codec';
import { detectFormat } from '../../domain/dataset/detect-format';
import { DatasetError } from '../../domain/dataset/errors';
import { bundledImageSizes } from '../../domain/dataset/match';
import type { DatasetFormat } from '../../domain/dataset/model';
import { splitSetFiles } from '../../domain/dataset/zip';
import { compareReports } from '../../domain/eval/compare';
import { evaluateDetections } from '../../domain/eval/evaluate';
import { type GroundTruth, groundTruthFromCoco, groundTruthFromDataset } from '../../domain/eval/ground-truth';
import { isClassifyOutput, readPredictions, readTagPredictions } from '../../domain/eval/predictions';
import { evaluationJson, tagJson } from '../../domain/eval/report-json';
import { evaluateTags } from '../../domain/eval/tags';
import { readSetInput } from '../dataset-io';
import { readInputFile } from '../read-file';
import { UsageError } from '../usage';
import type { Output } from './detect';
import { classTableText, comparisonText, confusionText, summaryText, tagText } from './evaluate-text';

export interface EvaluateOptions {
  gt: string;
  /** One predictions file, or two to compare. */
  pred: string[];
  iou: number;
  threshold: number;
  json: boolean;
  /** The ground truth's format when it is a folder or zip; found from its files otherwise. */
  gtFormat?: DatasetFormat;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

async function readText(path: string): Promise<string> {
  try {
    return decoder.decode(await readInputFile(path));
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`, { cause: error });
  }
}

/** Ground truth: a COCO JSON file, or a folder, zip or file in any format the project reads (boxes as the readers give them). */
async function readGroundTruth(path: string, format?: DatasetFormat): Promise<GroundTruth> {
  if (extname(path).toLowerCase() === '.json' && (format ?? 'coco') === 'coco') return groundTruthFromCoco(await readText(path), path);
  const { text, images } = splitSetFiles(await readSetInput(path));
  const found = format ?? detectFormat(text);
  if (!found) throw new UsageError(`${path}: no dataset files found (COCO .json, YOLO data.yaml or classes.txt, VOC .xml, .csv); name one with --gt-format`);
  const jsons = Object.keys(text).filter((p) => p.toLowerCase().endsWith('.json'));
  if (found === 'coco' && jsons.length === 1) return groundTruthFromCoco(text[jsons[0]!]!, jsons[0]!);
  return groundTruthFromDataset(importDataset(found, text, bundledImageSizes(images)), path);
}

/**
 * Evaluates predictions against ground truth with the app's own code: COCOeval's figures, per class precision,
 * recall and F1 at the threshold and IoU, the confusion matrix; or, for `workbench classify` output, tag accuracy.
 * Two predictions files are compared (the second minus the first).
 */
export async function runEvaluate(options: EvaluateOptions, io: Output): Promise<number> {
  try {
    const gt = await readGroundTruth(options.gt, options.gtFormat);
    const texts = await Promise.all(options.pred.map(readText));
    const say = (lines: string[]) => io.stdout(`${lines.join('\n')}\n`);
    if (texts.some(isClassifyOutput)) {
      if (texts.length > 1) throw new UsageError('comparing two classifier runs is not supported; evaluate each on its own');
      const { images, notes } = readTagPredictions(gt, texts[0]!, options.pred[0]!);
      const report = evaluateTags(images, options.threshold);
      for (const note of notes) io.stderr(`workbench: ${note}`);
      if (options.json) say([JSON.stringify({ groundTruth: options.gt, predictions: options.pred[0], tags: tagJson(report), notes })]);
      else say(tagText(report));
      return 0;
    }
    const inputs = texts.map((text, i) => readPredictions(gt, text, options.pred[i]!));
    // Two runs are compared on the images both have predictions for (as the app compares them).
    const common = inputs.map((input) => new Set(input.images.map((image) => image.id))).reduce((a, b) => new Set([...a].filter((id) => b.has(id))));
    const runs = inputs.map((input, i) => {
      const images = input.images.filter((image) => common.has(image.id));
      const left = input.images.length - images.length;
      const notes = left ? [...input.notes, `${left} images not in the other predictions file: left out of the comparison`] : input.notes;
      const report = evaluateDetections(images, { iou: options.iou, threshold: options.threshold }, input.classes);
      return { report, predictions: options.pred[i]!, notes };
    });
    const notes = runs.flatMap((r) => r.notes.map((n) => (runs.length > 1 ? `${r.predictions}: ${n}` : n)));
    for (const note of notes) io.stderr(`workbench: ${note}`);
    if (options.json) {
      say([JSON.stringify(evaluationJson(runs, { groundTruth: options.gt, notes }))]);
      return 0;
    }
    for (const run of runs) {
      const { report } = run;
      say([
        `Ground truth ${options.gt}: ${report.images} images, ${report.truths} boxes${report.crowd ? `, ${report.crowd} crowd regions` : ''}; predictions ${run.predictions}: ${report.detections} boxes`,
        ...summaryText(report.summary),
        '',
        ...classTableText(report),
        '',
        ...confusionText(report),
        '',
      ]);
    }
    if (runs.length === 2) say(comparisonText(compareReports(runs[0]!.report, runs[1]!.report), runs[0]!.predictions, runs[1]!.predictions));
    return 0;
  } catch (error) {
    if (error instanceof DatasetError) {
      io.stderr(`workbench: ${error.message.replace(/nothing was imported/, 'nothing was evaluated')}`);
      return 1;
    }
    throw error;
  }
}
