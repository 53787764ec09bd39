// The trained head with its backbone as one Teachable Machine image model: model.json (a layers model), weights.bin
// and metadata.json, which Teachable Machine's library, Add model… and `--model <folder>` read.
import type { ModelFiles } from '../../domain/model-import/files';
import { attachHead, type HeadWeights } from '../../domain/training/layers-model';
import type { TrainingRecord } from '../../domain/training/record';
import { teachableMetadata } from '../../domain/training/teachable';
import { tf } from '../tf';
import type { Embedder } from './backbone';

/** The files in Teachable Machine's layout. The record travels in metadata.json without the wrong examples' image hashes and names. */
export function teachableFiles(embedder: Pick<Embedder, 'files'>, head: HeadWeights, record: TrainingRecord, modelName: string): ModelFiles {
  const model = attachHead({ modelJson: embedder.files.get('model.json')!, weights: embedder.files.get('weights.bin')! }, head);
  const metadata = teachableMetadata({ ...record, wrong: [] }, modelName, tf.version_core);
  return new Map([
    ['model.json', model.modelJson],
    ['weights.bin', model.weights],
    ['metadata.json', new TextEncoder().encode(`${JSON.stringify(metadata, null, 2)}\n`)],
  ]);
}
