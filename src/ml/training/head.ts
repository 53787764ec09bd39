// The softmax head trained on embeddings: one dense layer, class-weighted cross-entropy with an L2 penalty, Adam,
// seeded initialisation and shuffling, early stopping on the validation loss (the best epoch's weights are kept).
import { seededRandom } from '../../domain/dataset/split';
import { EARLY_STOPPING_START, judgeEpoch } from '../../domain/training/early-stopping';
import type { EpochFigures, TrainingSettings } from '../../domain/training/record';
import { tf } from '../tf';

/** Embeddings row by row (n × features) with their class indices. */
export interface Embedded {
  x: Float32Array;
  y: Int32Array;
  features: number;
}

export interface HeadHooks {
  /** After every epoch: the figures the live chart draws. */
  onEpoch?(figures: EpochFigures): void;
  /** Checked between batches; true stops training with TrainingCancelled. */
  cancelled?(): boolean;
}

export interface TrainedHead {
  kernel: Float32Array;
  bias: Float32Array;
  epochs: number;
  bestEpoch: number;
  history: EpochFigures[];
  /** The kept weights' class probabilities for each validation example (n × classes). */
  valProbabilities: Float32Array;
}

export class TrainingCancelled extends Error {
  override name = 'TrainingCancelled';
  constructor() {
    super('training was cancelled; nothing was saved');
  }
}

/** A validation loss must fall by more than this to count as better: far below it, the head only grows more sure of what it already gets right. */
const MIN_DELTA = 1e-3;

type HeadSettings = Pick<TrainingSettings, 'seed' | 'maxEpochs' | 'batchSize' | 'learningRate' | 'l2' | 'patience'>;

const rows = (data: Embedded) => data.y.length;
/** Lets queued messages (a cancel) through between epochs. */
const breathe = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Mean class-weighted cross-entropy (weights normalised by their sum, as Keras does with sample weights) plus the L2 penalty. */
function lossOf(kernel: tf.Variable, bias: tf.Variable, x: tf.Tensor2D, y: tf.Tensor1D, classWeights: tf.Tensor1D, classes: number, l2: number): tf.Scalar {
  const logits = tf.add(tf.matMul(x, kernel), bias);
  const perExample = tf.losses.softmaxCrossEntropy(tf.oneHot(y, classes), logits, undefined, undefined, tf.Reduction.NONE);
  const weights = tf.gather(classWeights, y);
  const data = tf.div(tf.sum(tf.mul(perExample, weights)), tf.sum(weights));
  return tf.add(data, tf.mul(l2, tf.sum(tf.square(kernel)))) as tf.Scalar;
}

/** Trains the head; every tensor it makes is disposed before it returns or throws. */
export async function trainHead(train: Embedded, val: Embedded, classes: number, classWeights: readonly number[], settings: HeadSettings, hooks: HeadHooks = {}): Promise<TrainedHead> {
  const { features } = train;
  // In tidy: the initial values are tensors of their own, freed once the variables hold copies.
  const kernel = tf.tidy(() => tf.variable(tf.initializers.glorotUniform({ seed: settings.seed }).apply([features, classes]) as tf.Tensor2D, true, 'head_kernel'));
  const bias = tf.tidy(() => tf.variable(tf.zeros([classes]), true, 'head_bias'));
  const optimizer = tf.train.adam(settings.learningRate);
  const xTrain = tf.tensor2d(train.x, [rows(train), features]);
  const yTrain = tf.tensor1d(train.y, 'int32');
  const xVal = tf.tensor2d(val.x, [rows(val), features]);
  const yVal = tf.tensor1d(val.y, 'int32');
  const weights = tf.tensor1d(Float32Array.from(classWeights));
  const random = seededRandom(settings.seed);
  const history: EpochFigures[] = [];
  let judged = EARLY_STOPPING_START;
  let best = { kernel: await kernel.data(), bias: await bias.data() } as { kernel: Float32Array; bias: Float32Array };
  let epoch = 0;
  try {
    while (epoch < settings.maxEpochs) {
      epoch++;
      const order = Array.from({ length: rows(train) }, (_, i) => i);
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      let lossSum = 0;
      for (let start = 0; start < order.length; start += settings.batchSize) {
        if (hooks.cancelled?.()) throw new TrainingCancelled();
        const batch = order.slice(start, start + settings.batchSize);
        const cost = tf.tidy(() => {
          const indices = tf.tensor1d(batch, 'int32');
          const xb = tf.gather(xTrain, indices);
          const yb = tf.gather(yTrain, indices);
          return optimizer.minimize(() => lossOf(kernel, bias, xb, yb, weights, classes, settings.l2), true, [kernel, bias])!;
        });
        lossSum += (await cost.data())[0]! * batch.length;
        cost.dispose();
      }
      const [valLoss, valAccuracy] = await evaluate(kernel, bias, xVal, yVal, weights, classes, settings.l2);
      const figures = { epoch, trainLoss: lossSum / order.length, valLoss, valAccuracy };
      history.push(figures);
      hooks.onEpoch?.(figures);
      const verdict = judgeEpoch(judged, epoch, valLoss, { patience: settings.patience, minDelta: MIN_DELTA });
      judged = verdict.state;
      if (verdict.improved) best = { kernel: (await kernel.data()) as Float32Array, bias: (await bias.data()) as Float32Array };
      if (verdict.stop) break;
      await breathe();
    }
    const probabilities = tf.tidy(() => tf.softmax(tf.add(tf.matMul(xVal, tf.tensor2d(best.kernel, [features, classes])), tf.tensor1d(best.bias))));
    const valProbabilities = (await probabilities.data()) as Float32Array;
    probabilities.dispose();
    return { kernel: best.kernel, bias: best.bias, epochs: epoch, bestEpoch: judged.bestEpoch, history, valProbabilities };
  } finally {
    tf.dispose([kernel, bias, xTrain, yTrain, xVal, yVal, weights]);
    optimizer.dispose();
  }
}

/** Validation loss (as trained: class-weighted, with the penalty) and accuracy. */
async function evaluate(kernel: tf.Variable, bias: tf.Variable, x: tf.Tensor2D, y: tf.Tensor1D, weights: tf.Tensor1D, classes: number, l2: number): Promise<[number, number]> {
  const [loss, correct] = tf.tidy(() => {
    const l = lossOf(kernel, bias, x, y, weights, classes, l2);
    const predicted = tf.argMax(tf.add(tf.matMul(x, kernel), bias), 1);
    return [l, tf.mean(tf.cast(tf.equal(predicted, tf.cast(y, 'int32')), 'float32'))];
  });
  const values = [(await loss.data())[0]!, (await correct.data())[0]!] as [number, number];
  tf.dispose([loss, correct]);
  return values;
}
