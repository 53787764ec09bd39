import type { Decoder } from './types';
import { decodeRows } from './end-to-end';

/**
 * CenterNet as converted by Human: `detections` [1, 100, 6] after peak finding and top-k, corners in model-input
 * pixels, class a 0-based index into the labels: the end-to-end layout, with one difference in suppression.
 * Class-agnostic: the graph emits a peak per class at the same centre, so per-class NMS would leave stacks of
 * identical boxes labelled dog, bed, couch… on one cat.
 */
export const decodeCenterNet: Decoder = (outputs, context) =>
  decodeRows(outputs[0], { ...context, manifest: { ...context.manifest, decoder: { ...context.manifest.decoder, classAgnostic: true } } as typeof context.manifest }, 'centernet');
