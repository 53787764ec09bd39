// Opening cached results vs computing them again: the same 200 images, the same run key, one process.
import 'fake-indexeddb/auto';
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { decodeImage } from '../../src/cli/decode-image';
import { sha256Hex } from '../../src/domain/hash';
import { inferenceParams, paramsHash, predictionKey, type PredictionRecord, runKey } from '../../src/domain/prediction';
import type { DetectRunParams } from '../../src/domain/detection';
import { createNodeEngine } from '../../src/ml/node';
import { openWorkbenchDb, predictionsForRun, putPrediction } from '../../src/storage';
import { emit, fixture, modelsDir } from './report';

const IMAGES = 200;

export async function benchCache(): Promise<void> {
  const engine = createNodeEngine(modelsDir);
  const manifest = await engine.load('coco-centernet');
  const report = await engine.prepare(manifest.id);
  const params = inferenceParams(manifest) as DetectRunParams;
  const run = runKey(manifest, await paramsHash(params));
  const db = await openWorkbenchDb(`bench-cache-${process.pid}`);
  const names = ['astronaut.png', 'chelsea.png', 'rocket.jpg', 'camera.png', 'horse.png'];
  const sources = await Promise.all(names.map(async (n) => new Uint8Array(await readFile(fixture(n)))));

  const t0 = performance.now();
  for (let i = 0; i < IMAGES; i++) {
    const bytes = sources[i % sources.length]!;
    const imageSha256 = await sha256Hex(new Uint8Array([...bytes.subarray(0, 64), i & 255, i >> 8])); // 200 distinct keys
    const start = performance.now();
    const result = await engine.detect(manifest.id, decodeImage(bytes).pixels, params);
    const record: PredictionRecord = {
      key: predictionKey(imageSha256, run),
      runKey: run,
      imageSha256,
      modelId: manifest.id,
      modelVersion: manifest.version,
      weightsSha256: manifest.weightsSha256,
      paramsHash: run.slice(run.lastIndexOf('|') + 1),
      params,
      detections: result.detections,
      backend: result.backend,
      elapsedMs: performance.now() - start,
      createdAt: new Date().toISOString(),
    };
    await putPrediction(db, record);
  }
  const inferMs = performance.now() - t0;

  const t1 = performance.now();
  const cached = await predictionsForRun(db, run);
  const openMs = performance.now() - t1;
  if (cached.size !== IMAGES) throw new Error(`expected ${IMAGES} cached results, found ${cached.size}`);
  emit({
    name: 'node.cached_vs_reinfer_200',
    backend: report.backend,
    figures: { images: IMAGES, inferAndStoreMs: inferMs, openCachedMs: openMs },
    ratio: inferMs / openMs,
    note: 'IndexedDB through fake-indexeddb in Node (slower than a browser\'s own IndexedDB)',
  });
  db.close();
}
