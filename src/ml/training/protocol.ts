// The typed contract between the page and the training worker (carried by comlink).
import type { ModelManifest } from '../../domain/model-manifest';
import type { StretchPercentiles } from '../../domain/stretch';
import type { LabelCount, TrainingTask } from '../../domain/training/examples';
import type { TrainingRecord, TrainingSettings } from '../../domain/training/record';
import type { BackendChoice } from '../backends';
import type { TrainingProgress } from './run';

export interface TrainingInventory {
  task: TrainingTask;
  /** Reviewed examples per label, most first. */
  labels: LabelCount[];
  /** Images with more than one reviewed tag: a classifier gives one label per image, so they are left out. */
  multiTagged: number;
  images: number;
}

export interface TrainingJob {
  dbName: string;
  labels: string[];
  settings: TrainingSettings;
  /** The model's name in the library (versions of one name are one family). */
  name: string;
  backendChoice: BackendChoice;
  stretch?: StretchPercentiles;
}

export type TrainingEvent = TrainingProgress | { phase: 'preparing'; message: string };

export interface TrainingResult {
  record: TrainingRecord;
  /** As stored in the model library. */
  manifest: ModelManifest;
  /** False when the identical model was in the library already. */
  added: boolean;
}

export interface TrainingApi {
  /** Reviewed examples per label for a task, read from the project's database. */
  inventory(dbName: string, task: TrainingTask): Promise<TrainingInventory>;
  /** Trains, then saves the model to the library as a new version in one transaction; progress comes through `onEvent`. */
  train(job: TrainingJob, onEvent: (event: TrainingEvent) => void): Promise<TrainingResult>;
  /** Stops the training under way at the next batch or example; nothing is saved. */
  cancel(): Promise<void>;
}
