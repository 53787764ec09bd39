import { describe, expect, it } from 'vitest';
import type { ModelManifest } from '../../src/domain/model-manifest';
import { blazeFaceAnchors, decodeBlazeFace } from '../../src/ml/decoders/blazeface';
import { decodeCenterNet } from '../../src/ml/decoders/centernet';
import { decoderFor } from '../../src/ml/decoders';

function manifest(width: number, labels: string[]): ModelManifest {
  return {
    input: { name: 'in', width, height: width, channels: 3, layout: 'NHWC', dtype: 'float32' },
    labels,
  } as ModelManifest;
}

const params = { scoreThreshold: 0.2, iouThreshold: 0.4, maxDetections: 100 };

describe('decodeCenterNet', () => {
  const labels = ['person', 'bicycle', 'car'];
  // x1, y1, x2, y2 (512-px input space), score, class
  const rows = Float32Array.from([
    10, 20, 110, 220, 0.9, 0, //  person
    300, 400, 200, 300, 0.5, 2, // car, corners given the other way round
    50, 50, 60, 60, 0.1, 1, //  below the threshold
    0, 0, 100, 100, 0.8, Number.NaN, // no class
    0, 0, 100, 100, 0.8, 7, //  class outside the label list
    0, 0, 0, 0, 0, 0, //  padding row
  ]);

  it('keeps rows above the threshold, maps labels and scales to the image', () => {
    const detections = decodeCenterNet([rows], { manifest: manifest(512, labels), params, imageWidth: 1024, imageHeight: 256 });
    expect(detections).toHaveLength(2);
    expect(detections[0]).toMatchObject({ label: 'person', classIndex: 0, box: { x: 20, y: 10, w: 200, h: 100 } });
    expect(detections[0]!.score).toBeCloseTo(0.9, 6);
    expect(detections[1]).toMatchObject({ label: 'car', classIndex: 2, box: { x: 400, y: 150, w: 200, h: 50 } });
  });

  it('honours a higher threshold', () => {
    const strict = { ...params, scoreThreshold: 0.6 };
    const detections = decodeCenterNet([rows], { manifest: manifest(512, labels), params: strict, imageWidth: 512, imageHeight: 512 });
    expect(detections.map((d) => d.label)).toEqual(['person']);
  });

  it('keeps one box where the graph put peaks of several classes on the same object', () => {
    const stacked = Float32Array.from([0, 0, 200, 100, 0.48, 16, 0, 0, 200, 100, 0.25, 59, 2, 0, 200, 100, 0.23, 0]);
    const many = ['person', ...Array.from({ length: 79 }, (_, i) => `label${i + 1}`)];
    const detections = decodeCenterNet([stacked], { manifest: manifest(512, many), params, imageWidth: 512, imageHeight: 512 });
    expect(detections.map((d) => d.classIndex)).toEqual([16]);
  });

  it('clips boxes to the image', () => {
    const outside = Float32Array.from([-20, 480, 100, 600, 0.9, 0]);
    const [d] = decodeCenterNet([outside], { manifest: manifest(512, labels), params, imageWidth: 512, imageHeight: 512 });
    expect(d!.box).toEqual({ x: 0, y: 480, w: 100, h: 32 });
  });

  it('refuses output that is not rows of six', () => {
    expect(() => decodeCenterNet([new Float32Array(7)], { manifest: manifest(512, labels), params, imageWidth: 1, imageHeight: 1 })).toThrow(
      /rows of 6/,
    );
  });
});

describe('BlazeFace', () => {
  it('has 896 anchors at 256 px, the first centred on (8, 8), the coarse layer starting at (16, 16)', () => {
    const anchors = blazeFaceAnchors(256);
    expect(anchors.length / 2).toBe(896);
    expect([anchors[0], anchors[1]]).toEqual([8, 8]);
    expect([anchors[2], anchors[3]]).toEqual([8, 8]); // two anchors per fine cell
    expect([anchors[4], anchors[5]]).toEqual([24, 8]);
    expect([anchors[512 * 2], anchors[512 * 2 + 1]]).toEqual([16, 16]);
    expect([anchors[895 * 2], anchors[895 * 2 + 1]]).toEqual([240, 240]);
  });

  it('decodes one confident anchor relative to its centre and scales it to the image', () => {
    const logitsFine = new Float32Array(512).fill(-10);
    const logitsCoarse = new Float32Array(384).fill(-10);
    const regFine = new Float32Array(512 * 16);
    const regCoarse = new Float32Array(384 * 16);
    logitsFine[0] = 5; // sigmoid ≈ 0.993
    regFine.set([4, 2, 20, 10], 0); // centre (8 + 4, 8 + 2), 20 × 10
    const faces = decodeBlazeFace([logitsFine, logitsCoarse, regFine, regCoarse], {
      manifest: manifest(256, ['face']),
      params: { scoreThreshold: 0.6, iouThreshold: 0.3, maxDetections: 50 },
      imageWidth: 512,
      imageHeight: 256,
    });
    expect(faces).toHaveLength(1);
    expect(faces[0]).toMatchObject({ label: 'face', classIndex: 0, box: { x: 4, y: 5, w: 40, h: 10 } });
    expect(faces[0]!.score).toBeCloseTo(1 / (1 + Math.exp(-5)), 6);
  });
});

describe('decoderFor', () => {
  it('finds the bundled decoders and names the known ones for an unknown name', () => {
    expect(decoderFor('centernet')).toBe(decodeCenterNet);
    expect(() => decoderFor('yolo')).toThrow('no decoder named "yolo" (known: centernet, blazeface, yolov8, yolov5, end-to-end, tf-od-ssd)');
  });
});
