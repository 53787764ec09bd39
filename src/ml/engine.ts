import type { DetectParams, Detection } from '../domain/detection';
import type { RgbaPixels } from '../domain/image';
import type { ModelManifest } from '../domain/model-manifest';
import { resizeToRgbFloats } from '../domain/raster';
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
import { compareOutputs, probeInput } from './parity';
import { tf, wasmThreadsInUse } from './tf';

export interface EngineEnvironment {
  readFile: ReadModelFile;
  /** Backends this runtime offers, most preferred first (the browser: webgpu, webgl, wasm, cpu; Node: wasm, cpu). */
  backends: readonly BackendName[];
  now: () => number;
}

export interface DetectTimings {
  preprocessMs: number;
  inferenceMs: number;
  postprocessMs: number;
}

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
  runner: TfModel;
  report?: BackendReport;
}

/**
 * Loads bundled models, picks and verifies a backend per model, and runs detection or classification on decoded pixels.
 * The same class serves the browser worker and the Node CLI. Calls run one at a time: TF.js has one active backend.
 */
export class Engine {
  private readonly models = new Map<string, LoadedModel>();
  private queue: Promise<unknown> = Promise.resolve();
  inferences = 0;

  constructor(private readonly env: EngineEnvironment) {}

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The backend every other one is checked against: WASM where present, else CPU. */
  private get reference(): BackendName {
    return this.env.backends.includes('wasm') ? 'wasm' : 'cpu';
  }

  readManifest(modelDir: string): Promise<ModelManifest> {
    return readManifest(this.env.readFile, modelDir);
  }

  load(modelDir: string): Promise<ModelManifest> {
    return this.serial(async () => {
      const manifest = await this.readManifest(modelDir);
      if (this.models.has(manifest.id)) return manifest;
      if (!(await activateBackend(this.reference))) throw new Error(`the ${this.reference} backend failed to start`);
      const runner = await loadTfModel(this.env.readFile, modelDir, manifest);
      this.models.set(manifest.id, { manifest, modelDir, runner });
      return manifest;
    });
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
      const run = await this.infer(model, pixels, (outputs) => decode(outputs, { manifest, params, ...size }));
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
        return decodeClassifier(scores, { labels, activation: decoder.activation, params });
      });
      return { tags: run.result, backend: run.backend, timings: run.timings };
    });
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
  private async infer<T>(model: LoadedModel, pixels: RgbaPixels, decode: (outputs: Float32Array[]) => T) {
    const report = model.report ?? (await this.prepareNow(model, 'auto'));
    if (!(await activateBackend(report.backend))) throw new Error(`the ${report.backend} backend stopped working`);
    const { input: size, preprocessing: pre } = model.manifest;
    const t0 = this.env.now();
    const input = resizeToRgbFloats(pixels, size.width, size.height, pre.scale, pre.offset);
    const t1 = this.env.now();
    const outputs = await this.execute(model, input);
    this.inferences++;
    const t2 = this.env.now();
    const result = decode(outputs);
    const timings: DetectTimings = { preprocessMs: t1 - t0, inferenceMs: t2 - t1, postprocessMs: this.env.now() - t2 };
    return { result, backend: report.backend, timings };
  }

  private async execute(model: LoadedModel, input: Float32Array): Promise<Float32Array[]> {
    const { manifest, runner } = model;
    const tensor = tf.tensor4d(input, [1, manifest.input.height, manifest.input.width, 3], 'float32');
    let outputs: tf.Tensor[] = [];
    try {
      outputs = tf.tidy(() => runner.run(tensor));
      return await Promise.all(outputs.map(async (t) => (await t.data()) as Float32Array));
    } finally {
      tensor.dispose();
      tf.dispose(outputs);
    }
  }

  private async runOn(backend: BackendName, model: LoadedModel, input: Float32Array): Promise<Float32Array[]> {
    if (!(await activateBackend(backend))) throw new Error(`the ${backend} backend failed to start`);
    return this.execute(model, input);
  }

  /** Runs the probe on the candidate and on the reference; returns why they disagree, or undefined. */
  private async disagreement(model: LoadedModel, candidate: BackendName): Promise<string | undefined> {
    const { width, height } = model.manifest.input;
    const probe = probeInput(width, height, model.manifest.preprocessing.scale, model.manifest.preprocessing.offset);
    const expected = await this.runOn(this.reference, model, probe);
    let reason: string | undefined;
    try {
      const diff = compareOutputs(expected, await this.runOn(candidate, model, probe));
      reason = diff && `disagrees with ${this.reference}: ${diff}`;
    } catch (error) {
      reason = `failed on the probe input: ${(error as Error).message}`;
    }
    if (reason) await this.reloadWeights(model);
    return reason;
  }

  /**
   * Weights move to whichever backend last ran them; reading them back from a faulty backend would carry its
   * garbage into the next one. So after a failed check the model is loaded again from its (hash-checked) files.
   */
  private async reloadWeights(model: LoadedModel): Promise<void> {
    model.runner.dispose();
    if (!(await activateBackend(this.reference))) throw new Error(`the ${this.reference} backend failed to start`);
    model.runner = await loadTfModel(this.env.readFile, model.modelDir, model.manifest);
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
      if (choice !== this.reference) warning = await this.disagreement(model, choice);
      chosen = choice;
    } else {
      for (const name of this.env.backends) {
        if (!(await activateBackend(name))) {
          skipped.push({ name, reason: 'not available in this runtime' });
          continue;
        }
        const software = await softwareGpuReason(name);
        if (software) {
          skipped.push({ name, reason: software });
          continue;
        }
        const reason = name === this.reference ? undefined : await this.disagreement(model, name);
        if (reason) {
          skipped.push({ name, reason });
          continue;
        }
        chosen = name;
        break;
      }
    }
    if (!chosen) throw new Error(`no backend could run ${model.manifest.id}: ${skipped.map((s) => `${s.name}: ${s.reason}`).join('; ')}`);
    const { width, height } = model.manifest.input;
    const t0 = this.env.now();
    await this.runOn(chosen, model, new Float32Array(width * height * 3));
    const report: BackendReport = {
      modelId: model.manifest.id,
      backend: chosen,
      forced: choice !== 'auto',
      skipped,
      device,
      remembered: Boolean(reuse),
      warmupMs: this.env.now() - t0,
      ...(chosen === 'wasm' ? { threads: wasmThreadsInUse() } : {}),
      ...(warning ? { warning } : {}),
    };
    model.report = report;
    return report;
  }
}
