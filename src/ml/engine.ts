import type { DetectParams, Detection } from '../domain/detection';
import type { RgbaPixels } from '../domain/image';
import { toModelInput } from '../domain/model-input';
import type { ModelManifest } from '../domain/model-manifest';
import type { ClassifyParams, Tag } from '../domain/tag';
import {
  activateBackend,
  type BackendChoice,
  type BackendName,
  type BackendReport,
  type SkippedBackend,
  deviceSignature,
  softwareGpuReason,
} from './backends';
import { decoderFor } from './decoders';
import { decodeClassifier } from './decoders/classifier';
import { loadTfModel, type TfModel } from './loaded-model';
import { readManifest, type ReadModelFile } from './model-files';
import { compareOutputs, probeFor, type RawOutput } from './parity';
import { explainRunError } from './tf-errors';
import { tf, wasmThreadsInUse } from './tf';

export interface EngineEnvironment {
  readFile: ReadModelFile;
  /** Backends this runtime offers, most preferred first (the browser: webgpu, webgl, wasm, cpu; Node: wasm, cpu). */
  backends: readonly BackendName[];
  now: () => number;
}

export interface DetectTimings {
  /** The pixels brought to the model's input (resized where needed, normalised, laid out as floats). */
  preprocessMs: number;
  /** The model's own time: uploadMs + inferMs + readBackMs. */
  inferenceMs: number;
  /** Box (or tag) decoding of the raw outputs. */
  postprocessMs: number;
  /** The input tensor made on the backend. */
  uploadMs?: number;
  /** The graph run, until its outputs exist (on a GPU backend: until queued). */
  inferMs?: number;
  /** The outputs read back to JavaScript. */
  readBackMs?: number;
}

/** Where execute's time went. */
type ExecuteStages = Required<Pick<DetectTimings, 'uploadMs' | 'inferMs' | 'readBackMs'>>;

export interface EngineDetection {
  detections: Detection[];
  backend: BackendName;
  timings: DetectTimings;
}

export interface EngineClassification {
  /** Best first, at most params.topK, none below params.minScore. */
  tags: Tag[];
  backend: BackendName;
  timings: DetectTimings;
}

interface LoadedModel {
  manifest: ModelManifest;
  modelDir: string;
  read: ReadModelFile;
  runner: TfModel;
  report?: BackendReport;
  /** The backend every other one is checked against: WASM, or CPU where WASM cannot run this model. */
  reference?: BackendName;
  /** Reference candidates that could not run this model, and why (an op they lack). */
  referenceSkipped: SkippedBackend[];
  /** The backend that last ran these weights on a full-size input, and how long that took: it is warm already. */
  warm?: { backend: BackendName; ms: number };
  /**
   * The model's input floats, reused from run to run: a fresh multi-megabyte array is mapped and zeroed by the
   * system each time (in Chromium at 512², the preprocess took 10–13 ms with a new array, about 1 ms with this
   * one). Runs are serial and the input tensor is disposed before a run ends, so none holds it when it is written.
   */
  inputFloats?: Float32Array;
}

/**
 * Resolves once the tasks already waiting on this thread have run. A model run holds the thread, and runs queued
 * back to back would follow one another at once, so the reads and decodes of the images after them (which move on
 * only in tasks) would wait until no run is left, and then the model would wait for them. Measured in a Chromium
 * batch: 18–19 ms between runs on average without this turn, with stalls up to 95 ms; 13–16 ms with it.
 */
function nextTurn(): Promise<void> {
  if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(resolve));
  const { port1, port2 } = new MessageChannel();
  return new Promise((resolve) => {
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });
}

/** Reference candidates, in order: WASM is fast and exact; CPU runs every op TF.js has. */
const REFERENCES: readonly BackendName[] = ['wasm', 'cpu'];

/**
 * Loads models (bundled, from the library, or from files in memory), picks and verifies a backend per model, and
 * runs detection or classification on decoded pixels. The same class serves the browser worker and the Node CLI.
 * Calls run one at a time: TF.js has one active backend.
 */
export class Engine {
  private readonly models = new Map<string, LoadedModel>();
  private queue: Promise<unknown> = Promise.resolve();
  inferences = 0;

  constructor(private readonly env: EngineEnvironment) {}

  /** Runs `task` when the engine is free: TF.js has one active backend, so work on it must not interleave. */
  exclusive<T>(task: () => Promise<T>): Promise<T> {
    return this.serial(task);
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(nextTurn).then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private get firstReference(): BackendName {
    return REFERENCES.find((name) => this.env.backends.includes(name)) ?? 'cpu';
  }

  readManifest(modelDir: string): Promise<ModelManifest> {
    return readManifest(this.env.readFile, modelDir);
  }

  /** Loads the model in `modelDir` (its manifest.json and files) through the environment's reader. */
  load(modelDir: string): Promise<ModelManifest> {
    return this.serial(async () => this.loadNow(await this.readManifest(modelDir), this.env.readFile, modelDir));
  }

  /** Loads a model whose manifest is known, its files read through `read` (a library model, a folder, a draft). */
  loadWith(manifest: ModelManifest, read: ReadModelFile, modelDir = '.'): Promise<ModelManifest> {
    return this.serial(() => this.loadNow(manifest, read, modelDir));
  }

  private async loadNow(manifest: ModelManifest, read: ReadModelFile, modelDir: string): Promise<ModelManifest> {
    if (this.models.has(manifest.id)) return manifest;
    if (!(await activateBackend(this.firstReference))) throw new Error(`the ${this.firstReference} backend failed to start`);
    const runner = await loadTfModel(read, modelDir, manifest);
    this.models.set(manifest.id, { manifest, modelDir, read, runner, referenceSkipped: [] });
    return manifest;
  }

  /** Picks and warms up a backend; `remembered` (an earlier report) is reused when it was made on this device. */
  prepare(modelId: string, choice: BackendChoice = 'auto', remembered?: Pick<BackendReport, 'backend' | 'device'>): Promise<BackendReport> {
    return this.serial(() => this.prepareNow(this.model(modelId), choice, remembered));
  }

  detect(modelId: string, pixels: RgbaPixels, params: DetectParams): Promise<EngineDetection> {
    return this.serial(async () => {
      const model = this.model(modelId);
      const { manifest } = model;
      if (manifest.task !== 'detect') throw new Error(`${modelId} is a ${manifest.task} model, not a detector: use classify`);
      const decode = decoderFor(manifest.decoder.name);
      const size = { imageWidth: pixels.width, imageHeight: pixels.height };
      const run = await this.infer(model, pixels, (outputs, placement) =>
        decode(
          outputs.map((o) => o.data),
          { manifest, params, ...size, placement, shapes: outputs.map((o) => o.shape) },
        ),
      );
      return { detections: run.result, backend: run.backend, timings: run.timings };
    });
  }

  classify(modelId: string, pixels: RgbaPixels, params: ClassifyParams): Promise<EngineClassification> {
    return this.serial(async () => {
      const model = this.model(modelId);
      const { manifest } = model;
      if (manifest.task !== 'classify') throw new Error(`${modelId} is a ${manifest.task} model, not a classifier: use detect`);
      if (manifest.decoder.name !== 'classifier') throw new Error(`${modelId}: no classifier decoder named "${manifest.decoder.name}"`);
      const { labels, decoder } = manifest;
      const run = await this.infer(model, pixels, ([scores]) => {
        if (!scores) throw new Error(`${modelId}: the model returned no output`);
        return decodeClassifier(scores.data, { labels, activation: decoder.activation, params });
      });
      return { tags: run.result, backend: run.backend, timings: run.timings };
    });
  }

  /** The model's first output as it comes (a feature vector, for a backbone cut at its feature layer). */
  embed(modelId: string, pixels: RgbaPixels): Promise<{ features: Float32Array; backend: BackendName }> {
    return this.serial(async () => {
      const run = await this.infer(this.model(modelId), pixels, ([first]) => {
        if (!first) throw new Error(`${modelId}: the model returned no output`);
        return first.data;
      });
      return { features: run.result, backend: run.backend };
    });
  }

  /** The verified backend of a loaded model, once prepared. */
  reportOf(modelId: string): BackendReport | undefined {
    return this.models.get(modelId)?.report;
  }

  release(modelId: string): Promise<void> {
    return this.serial(async () => {
      this.models.get(modelId)?.runner.dispose();
      this.models.delete(modelId);
    });
  }

  memory(): { numTensors: number; numBytes: number } {
    const { numTensors, numBytes } = tf.memory();
    return { numTensors, numBytes };
  }

  private model(modelId: string): LoadedModel {
    const model = this.models.get(modelId);
    if (!model) throw new Error(`model ${modelId} is not loaded`);
    return model;
  }

  /** Preprocesses, runs the model on its chosen backend and decodes the raw outputs, timing each step. */
  private async infer<T>(model: LoadedModel, pixels: RgbaPixels, decode: (outputs: RawOutput[], placement: ReturnType<typeof toModelInput>['placement']) => T) {
    const report = model.report ?? (await this.prepareNow(model, 'auto'));
    if (!(await activateBackend(report.backend))) throw new Error(`the ${report.backend} backend stopped working`);
    const t0 = this.env.now();
    const { input, preprocessing } = model.manifest;
    model.inputFloats ??= new Float32Array(input.width * input.height * 3);
    const { data, placement } = toModelInput(pixels, input, preprocessing, model.inputFloats);
    const t1 = this.env.now();
    const stages: ExecuteStages = { uploadMs: 0, inferMs: 0, readBackMs: 0 };
    const outputs = await this.execute(model, data, stages);
    this.inferences++;
    const t2 = this.env.now();
    const result = decode(outputs, placement);
    const timings: DetectTimings = { preprocessMs: t1 - t0, inferenceMs: t2 - t1, postprocessMs: this.env.now() - t2, ...stages };
    return { result, backend: report.backend, timings };
  }

  private async execute(model: LoadedModel, input: Float32Array, stages?: ExecuteStages): Promise<RawOutput[]> {
    const { manifest, runner } = model;
    const { width, height, layout, dtype } = manifest.input;
    const shape: [number, number, number, number] = layout === 'NCHW' ? [1, 3, height, width] : [1, height, width, 3];
    const t0 = this.env.now();
    const tensor = dtype === 'int32' ? tf.tensor4d(Int32Array.from(input, Math.round), shape, 'int32') : tf.tensor4d(input, shape, 'float32');
    let outputs: tf.Tensor[] = [];
    try {
      const t1 = this.env.now();
      outputs = await runner.run(tensor);
      const t2 = this.env.now();
      const read = await Promise.all(
        outputs.map(async (t) => {
          const data = await t.data();
          return { data: data instanceof Float32Array ? data : Float32Array.from(data as ArrayLike<number>), shape: t.shape };
        }),
      );
      if (stages) Object.assign(stages, { uploadMs: t1 - t0, inferMs: t2 - t1, readBackMs: this.env.now() - t2 });
      return read;
    } finally {
      tensor.dispose();
      tf.dispose(outputs);
    }
  }

  private async runOn(backend: BackendName, model: LoadedModel, input: Float32Array): Promise<RawOutput[]> {
    if (!(await activateBackend(backend))) throw new Error(`the ${backend} backend failed to start`);
    const t0 = this.env.now();
    const outputs = await this.execute(model, input);
    model.warm = { backend, ms: this.env.now() - t0 };
    return outputs;
  }

  /** The first reference candidate that runs this model; the others are remembered with the op they lack. */
  private async referenceOf(model: LoadedModel): Promise<BackendName> {
    if (model.reference) return model.reference;
    const probe = probeFor(model.manifest);
    for (const name of REFERENCES.filter((b) => this.env.backends.includes(b))) {
      try {
        await this.runOn(name, model, probe);
        model.reference = name;
        return name;
      } catch (error) {
        model.referenceSkipped.push({ name, reason: explainRunError(error) });
      }
    }
    const why = model.referenceSkipped.map((s) => `${s.name}: ${s.reason}`).join('; ');
    throw new Error(`no backend can run ${model.manifest.name}: ${why}`);
  }

  /** Runs the probe on the candidate and on the reference; returns why they disagree, or undefined. */
  private async disagreement(model: LoadedModel, candidate: BackendName): Promise<{ reason: string; failed: boolean } | undefined> {
    const reference = await this.referenceOf(model);
    const probe = probeFor(model.manifest);
    const expected = await this.runOn(reference, model, probe);
    let found: { reason: string; failed: boolean } | undefined;
    try {
      const diff = compareOutputs(
        expected.map((o) => o.data),
        (await this.runOn(candidate, model, probe)).map((o) => o.data),
      );
      found = diff ? { reason: `disagrees with ${reference}: ${diff}`, failed: false } : undefined;
    } catch (error) {
      found = { reason: `failed on the probe input: ${explainRunError(error)}`, failed: true };
    }
    if (found) await this.reloadWeights(model);
    return found;
  }

  /**
   * Weights move to whichever backend last ran them; reading them back from a faulty backend would carry its
   * garbage into the next one. So after a failed check the model is loaded again from its (hash-checked) files.
   */
  private async reloadWeights(model: LoadedModel): Promise<void> {
    model.runner.dispose();
    model.warm = undefined;
    const reference = model.reference ?? this.firstReference;
    if (!(await activateBackend(reference))) throw new Error(`the ${reference} backend failed to start`);
    model.runner = await loadTfModel(model.read, model.modelDir, model.manifest);
  }

  private async prepareNow(
    model: LoadedModel,
    choice: BackendChoice,
    remembered?: Pick<BackendReport, 'backend' | 'device'>,
  ): Promise<BackendReport> {
    const skipped: SkippedBackend[] = [];
    let chosen: BackendName | undefined;
    let warning: string | undefined;
    const device = await deviceSignature();
    const reuse =
      choice === 'auto' &&
      remembered?.device === device &&
      this.env.backends.includes(remembered.backend) &&
      (await activateBackend(remembered.backend));
    if (reuse) {
      chosen = remembered.backend;
    } else if (choice !== 'auto') {
      if (!(await activateBackend(choice))) throw new Error(`the ${choice} backend is not available here`);
      const reference = await this.referenceOf(model);
      const refused = model.referenceSkipped.find((s) => s.name === choice);
      if (refused) throw new Error(`${choice} cannot run ${model.manifest.name}: ${refused.reason}; choose another backend or Auto`);
      const found = choice === reference ? undefined : await this.disagreement(model, choice);
      if (found?.failed) throw new Error(`${choice} cannot run ${model.manifest.name}: ${found.reason}; choose another backend or Auto`);
      warning = found?.reason;
      chosen = choice;
    } else {
      chosen = await this.chooseAuto(model, skipped);
    }
    if (!chosen) throw new Error(`no backend could run ${model.manifest.id}: ${skipped.map((s) => `${s.name}: ${s.reason}`).join('; ')}`);
    // The probe that chose it (the reference, on a first start) already ran the model there: no second run.
    if (model.warm?.backend !== chosen) await this.runOn(chosen, model, new Float32Array(model.manifest.input.width * model.manifest.input.height * 3));
    const report: BackendReport = {
      modelId: model.manifest.id,
      backend: chosen,
      forced: choice !== 'auto',
      skipped,
      device,
      remembered: Boolean(reuse),
      warmupMs: model.warm?.ms ?? 0,
      ...(chosen === 'wasm' ? { threads: wasmThreadsInUse() } : {}),
      ...(warning ? { warning } : {}),
    };
    model.report = report;
    return report;
  }

  /** The most preferred backend that is present, a real GPU (not an emulation), and agrees with the reference. */
  private async chooseAuto(model: LoadedModel, skipped: SkippedBackend[]): Promise<BackendName | undefined> {
    for (const name of this.env.backends) {
      // Asked first: an emulated GPU is skipped without loading its backend's code.
      const software = await softwareGpuReason(name);
      if (software) {
        skipped.push({ name, reason: software });
        continue;
      }
      if (!(await activateBackend(name))) {
        skipped.push({ name, reason: 'not available in this runtime' });
        continue;
      }
      if (REFERENCES.includes(name)) {
        const reference = await this.referenceOf(model);
        if (name === reference) return name;
        const refused = model.referenceSkipped.find((s) => s.name === name);
        if (refused) {
          skipped.push(refused);
          continue;
        }
      }
      const found = await this.disagreement(model, name);
      if (!found) return name;
      skipped.push({ name, reason: found.reason });
    }
    return undefined;
  }
}
