import { decodeBlazeFace } from './blazeface';
import { decodeCenterNet } from './centernet';
import type { Decoder } from './types';

const decoders: Record<string, Decoder> = {
  centernet: decodeCenterNet,
  blazeface: decodeBlazeFace,
};

export function decoderFor(name: string): Decoder {
  const decoder = decoders[name];
  if (!decoder) throw new Error(`no decoder named "${name}" (known: ${Object.keys(decoders).join(', ')})`);
  return decoder;
}

export type { DecodeContext, Decoder } from './types';
