import { describe, expect, it } from 'vitest';
import { placeInInput } from '../../src/domain/model-input';
import type { DetectorDecoderConfig, ModelManifest } from '../../src/domain/model-manifest';
import { decoderFor } from '../../src/ml/decoders';

function context(decoder: Partial<DetectorDecoderConfig> & { name: string }, labels: string[], shapes: number[][], image = { w: 640, h: 640 }, resize: 'stretch' | 'letterbox' = 'stretch') {
  const manifest = {
    task: 'detect',
    input: { name: 'images', width: 640, height: 640, channels: 3, layout: 'NHWC', dtype: 'float32' },
    labels,
    decoder: { outputs: [], scoreThreshold: 0.25, iouThreshold: 0.7, maxDetections: 300, ...decoder },
  } as unknown as ModelManifest;
  return {
    manifest,
    params: { scoreThreshold: 0.25, iouThreshold: 0.7, maxDetections: 300 },
    imageWidth: image.w,
    imageHeight: image.h,
    placement: placeInInput(image.w, image.h, 640, 640, resize),
    shapes,
  };
}

/** Anchors as rows of cx, cy, w, h, class scores…; laid out [4 + nc, N] (channels first) or [N, 4 + nc]. */
function yoloV8(anchors: number[][], channelsFirst: boolean): Float32Array {
  if (!channelsFirst) return Float32Array.from(anchors.flat());
  const rows = anchors[0]!.length;
  return Float32Array.from({ length: rows * anchors.length }, (_, i) => anchors[i % anchors.length]![Math.floor(i / anchors.length)]!);
}

describe('yolov8', () => {
  const anchors = [
    [100, 100, 40, 20, 0.9, 0.1], // a: best class 0
    [102, 101, 40, 20, 0.8, 0.05], // the same object again: suppressed
    [300, 200, 50, 50, 0.2, 0.6], // b
    [500, 500, 10, 10, 0.1, 0.2], // below the threshold
  ];

  it.each([true, false])('decodes [1, 4 + nc, N] and its transpose (channels first: %s), with per-class suppression', (channelsFirst) => {
    const shape = channelsFirst ? [1, 6, 4] : [1, 4, 6];
    const detections = decoderFor('yolov8')([yoloV8(anchors, channelsFirst)], context({ name: 'yolov8' }, ['a', 'b'], [shape]));
    expect(detections.map((d) => d.label)).toEqual(['a', 'b']);
    expect(detections[0]!.box).toEqual({ x: 80, y: 90, w: 40, h: 20 });
    expect(detections[1]!.score).toBeCloseTo(0.6, 6);
  });

  it('maps letterboxed boxes back to the image (1280 × 640 into 640²: scale 2, 160 px padding above)', () => {
    const [d] = decoderFor('yolov8')([yoloV8([[320, 320, 100, 100, 0.9]], true)], context({ name: 'yolov8' }, ['a'], [[1, 5, 1]], { w: 1280, h: 640 }, 'letterbox'));
    expect(d!.box).toEqual({ x: 540, y: 220, w: 200, h: 200 });
  });

  it('says which shape it expected when the labels do not fit the output', () => {
    expect(() => decoderFor('yolov8')([new Float32Array(24)], context({ name: 'yolov8' }, ['a', 'b', 'c'], [[1, 6, 4]]))).toThrow(
      'yolov8: output [1, 6, 4] does not fit 3 labels (expected [1, 7, N] or [1, N, 7])',
    );
  });
});

describe('yolov5', () => {
  it('multiplies objectness by the class score and reads boxes given as fractions of the input', () => {
    const rows = Float32Array.from([0.5, 0.5, 0.1, 0.1, 0.9, 0.2, 0.8, 0.25, 0.25, 0.1, 0.1, 0.2, 0.9, 0.1]);
    const detections = decoderFor('yolov5')([rows], context({ name: 'yolov5', normalizedBoxes: true }, ['a', 'b'], [[1, 2, 7]]));
    expect(detections).toHaveLength(1);
    expect(detections[0]!.label).toBe('b');
    for (const [key, value] of Object.entries({ x: 288, y: 288, w: 64, h: 64 })) expect(detections[0]!.box[key as 'x']).toBeCloseTo(value, 3);
    expect(detections[0]!.score).toBeCloseTo(0.72, 6);
  });
});

describe('end-to-end', () => {
  it('reads rows of corners, score and class, class ids shifted by classIdOffset', () => {
    const rows = Float32Array.from([10, 20, 110, 220, 0.9, 1, 0, 0, 5, 5, 0.1, 1, 0, 0, 0, 0, 0, 0]);
    const detections = decoderFor('end-to-end')([rows], context({ name: 'end-to-end', classIdOffset: 1 }, ['person'], [[1, 3, 6]]));
    expect(detections).toEqual([{ label: 'person', classIndex: 0, score: expect.closeTo(0.9, 6), box: { x: 10, y: 20, w: 100, h: 200 } }]);
  });
});

describe('tf-od-ssd', () => {
  it('reads normalised y1, x1, y2, x2 boxes, 1-based classes and stops at num_detections', () => {
    const boxes = Float32Array.from([0.1, 0.2, 0.5, 0.6, 0, 0, 1, 1, 0.3, 0.3, 0.4, 0.4]);
    const scores = Float32Array.from([0.9, 0.8, 0.95]);
    const classes = Float32Array.from([2, 1, 1]);
    const detections = decoderFor('tf-od-ssd')([boxes, scores, classes, Float32Array.from([2])], context({ name: 'tf-od-ssd' }, ['person', 'car'], [[1, 3, 4], [1, 3], [1, 3], [1]], { w: 1000, h: 500 }));
    expect(detections.map((d) => d.label)).toEqual(['car', 'person']);
    expect(detections[0]!.box.x).toBeCloseTo(200, 3);
    expect(detections[0]!.box.y).toBeCloseTo(50, 3);
    expect(detections[0]!.box.w).toBeCloseTo(400, 3);
    expect(detections[0]!.box.h).toBeCloseTo(200, 3);
  });
});
