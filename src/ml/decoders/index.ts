import type { DetectorDecoderName } from '../../domain/model-manifest';
import { decodeBlazeFace } from './blazeface';
import { decodeCenterNet } from './centernet';
import { decodeEndToEnd } from './end-to-end';
import { decodeTfOdSsd } from './tf-od-ssd';
import type { Decoder } from './types';
import { decodeYoloV5 } from './yolov5';
import { decodeYoloV8 } from './yolov8';

const decoders: Record<DetectorDecoderName, Decoder> = {
  centernet: decodeCenterNet,
  blazeface: decodeBlazeFace,
  yolov8: decodeYoloV8,
  yolov5: decodeYoloV5,
  'end-to-end': decodeEndToEnd,
  'tf-od-ssd': decodeTfOdSsd,
};

export function decoderFor(name: string): Decoder {
  const decoder = decoders[name as DetectorDecoderName];
  if (!decoder) throw new Error(`no decoder named "${name}" (known: ${Object.keys(decoders).join(', ')})`);
  return decoder;
}

export type { DecodeContext, Decoder } from './types';
