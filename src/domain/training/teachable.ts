// The metadata.json of Teachable Machine's image export, written for a model trained here, so Teachable Machine's
// library, this workbench's Add model… and `--model <folder>` all read the folder the same way.
import type { TrainingRecord } from './record';

/** Teachable Machine image models take a 224 × 224 square. */
export const TEACHABLE_SIZE = 224;

export interface TeachableMetadata {
  tfjsVersion: string;
  tmVersion: string;
  packageVersion: string;
  packageName: string;
  timeStamp: string;
  userMetadata: { workbench: TrainingRecord };
  modelName: string;
  labels: string[];
  imageSize: number;
}

export function teachableMetadata(record: TrainingRecord, modelName: string, tfjsVersion: string): TeachableMetadata {
  return {
    tfjsVersion,
    tmVersion: '2.4.10',
    packageVersion: '0.1.0',
    packageName: 'recognition-workbench',
    // The training's end, not the export's time: exporting the same model twice gives the same files.
    timeStamp: record.finishedAt,
    userMetadata: { workbench: record },
    modelName,
    labels: record.labels.map((l) => l.label),
    imageSize: TEACHABLE_SIZE,
  };
}

/** The training record a metadata.json carries, if it is one of ours. */
export function trainingRecordOf(metadata: unknown): TrainingRecord | undefined {
  const record = (metadata as { userMetadata?: { workbench?: TrainingRecord } } | null)?.userMetadata?.workbench;
  return record?.kind === 'workbench-training' ? record : undefined;
}
