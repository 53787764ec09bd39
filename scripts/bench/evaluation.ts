// Evaluation: COCO figures, per-class operating point, confusion matrix and marks for a large synthetic set
// (5,000 images, 100,000 truth boxes, about as many detections, 80 classes). Goal: under 2 s on this machine.
import { evaluateDetections } from '../../src/domain/eval/evaluate';
import { generateSet } from '../../tests/helpers/eval-sets';
import { emit, median } from './report';

const IMAGES = Number(process.env.BENCH_EVAL_IMAGES ?? 5000);
const GOAL_MS = 2000;

export async function benchEvaluation(): Promise<void> {
  // 20 truth boxes per image on average, a realistic detector: jittered boxes, misses, confusions, false alarms.
  const set = generateSet({ seed: 5, images: IMAGES, classes: 80, boxes: [10, 30], jitter: 0.12, missRate: 0.15, confusionRate: 0.05, falseAlarms: [0, 6], width: 1920, height: 1080 });
  const truths = set.images.reduce((n, i) => n + i.truth.length, 0);
  const detections = set.images.reduce((n, i) => n + i.predicted.length, 0);
  const times: number[] = [];
  const cpu: number[] = [];
  let marked = 0;
  for (let run = 0; run < 3; run++) {
    const start = performance.now();
    const used = process.cpuUsage();
    const report = evaluateDetections(set.images, { iou: 0.5, threshold: 0.5 }, set.classes);
    times.push(performance.now() - start);
    const { user, system } = process.cpuUsage(used);
    cpu.push((user + system) / 1000);
    marked = Object.keys(report.marks).length;
  }
  const ms = median(times);
  emit({
    name: 'node.evaluate_5k_images',
    backend: 'none',
    figures: { images: IMAGES, truths, detections, classes: set.classes.length, medianMs: ms, minMs: Math.min(...times), cpuMedianMs: median(cpu), goalMs: GOAL_MS, imagesMarked: marked },
    ratio: ms / GOAL_MS,
    note: 'COCO figures (10 IoU × 4 areas × 3 maxDets), operating point, confusion matrix and per-image marks; median of 3 runs (cpuMedianMs: CPU time, GC threads included, which a busy machine does not inflate as it does wall time); ratio = time over the 2 s goal',
  });
}
