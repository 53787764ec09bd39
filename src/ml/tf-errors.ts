/**
 * TF.js' own messages for an op it cannot run, in words that say which op and where: "Kernel 'Einsum' not
 * registered for backend 'wasm'" becomes "the wasm backend lacks the op Einsum".
 */
export function explainRunError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const kernel = /Kernel '([^']+)' not registered for backend '([^']+)'/.exec(message);
  if (kernel) return `the ${kernel[2]} backend lacks the op ${kernel[1]}`;
  const op = /Tensorflow Op is not supported: (\S+)/.exec(message);
  if (op) return `TF.js cannot run the op ${op[1]} on any backend`;
  const layer = /Unknown layer: (\S+?)\./.exec(message);
  if (layer) return `TF.js does not know the layer class ${layer[1]}`;
  return message.split('\n')[0]!;
}

/** True when the error is about an op or layer TF.js cannot run (as opposed to wrong input). */
export const isMissingOp = (error: unknown): boolean => /not registered for backend|Op is not supported|Unknown layer/.test(error instanceof Error ? error.message : String(error));
