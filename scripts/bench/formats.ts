// Dataset formats: writing and strictly reading back a large synthetic set (5,000 images, 100,000 boxes) in each format.
import { exportDataset, importDataset } from '../../src/domain/dataset/codec';
import { DATASET_FORMATS, type Dataset } from '../../src/domain/dataset/model';
import { seededRandom } from '../../src/domain/dataset/split';
import { zipSet } from '../../src/domain/dataset/zip';
import { emit } from './report';

const IMAGES = Number(process.env.BENCH_DATASET_IMAGES ?? 5000);
const BOXES_PER_IMAGE = 20;

function syntheticSet(): Dataset {
  const random = seededRandom(1);
  const labels = Array.from({ length: 80 }, (_, i) => `class ${i}`);
  const images = Array.from({ length: IMAGES }, (_, i) => ({ fileName: `img_${String(i).padStart(6, '0')}.jpg`, width: 1920, height: 1080 }));
  const annotations = images.flatMap((image) =>
    Array.from({ length: BOXES_PER_IMAGE }, () => {
      const w = 10 + random() * 300;
      const h = 10 + random() * 300;
      const box = { x: random() * (image.width - w), y: random() * (image.height - h), w, h };
      return { imageFileName: image.fileName, label: labels[Math.floor(random() * labels.length)]!, box, score: random(), status: 'accepted' as const };
    }),
  );
  return { labels, images, annotations };
}

export async function benchFormats(): Promise<void> {
  const dataset = syntheticSet();
  const known = new Map(dataset.images.map((i) => [i.fileName, { width: i.width, height: i.height }]));
  const figures: Record<string, number> = {};
  for (const format of DATASET_FORMATS) {
    let start = performance.now();
    const set = exportDataset(format, dataset);
    figures[`${format}ExportMs`] = performance.now() - start;
    start = performance.now();
    const zip = zipSet(set);
    figures[`${format}ZipMs`] = performance.now() - start;
    figures[`${format}ZipMB`] = zip.length / 1e6;
    start = performance.now();
    const back = importDataset(format, set.files, known);
    figures[`${format}ImportMs`] = performance.now() - start;
    if (back.annotations.length !== dataset.annotations.length) throw new Error(`${format}: ${back.annotations.length} boxes read back of ${dataset.annotations.length}`);
  }
  emit({
    name: 'node.dataset_formats_100k',
    backend: 'none',
    figures: { images: IMAGES, boxes: IMAGES * BOXES_PER_IMAGE, ...figures },
    ratio: figures.vocImportMs! / figures.cocoImportMs!,
    note: 'export, zip (text deflated) and strict import of the same set per format; ratio = VOC import over COCO import',
  });
}
