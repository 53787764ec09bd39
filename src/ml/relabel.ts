// The box labeller chained after a detector: each box the detector is sure enough of is cut out with a little context
// (as the labeller was trained), classified by the labeller, and takes its label.
import type { Detection } from '../domain/detection';
import type { ClassifierManifest } from '../domain/model-manifest';
import type { RasterSource } from '../domain/raster-source';
import { contextWindow } from '../domain/training/crop';
import type { Detector } from './lane-pool';

/**
 * The detections the detector scores at least `minScore`, each relabelled with the labeller's best label (its score
 * and the margin to the second best kept); the rest are dropped. The detector's score and box stay as they were.
 */
export async function relabelDetections(engine: Pick<Detector, 'classify'>, labeller: ClassifierManifest, source: RasterSource, detections: readonly Detection[], minScore: number): Promise<Detection[]> {
  const out: Detection[] = [];
  for (const d of detections) {
    if (d.score < minScore) continue;
    const window = contextWindow(d.box, source.width, source.height);
    const pixels = await source.readWindow(window, labeller.input.width, labeller.input.height);
    const { tags } = await engine.classify(labeller.id, pixels, { topK: labeller.labels.length, minScore: 0 });
    const [best, second] = tags;
    if (!best) continue;
    out.push({
      label: best.label,
      classIndex: labeller.labels.indexOf(best.label),
      score: d.score,
      box: d.box,
      relabel: { detectorLabel: d.label, labellerScore: best.score, margin: best.score - (second?.score ?? 0) },
    });
  }
  return out;
}
