import type { ProbedOutput } from '../domain/model-import/decoder-fit';
import type { ModelJson } from '../domain/model-import/model-json';
import type { ModelInput } from '../domain/model-manifest';
import { activateBackend } from './backends';
import type { Engine } from './engine';
import { loadArtifacts } from './loaded-model';
import { probeFor } from './parity';
import { explainRunError, isMissingOp } from './tf-errors';
import { tf } from './tf';

const TOLERANCE = 1e-3;

/** Every value in 0–1 and each row (the last axis) summing to 1. */
function areProbabilities(values: Float32Array, shape: number[]): boolean {
  const row = shape.at(-1) ?? values.length;
  if (row < 2 || values.some((v) => !(v >= -TOLERANCE && v <= 1 + TOLERANCE))) return false;
  for (let start = 0; start < values.length; start += row) {
    let sum = 0;
    for (let i = start; i < start + row; i++) sum += values[i]!;
    if (Math.abs(sum - 1) > 0.01) return false;
  }
  return true;
}

/**
 * Runs a model that is not loaded yet once on a patterned input, to see what it gives: each output's name, shape
 * and whether its values are probabilities. WASM first, CPU where WASM lacks an op; the model is freed afterwards.
 */
export function probeOutputs(engine: Engine, artifacts: tf.io.ModelArtifacts, model: ModelJson, input: ModelInput): Promise<ProbedOutput[]> {
  return engine.exclusive(async () => {
    const failures: string[] = [];
    for (const backend of ['wasm', 'cpu'] as const) {
      if (!(await activateBackend(backend))) continue;
      const runner = await loadArtifacts(artifacts, model.format, input.name, []);
      const pattern = probeFor({ input, preprocessing: { resize: 'stretch', scale: input.dtype === 'int32' ? 1 : 1 / 255, offset: 0, colorOrder: 'RGB' } });
      const shape: [number, number, number, number] = input.layout === 'NCHW' ? [1, 3, input.height, input.width] : [1, input.height, input.width, 3];
      const tensor = input.dtype === 'int32' ? tf.tensor4d(Int32Array.from(pattern, Math.round), shape, 'int32') : tf.tensor4d(pattern, shape);
      let outputs: tf.Tensor[] = [];
      try {
        outputs = await runner.run(tensor);
        const names = outputNames(runner, model, outputs.length);
        return await Promise.all(
          outputs.map(async (t, i) => {
            const values = Float32Array.from(await t.data());
            const declared = model.outputs.find((o) => o.name === names[i]!.replace(/:0$/, ''));
            return { name: names[i]!, shape: t.shape, ...(declared?.key ? { key: declared.key } : {}), probabilities: areProbabilities(values, t.shape) };
          }),
        );
      } catch (error) {
        if (!isMissingOp(error)) throw new Error(`the model does not run on a ${input.width} × ${input.height} input: ${explainRunError(error)}`, { cause: error });
        failures.push(`${backend}: ${explainRunError(error)}`);
      } finally {
        tensor.dispose();
        tf.dispose(outputs);
        runner.dispose();
      }
    }
    throw new Error(`no backend can run this model (${failures.join('; ')})`);
  });
}

function outputNames(runner: Awaited<ReturnType<typeof loadArtifacts>>, model: ModelJson, count: number): string[] {
  if (runner.outputNames.length === count) return runner.outputNames;
  return Array.from({ length: count }, (_, i) => model.outputs[i]?.name ?? `output ${i}`);
}
