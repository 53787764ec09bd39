// Loaded on demand by tf.ts: its own chunk, parsed only where WebGL is tried.
import '@tensorflow/tfjs-backend-webgl';
