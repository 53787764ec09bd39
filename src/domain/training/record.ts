import type { PixelWindow } from '../raster-source';
import type { ClassificationFigures } from './metrics';
import type { LeftOut, TrainingTask } from './examples';

/** The settings of one training run; the same settings on the same examples train the same model. */
export interface TrainingSettings {
  task: TrainingTask;
  /** Share of each class held out for validation. */
  valFraction: number;
  seed: number;
  /** Fewest examples a class needs to be trained on. */
  minExamples: number;
  maxEpochs: number;
  batchSize: number;
  learningRate: number;
  /** L2 penalty on the head's weights. */
  l2: number;
  /** Epochs without a better validation loss before training stops. */
  patience: number;
  /** Neighbours of the k-NN baseline. */
  knnK: number;
}

export const DEFAULT_SETTINGS: Omit<TrainingSettings, 'task'> = {
  valFraction: 0.2,
  seed: 1,
  minExamples: 5,
  maxEpochs: 200,
  batchSize: 32,
  learningRate: 0.003,
  l2: 0.0001,
  patience: 15,
  knnK: 5,
};

/** One epoch as the live chart shows it. */
export interface EpochFigures {
  epoch: number;
  trainLoss: number;
  valLoss: number;
  valAccuracy: number;
}

/** A validation example the trained head got wrong: what the gallery opens. */
export interface WrongExample {
  imageSha256: string;
  /** The name of the image where it is known (a file name), for people. */
  fileName?: string;
  crop: PixelWindow | null;
  truth: string;
  predicted: string;
  /** The head's probability of what it predicted. */
  score: number;
}

export interface LabelRecord {
  label: string;
  train: number;
  val: number;
  /** Images the label's examples come from. */
  images: number;
}

/**
 * How a model was trained, kept with it in the model library (and in its metadata.json): the backbone that made the
 * embeddings, the data per label, the settings, the epochs and the figures on the held-out examples.
 */
export interface TrainingRecord {
  kind: 'workbench-training';
  version: 1;
  task: TrainingTask;
  backbone: { id: string; name: string; sha256: string; featureLayer: string; features: number };
  labels: LabelRecord[];
  leftOut: LeftOut[];
  /** Examples left out because their image was deleted while training ran. */
  vanished: number;
  examples: number;
  images: number;
  settings: TrainingSettings;
  epochs: number;
  bestEpoch: number;
  history: EpochFigures[];
  /** The trained head on the validation examples. */
  validation: ClassificationFigures;
  /** The k-NN baseline on the same validation examples. */
  knn: { k: number; figures: ClassificationFigures };
  wrong: WrongExample[];
  backend: string;
  startedAt: string;
  finishedAt: string;
  /** Examples whose embedding came from the cache, and those computed. */
  embeddings: { cached: number; computed: number };
}

/** The record's headline, for people: "validation accuracy 0.93 (k-NN 0.88) on 27 examples, 3 labels". */
export function recordSummary(record: Pick<TrainingRecord, 'validation' | 'knn' | 'labels'>): string {
  const fmt = (v: number | null) => (v === null ? '–' : v.toFixed(2));
  return `validation accuracy ${fmt(record.validation.accuracy)} (k-NN ${fmt(record.knn.figures.accuracy)}) on ${record.validation.examples} examples, ${record.labels.length} labels`;
}
