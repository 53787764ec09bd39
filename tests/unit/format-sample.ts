import type { Dataset } from '../../src/domain/dataset/model';

/** A small set with awkward parts: fractional boxes, boxes on the image edge, a name with a comma and quotes. */
export function sampleDataset(): Dataset {
  return {
    labels: ['person', 'car', 'dog', 'sign, "stop"'],
    images: [
      { fileName: 'astronaut.png', width: 512, height: 512, tags: ['Neutral'] },
      { fileName: 'rocket.jpg', width: 640, height: 427 },
      { fileName: 'street, "main".jpg', width: 300, height: 200 },
      { fileName: 'empty.png', width: 30, height: 20, tags: ['Neutral'] },
    ],
    annotations: [
      { imageFileName: 'astronaut.png', label: 'person', box: { x: 8.37, y: 9.12, w: 361.5, h: 502.88 }, status: 'accepted', source: 'human:ann' },
      { imageFileName: 'astronaut.png', label: 'car', box: { x: 400.25, y: 10, w: 50.5, h: 20.75 }, score: 0.4321, status: 'suggested', source: 'model:coco-centernet@1' },
      { imageFileName: 'rocket.jpg', label: 'dog', box: { x: 0, y: 0, w: 640, h: 427 }, status: 'edited' },
      { imageFileName: 'rocket.jpg', label: 'person', box: { x: 600.4, y: 400.6, w: 39.6, h: 26.4 }, status: 'accepted' },
      { imageFileName: 'street, "main".jpg', label: 'sign, "stop"', box: { x: 10, y: 20, w: 30, h: 40 }, status: 'accepted' },
    ],
  };
}
