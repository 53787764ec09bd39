// The single place that loads TF.js and its backends; everything else in ml/ imports tf from here.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-webgpu';

export { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
export { tf };
export type { GraphModel } from '@tensorflow/tfjs';
