// The parts of TF.js the workbench uses, as one namespace: core, graph models (converter) and Keras layers
// models. Not the umbrella package, which also brings tfjs-data and both GPU backends eagerly.
export * from '@tensorflow/tfjs-core';
export { GraphModel, loadGraphModel } from '@tensorflow/tfjs-converter';
export { initializers, loadLayersModel } from '@tensorflow/tfjs-layers';
