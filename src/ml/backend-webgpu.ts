// Loaded on demand by tf.ts: its own chunk, parsed only where WebGPU is tried.
import '@tensorflow/tfjs-backend-webgpu';
