import type { ClassifierDecoderConfig, DetectorDecoderConfig, ModelInput, ModelManifest, Preprocessing } from '../model-manifest';
import { DECODER_NAMES, type DecoderChoice, type DecoderFit, describeOutputs, fitDecoder, type ProbedOutput, proposeDecoder } from './decoder-fit';
import { ModelImportError } from './errors';
import type { ManifestFile } from './identity';
import type { FolderMetadata } from './metadata';
import type { ModelJson } from './model-json';

/** The manifest proposed for a model's files, why each choice was made, and what stops it from being used. */
export interface Proposal {
  manifest: ModelManifest;
  /** What the files were recognised as: "Ultralytics detect export (metadata.yaml)". */
  recognisedAs: string;
  notes: string[];
  /** Each one blocks trying and adding until the manifest is corrected (labels that do not match, no decoder). */
  problems: string[];
  /** The model's outputs as a run showed them, for choosing another decoder. */
  outputs: ProbedOutput[];
}

const ULTRALYTICS_PAD = 114;

/** The input to run the model with: from the graph's placeholder or the first Keras layer, sizes the files leave open from the metadata. */
export function proposeInput(model: ModelJson, metadata: FolderMetadata): { input: ModelInput; notes: string[] } {
  if (metadata.pinned) return { input: metadata.pinned.input, notes: ['input as manifest.json pins it'] };
  const notes: string[] = [];
  const image = model.inputs.find((i) => i.shape?.length === 4 && (i.shape[3] === 3 || i.shape[1] === 3)) ?? model.inputs[0];
  if (!image) throw new ModelImportError('model.json declares no input tensor');
  const shape = image.shape ?? [1, null, null, 3];
  if (shape.length !== 4) throw new ModelImportError(`model.json: the input ${image.name} has shape [${shape.map((d) => d ?? -1).join(', ')}]; an image model takes [1, height, width, 3] or [1, 3, height, width]`);
  const layout = shape[1] === 3 && shape[3] !== 3 ? 'NCHW' : 'NHWC';
  const channels = layout === 'NCHW' ? shape[1] : shape[3];
  if (channels !== null && channels !== 3) throw new ModelImportError(`model.json: the input ${image.name} takes ${channels} channels; only RGB (3-channel) image models are supported`);
  const [fixedHeight, fixedWidth] = layout === 'NCHW' ? [shape[2], shape[3]] : [shape[1], shape[2]];
  let height = fixedHeight ?? 0;
  let width = fixedWidth ?? 0;
  if (fixedHeight == null || fixedWidth == null) {
    const fromMetadata = metadata.ultralytics?.imgsz ?? (metadata.teachable ? [metadata.teachable.imageSize, metadata.teachable.imageSize] : undefined);
    const fallback = model.format === 'layers' ? 224 : 640;
    height = fixedHeight ?? fromMetadata?.[0] ?? fallback;
    width = fixedWidth ?? fromMetadata?.[1] ?? fallback;
    notes.push(fromMetadata ? `input size ${width} × ${height} from the metadata (the graph leaves it open)` : `input size not fixed by the model: ${width} × ${height} assumed`);
  }
  if (layout === 'NCHW') notes.push('input is channels-first (NCHW)');
  const dtype = image.dtype === 'int32' ? 'int32' : 'float32';
  return { input: { name: image.name, width, height, channels: 3, layout, dtype }, notes };
}

const plain = (scale: number, offset: number, resize: Preprocessing['resize'] = 'stretch'): Preprocessing => ({ resize, scale, offset, colorOrder: 'RGB' });

export interface ProposalInput {
  model: ModelJson;
  metadata: FolderMetadata;
  /** model.json, its shards and the metadata files, hashed. */
  files: ManifestFile[];
  input: ModelInput;
  inputNotes?: string[];
  outputs: ProbedOutput[];
  name: string;
}

/** A complete manifest from what the files say and what a run of the model showed. Pure. */
export function proposeManifest({ model, metadata, files, input, inputNotes = [], outputs, name }: ProposalInput): Proposal {
  if (metadata.pinned) return pinnedProposal(metadata.pinned, files, outputs);
  const { ultralytics, teachable, labelsTxt } = metadata;
  const notes = [...inputNotes];
  const [given, labelSource] = ultralytics
    ? [ultralytics.names, 'metadata.yaml']
    : teachable
      ? [teachable.labels, 'metadata.json']
      : labelsTxt
        ? [labelsTxt, 'labels.txt']
        : [undefined, ''];
  const classify = ultralytics ? ultralytics.task === 'classify' : Boolean(teachable);
  const fit = proposeDecoder(outputs, { labels: given?.length, ultralytics: Boolean(ultralytics), classify });
  const problems: string[] = [];
  if (!fit) problems.push(noDecoderMessage(outputs));
  const decoder: DecoderChoice = fit?.decoder ?? (classify ? 'classifier' : 'yolov8');
  const chosen: DecoderFit = fit ?? { decoder, outputs: outputs.slice(0, 1).map((o) => o.name) };

  let labels = given;
  if (labels) notes.push(`${labels.length} labels from ${labelSource}`);
  else if (chosen.classes !== undefined) {
    labels = Array.from({ length: chosen.classes }, (_, i) => `class ${i}`);
    notes.push(`no labels came with the model: named class 0 … class ${chosen.classes - 1} (add a labels.txt or type them)`);
  } else {
    labels = [];
    if (fit) problems.push(`labels: the ${DECODER_NAMES[decoder]} output gives class ids but no labels came with the model; add a labels.txt (one label per line) or type them`);
  }

  let preprocessing: Preprocessing;
  let recognisedAs: string;
  if (ultralytics && classify) {
    recognisedAs = 'Ultralytics classify export (metadata.yaml)';
    preprocessing = plain(1 / 255, 0, 'crop');
    notes.push('ultralytics classifier input: the centred part, RGB 0–1, as ultralytics classifies');
  } else if (ultralytics) {
    recognisedAs = `Ultralytics ${ultralytics.task ?? 'detect'} export (metadata.yaml)`;
    preprocessing = { ...plain(1 / 255, 0, 'letterbox'), padValue: ULTRALYTICS_PAD };
    notes.push('ultralytics input: RGB 0–1, letterboxed with grey 114 as ultralytics does');
  } else if (teachable) {
    recognisedAs = 'Teachable Machine image model (metadata.json)';
    preprocessing = plain(1 / 127, -1, 'crop');
    notes.push('Teachable Machine input: the centred square, scaled to −1…1 (v / 127 − 1) as its library does');
  } else if (input.dtype === 'int32') {
    recognisedAs = decoder === 'tf-od-ssd' ? 'TF Object Detection API model (uint8 input)' : `TF.js ${model.format} model (integer input)`;
    preprocessing = plain(1, 0);
    notes.push('integer input: RGB 0–255 as they are');
  } else {
    recognisedAs = decoder === 'tf-od-ssd' ? 'TF Object Detection API model' : `TF.js ${model.format} model${labelsTxt ? ' with labels.txt' : ' without metadata'}`;
    preprocessing = plain(1 / 255, 0);
    notes.push('normalisation not stated by the files: 0–1 assumed; check it with Try and change it if the results look wrong');
  }
  if (fit) notes.push(`decoder ${DECODER_NAMES[decoder]} on ${fit.outputs.join(', ')}`);

  const common = {
    schema: 1 as const,
    id: 'draft',
    name: teachable?.modelName ?? name,
    format: model.format,
    version: 'draft',
    source: {
      package: ultralytics ? 'ultralytics export' : teachable ? 'Teachable Machine export' : 'TF.js model',
      packageVersion: ultralytics?.version ?? teachable?.tmVersion ?? '',
      upstream: [ultralytics?.description, ultralytics?.author, ultralytics?.date, model.generatedBy].filter(Boolean).join(' · ') || 'added by a user',
      licence: ultralytics?.license ?? 'unknown (added by a user)',
    },
    input,
    preprocessing,
    labels,
    files,
    weightsSha256: '',
  };
  const manifest: ModelManifest =
    decoder === 'classifier'
      ? { ...common, task: 'classify', decoder: classifierDecoder(chosen, outputs, model, notes, labels.length) }
      : { ...common, task: 'detect', decoder: detectorDecoder(decoder, chosen) };
  const named = problems.some((p) => p.startsWith('labels:'));
  if (fit) problems.push(...manifestProblems(manifest, outputs).filter((p) => !(named && p.startsWith('labels:'))));
  return { manifest, recognisedAs, notes, problems, outputs };
}

function classifierDecoder(fit: DecoderFit, outputs: readonly ProbedOutput[], model: ModelJson, notes: string[], labels: number): ClassifierDecoderConfig {
  const output = outputs.find((o) => o.name === fit.outputs[0]);
  const ends = model.finalActivation?.toLowerCase();
  let activation: ClassifierDecoderConfig['activation'];
  if (ends === 'softmax' || ends === 'sigmoid') {
    activation = 'none';
    notes.push(`the model ends in ${ends}: its scores are used as they are`);
  } else if (output?.probabilities) {
    activation = 'none';
    notes.push('the model gives probabilities (0–1, summing to 1): used as they are');
  } else {
    activation = 'softmax';
    notes.push('the model gives raw scores (logits): softmax turns them into probabilities');
  }
  return { name: 'classifier', outputs: fit.outputs, activation, topK: Math.max(1, Math.min(5, labels || 5)) };
}

const DETECTOR_DEFAULTS: Record<string, Omit<DetectorDecoderConfig, 'name' | 'outputs'>> = {
  yolov8: { scoreThreshold: 0.25, iouThreshold: 0.7, maxDetections: 300 },
  yolov5: { scoreThreshold: 0.25, iouThreshold: 0.45, maxDetections: 300, normalizedBoxes: true },
  'end-to-end': { scoreThreshold: 0.25, iouThreshold: 0.5, maxDetections: 300 },
  'tf-od-ssd': { scoreThreshold: 0.3, iouThreshold: 0.5, maxDetections: 100, classIdOffset: 1 },
};

/** A detector's decoder config with the defaults its tool uses (ultralytics: score 0.25, IoU 0.7, 300 boxes). */
export function detectorDecoder(decoder: DecoderChoice, fit: Pick<DecoderFit, 'outputs'>): DetectorDecoderConfig {
  return { name: decoder, outputs: fit.outputs, ...(DETECTOR_DEFAULTS[decoder] ?? DETECTOR_DEFAULTS.yolov8!) };
}

export function noDecoderMessage(outputs: readonly ProbedOutput[]): string {
  return (
    `no decoder fits the model's outputs: ${describeOutputs(outputs) || 'none'}. The decoders read [1, 4 + classes, N] (YOLOv8 / YOLO11), ` +
    '[1, N, 5 + classes] (YOLOv5), [1, N, 6] (end-to-end), detection_boxes / detection_scores / detection_classes (TF Object Detection API) ' +
    'and [1, classes] (classifier)'
  );
}

/** What is wrong with a manifest for these outputs: a decoder that cannot read them, labels that do not match. */
export function manifestProblems(manifest: ModelManifest, outputs: readonly ProbedOutput[]): string[] {
  const problems: string[] = [];
  const decoder = manifest.decoder.name as DecoderChoice;
  if ((manifest.task === 'classify') !== (decoder === 'classifier')) problems.push(`task ${manifest.task} does not go with the ${DECODER_NAMES[decoder] ?? decoder} decoder`);
  if (manifest.labels.length === 0 || manifest.labels.some((l) => l.trim() === '')) problems.push('labels: every class needs a name');
  const fit = fitDecoder(decoder, outputs, manifest.labels.length || undefined);
  if (typeof fit === 'string') {
    const mismatch = /has (\d+) (classes|scores)/.exec(fit);
    problems.push(mismatch ? `labels: ${manifest.labels.length} given, but ${fit}` : `decoder ${DECODER_NAMES[decoder] ?? decoder} ${fit} (outputs: ${describeOutputs(outputs)})`);
  }
  const { width, height } = manifest.input;
  if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0)) problems.push('input size must be whole pixels');
  return problems;
}

/** A manifest.json that came with the files pins every choice; the files must be the ones it lists. */
function pinnedProposal(pinned: ModelManifest, files: ManifestFile[], outputs: ProbedOutput[]): Proposal {
  for (const entry of pinned.files) {
    const given = files.find((f) => f.path === entry.path);
    if (!given) throw new ModelImportError(`manifest.json lists ${entry.path}, which is not among the files given`);
    if (given.sha256 !== entry.sha256) {
      throw new ModelImportError(
        `${entry.path} does not match manifest.json (SHA-256 ${given.sha256.slice(0, 12)}…, manifest.json says ${entry.sha256.slice(0, 12)}…): the weights are not the ones it was made for`,
      );
    }
  }
  return {
    manifest: pinned,
    recognisedAs: `pinned by manifest.json (${pinned.name}${pinned.library ? `, version ${pinned.library.versionNumber}` : ''})`,
    notes: ['every choice as manifest.json states it; its files match their SHA-256'],
    problems: manifestProblems(pinned, outputs),
    outputs,
  };
}
