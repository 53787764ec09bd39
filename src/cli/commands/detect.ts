import { writeFile } from 'node:fs/promises';
import type { DetectParams } from '../../domain/detection';
import { toCoco, type CocoExportEntry } from '../../domain/formats/coco/export';
import type { CocoImage } from '../../domain/formats/coco/types';
import { sha256Hex } from '../../domain/hash';
import { defaultParams } from '../../domain/prediction';
import type { Engine } from '../../ml/engine';
import { decodeImage } from '../decode-image';
import { modelsRoot, readModelIndex } from '../models-root';
import { readInputFile } from '../read-file';
import { UsageError } from '../usage';

export interface DetectOptions {
  files: string[];
  model: string;
  out?: string;
  threshold?: number;
  verbose: boolean;
}

export interface Output {
  stdout: (text: string) => void;
  stderr: (line: string) => void;
}

type CocoImageWithHash = CocoImage & { sha256: string };

const ms = (value: number) => `${Math.round(value)} ms`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export async function runDetect(options: DetectOptions, io: Output): Promise<number> {
  const root = modelsRoot();
  const known = await readModelIndex(root);
  if (!known.includes(options.model)) {
    throw new UsageError(`unknown model "${options.model}" (known: ${known.join(', ')})`);
  }
  // Loaded only now: TF.js takes a moment to start, and a mistyped model name should not wait for it.
  const { createNodeEngine } = await import('../../ml/node');
  const engine = createNodeEngine(root);
  const loadStart = performance.now();
  const manifest = await engine.load(options.model);
  if (manifest.task !== 'detect') throw new UsageError(`model "${options.model}" is a ${manifest.task} model, not a detector`);
  const backend = await engine.prepare(manifest.id);
  if (options.verbose) {
    const ready = ms(performance.now() - loadStart);
    io.stderr(`workbench: ${manifest.id} ready on ${backend.backend} in ${ready} (warm-up ${ms(backend.warmupMs)})`);
  }
  const params: DetectParams = { ...defaultParams(manifest) };
  if (options.threshold !== undefined) params.scoreThreshold = options.threshold;

  const entries: CocoExportEntry<CocoImageWithHash>[] = [];
  let failures = 0;
  for (const file of options.files) {
    try {
      const { image, detections, summary } = await detectFile(engine, manifest.id, file, params, entries.length + 1);
      entries.push({ image, detections });
      if (options.verbose) io.stderr(`workbench: ${file}: ${summary}`);
    } catch (error) {
      failures++;
      io.stderr(`workbench: ${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  const coco = {
    info: {
      description: `workbench detect, model ${manifest.id} ${manifest.version}`,
      model: { id: manifest.id, version: manifest.version, weights_sha256: manifest.weightsSha256, backend: backend.backend },
      params,
      date_created: new Date().toISOString(),
    },
    ...toCoco(entries, manifest.labels),
  };
  const json = `${JSON.stringify(coco, null, 2)}\n`;
  if (options.out) await writeFile(options.out, json);
  else io.stdout(json);
  return failures > 0 ? 1 : 0;
}

async function detectFile(engine: Engine, modelId: string, file: string, params: DetectParams, id: number) {
  const start = performance.now();
  const bytes = await readInputFile(file);
  const { pixels } = decodeImage(bytes);
  const sha256 = await sha256Hex(bytes);
  const decodedAt = performance.now();
  const result = await engine.detect(modelId, pixels, params);
  const total = performance.now() - start;
  const t = result.timings;
  const image: CocoImageWithHash = { id, file_name: file, width: pixels.width, height: pixels.height, sha256 };
  const summary =
    `${image.width}×${image.height}, ${plural(result.detections.length, 'detection')}, ` +
    `read+decode+hash ${ms(decodedAt - start)}, preprocess ${ms(t.preprocessMs)}, inference ${ms(t.inferenceMs)}, ` +
    `postprocess ${ms(t.postprocessMs)}, total ${ms(total)} (${result.backend})`;
  return { image, detections: result.detections, summary };
}
