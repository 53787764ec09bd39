import type { DetectParams, Detection } from '../domain/detection';
import type { RgbaPixels } from '../domain/image';
import type { ModelManifest } from '../domain/model-manifest';
import { resizeToRgbFloats } from '../domain/raster';
import {
  activateBackend,
  type BackendChoice,
  type BackendName,
  type BackendReport,
  type SkippedBackend,
  softwareGpuReason,
} from './backends';
import { decoderFor } from './decoders';
import { readManifest, readModelArtifacts, type ReadModelFile } from './model-files';
import { compareOutputs, probeInput } from './parity';
import { type GraphModel, tf } from './tf';

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

interface LoadedModel {
  manifest: ModelManifest;
  graph: GraphModel;
  report?: BackendReport;
}

/**
 * Loads bundled models, picks and verifies a backend per model, and runs detection on decoded pixels.
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
      const artifacts = await readModelArtifacts(this.env.readFile, modelDir, manifest);
      const graph = await tf.loadGraphModel(tf.io.fromMemory(artifacts));
      this.models.set(manifest.id, { manifest, graph });
      return manifest;
    });
  }

  prepare(modelId: string, choice: BackendChoice = 'auto'): Promise<BackendReport> {
    return this.serial(() => this.prepareNow(this.model(modelId), choice));
  }

  detect(modelId: string, pixels: RgbaPixels, params: DetectParams): Promise<EngineDetection> {
    return this.serial(async () => {
      const model = this.model(modelId);
      const report = model.report ?? (await this.prepareNow(model, 'auto'));
      if (!(await activateBackend(report.backend))) throw new Error(`the ${report.backend} backend stopped working`);
      const { manifest } = model;
      const t0 = this.env.now();
      const { width, height } = manifest.input;
      const pre = manifest.preprocessing;
      const input = resizeToRgbFloats(pixels, width, height, pre.scale, pre.offset);
      const t1 = this.env.now();
      const outputs = await this.execute(model, input);
      this.inferences++;
      const t2 = this.env.now();
      const detections = decoderFor(manifest.decoder.name)(outputs, {
        manifest,
        params,
        imageWidth: pixels.width,
        imageHeight: pixels.height,
      });
      const t3 = this.env.now();
      return {
        detections,
        backend: report.backend,
        timings: { preprocessMs: t1 - t0, inferenceMs: t2 - t1, postprocessMs: t3 - t2 },
      };
    });
  }

  release(modelId: string): Promise<void> {
    return this.serial(async () => {
      this.models.get(modelId)?.graph.dispose();
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

  private async execute(model: LoadedModel, input: Float32Array): Promise<Float32Array[]> {
    const { manifest, graph } = model;
    const tensor = tf.tensor4d(input, [1, manifest.input.height, manifest.input.width, 3], 'float32');
    let outputs: tf.Tensor[] = [];
    try {
      const result = graph.execute({ [manifest.input.name]: tensor }, manifest.decoder.outputs);
      outputs = Array.isArray(result) ? result : [result];
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
    try {
      const actual = await this.runOn(candidate, model, probe);
      const diff = compareOutputs(expected, actual);
      return diff && `disagrees with ${this.reference}: ${diff}`;
    } catch (error) {
      return `failed on the probe input: ${(error as Error).message}`;
    }
  }

  private async prepareNow(model: LoadedModel, choice: BackendChoice): Promise<BackendReport> {
    const skipped: SkippedBackend[] = [];
    let chosen: BackendName | undefined;
    let warning: string | undefined;
    if (choice !== 'auto') {
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
      warmupMs: this.env.now() - t0,
      ...(warning ? { warning } : {}),
    };
    model.report = report;
    return report;
  }
}
