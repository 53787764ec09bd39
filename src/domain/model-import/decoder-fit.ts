import type { DetectorDecoderName } from '../model-manifest';

/** An output as a run of the model showed it. */
export interface ProbedOutput {
  name: string;
  shape: number[];
  /** The signature's name for it (TF Object Detection API: "detection_boxes"). */
  key?: string;
  /** Every value in 0–1 and each row summing to 1: the model already gives probabilities. */
  probabilities?: boolean;
}

export type DecoderChoice = DetectorDecoderName | 'classifier';

export interface DecoderFit {
  decoder: DecoderChoice;
  /** The outputs it reads, in its order. */
  outputs: string[];
  /** Classes the output's shape implies, where it does (YOLO rows, classifier scores). */
  classes?: number;
}

export const describeShape = (shape: readonly number[]) => `[${shape.join(', ')}]`;
export const describeOutputs = (outputs: readonly ProbedOutput[]) => outputs.map((o) => `${o.key ?? o.name} ${describeShape(o.shape)}`).join(', ');

/** The shape without a leading batch of one. */
const rows = (shape: readonly number[]) => (shape.length > 1 && shape[0] === 1 ? shape.slice(1) : [...shape]);

const SSD_PARTS = [/detection_boxes/, /detection_scores/, /detection_classes/, /num_detections/] as const;

/** Whether `decoder` can read these outputs, with `labels` labels when known: the fit, or why not. */
export function fitDecoder(decoder: DecoderChoice, outputs: readonly ProbedOutput[], labels?: number): DecoderFit | string {
  if (decoder === 'tf-od-ssd') {
    const found = SSD_PARTS.map((re) => outputs.find((o) => re.test(o.key ?? '') || re.test(o.name)));
    if (!found[0] || !found[1] || !found[2]) return 'needs outputs named detection_boxes, detection_scores and detection_classes';
    return { decoder, outputs: found.filter((o): o is ProbedOutput => Boolean(o)).map((o) => o.name) };
  }
  if (decoder === 'blazeface' || decoder === 'centernet') return `is for the bundled ${decoder} model only`;
  const extra = decoder === 'yolov8' ? 4 : decoder === 'yolov5' ? 5 : 0;
  let mismatch: string | undefined;
  for (const output of outputs) {
    const shape = rows(output.shape);
    if (decoder === 'classifier') {
      if (shape.length !== 1) continue;
      if (labels !== undefined && shape[0] !== labels) {
        mismatch ??= `the output ${describeShape(output.shape)} has ${shape[0]} scores for ${labels} labels`;
        continue;
      }
      return { decoder, outputs: [output.name], classes: shape[0]! };
    }
    if (shape.length !== 2) continue;
    const [a, b] = shape as [number, number];
    if (decoder === 'end-to-end') {
      if (b === 6) return { decoder, outputs: [output.name] };
      continue;
    }
    if (labels !== undefined) {
      if (a === extra + labels || b === extra + labels) return { decoder, outputs: [output.name], classes: labels };
      const implied = Math.min(a, b) - extra;
      mismatch ??= `the output ${describeShape(output.shape)} has ${implied} classes (${extra} + ${implied} rows) for ${labels} labels`;
      continue;
    }
    const classes = Math.min(a, b) - extra;
    if (classes >= 1) return { decoder, outputs: [output.name], classes };
  }
  if (mismatch) return mismatch;
  const wanted = {
    yolov8: '[1, 4 + classes, N] or [1, N, 4 + classes]',
    yolov5: '[1, N, 5 + classes]',
    'end-to-end': '[1, N, 6]',
    classifier: '[1, classes]',
  }[decoder];
  return `reads ${wanted}, and no output has that shape`;
}

/** Names of the decoders in words, for proposals and the dialog. */
export const DECODER_NAMES: Record<DecoderChoice, string> = {
  yolov8: 'YOLOv8 / YOLO11 (ultralytics)',
  yolov5: 'YOLOv5 (with objectness)',
  'end-to-end': 'End-to-end rows (x1, y1, x2, y2, score, class)',
  'tf-od-ssd': 'TF Object Detection API (SSD)',
  classifier: 'Classifier',
  centernet: 'CenterNet (bundled)',
  blazeface: 'BlazeFace (bundled)',
};

/**
 * The decoder to propose for these outputs: the one the files' origin says (an ultralytics export, Teachable
 * Machine), else the first whose layout the shapes match. Undefined when none does.
 */
export function proposeDecoder(outputs: readonly ProbedOutput[], hints: { labels?: number; ultralytics?: boolean; classify?: boolean }): DecoderFit | undefined {
  const tryFit = (decoder: DecoderChoice, labels = hints.labels) => {
    const fit = fitDecoder(decoder, outputs, labels);
    return typeof fit === 'string' ? undefined : fit;
  };
  if (hints.classify) return tryFit('classifier') ?? tryFit('classifier', undefined);
  const ssd = tryFit('tf-od-ssd');
  if (ssd) return ssd;
  const wide = outputs.map((o) => rows(o.shape)).filter((s) => s.length === 2) as [number, number][];
  // Detectors of these layouts have one such output; several (BlazeFace's scores and regressors) are something else.
  if (wide.length > 1) return undefined;
  if (hints.ultralytics) return tryFit('yolov8') ?? tryFit('end-to-end') ?? tryFit('yolov8', undefined);
  if (wide.some(([a, b]) => b === 6 && a > 6)) return tryFit('end-to-end');
  if (wide.some(([a, b]) => a < b)) return tryFit('yolov8') ?? tryFit('yolov8', undefined);
  if (wide.length > 0) return tryFit('yolov5') ?? tryFit('yolov8') ?? tryFit('yolov5', undefined);
  return tryFit('classifier') ?? tryFit('classifier', undefined);
}
