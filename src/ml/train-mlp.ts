import * as tf from '@tensorflow/tfjs';
import { fillBatch } from './augment';
import { installFastMatMulGradient } from './fast-matmul-grad';
import { PIXELS } from './datasets';
import type { ImageSet } from './image-set';
import { emptyConfusion, accuracyOf, type Confusion } from './metrics';
import { cosineLearningRate, makeOptimizer, setLearningRate, type MlpConfig } from './mlp';
import { makeRng, permutation } from './random';

export interface EpochReport {
  epoch: number;
  epochs: number;
  loss: number;
  accuracy: number;
  valLoss?: number;
  valAccuracy?: number;
  seconds: number;
  learningRate: number;
}

export interface BatchReport {
  epoch: number;
  batch: number;
  batches: number;
  loss: number;
  accuracy: number;
}

export interface TrainCallbacks {
  onBatch?: (r: BatchReport) => void;
  onEpoch?: (r: EpochReport) => void | Promise<void>;
  /** Polled between batches; return true to stop after the current batch. */
  shouldStop?: () => boolean;
  /** Lets the host breathe between batches (the worker answers messages here). */
  yieldEvery?: number;
}

export interface TrainResult {
  history: EpochReport[];
  stopped: boolean;
}

const CLASSES = 10;
const breathe = () => new Promise<void>((r) => setTimeout(r, 0));

/**
 * The one MLP training loop, used by the CLI, the worker and the tests.
 * Shuffles with a seeded RNG each epoch, augments per sample, decays the learning rate.
 */
export async function trainMlp(
  model: tf.LayersModel,
  train: ImageSet,
  validation: ImageSet | null,
  config: MlpConfig,
  callbacks: TrainCallbacks = {},
): Promise<TrainResult> {
  installFastMatMulGradient();
  const optimizer = makeOptimizer(config);
  model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const rng = makeRng(config.seed);
  const bs = config.batchSize;
  const batches = Math.ceil(train.count / bs);
  const xBuffer = new Float32Array(bs * PIXELS);
  const augment = config.shift > 0 || config.flip ? { shift: config.shift, flip: config.flip } : null;
  const history: EpochReport[] = [];
  let stopped = false;

  for (let epoch = 0; epoch < config.epochs && !stopped; epoch++) {
    const started = performance.now();
    const lr = cosineLearningRate(config.learningRate, epoch, config.epochs);
    setLearningRate(optimizer, lr);
    const order = permutation(train.count, rng);
    let lossSum = 0;
    let accSum = 0;
    let seen = 0;
    for (let b = 0; b < batches; b++) {
      const idx = order.subarray(b * bs, Math.min((b + 1) * bs, train.count));
      const n = idx.length;
      fillBatch(train.images, idx, xBuffer, augment, rng);
      const labels = Int32Array.from(idx, (i) => train.labels[i]);
      const x = tf.tensor2d(xBuffer.subarray(0, n * PIXELS), [n, PIXELS]);
      const y = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), CLASSES));
      const [loss, acc] = (await model.trainOnBatch(x, y)) as number[];
      tf.dispose([x, y]);
      lossSum += loss * n;
      accSum += acc * n;
      seen += n;
      callbacks.onBatch?.({ epoch, batch: b, batches, loss, accuracy: acc });
      if (callbacks.shouldStop?.()) {
        stopped = true;
        break;
      }
      if (callbacks.yieldEvery && b % callbacks.yieldEvery === 0) await breathe();
    }
    const report: EpochReport = {
      epoch,
      epochs: config.epochs,
      loss: lossSum / seen,
      accuracy: accSum / seen,
      seconds: (performance.now() - started) / 1000,
      learningRate: lr,
    };
    if (validation) {
      const v = evaluate(model, validation);
      report.valLoss = v.loss;
      report.valAccuracy = v.accuracy;
    }
    history.push(report);
    await callbacks.onEpoch?.(report);
  }
  return { history, stopped };
}

export interface Evaluation {
  accuracy: number;
  loss: number;
  confusion: Confusion;
  /** Predicted class per sample, in order. */
  predictions: Uint8Array;
}

/** Accuracy, mean cross-entropy and confusion matrix over a whole set, in chunks. */
export function evaluate(model: tf.LayersModel, set: ImageSet, chunk = 1000): Evaluation {
  const confusion = emptyConfusion(CLASSES);
  const predictions = new Uint8Array(set.count);
  let lossSum = 0;
  for (let start = 0; start < set.count; start += chunk) {
    const n = Math.min(chunk, set.count - start);
    const { pred, loss } = tf.tidy(() => {
      const x = tf.tensor2d(set.images.subarray(start * PIXELS, (start + n) * PIXELS), [n, PIXELS], 'float32').div(255);
      const probs = model.predict(x) as tf.Tensor2D;
      const labels = tf.tensor1d(set.labels.subarray(start, start + n), 'int32');
      const picked = tf.sum(tf.mul(probs, tf.oneHot(labels, CLASSES)), 1);
      const ce = tf.neg(tf.log(tf.clipByValue(picked, 1e-7, 1))).sum();
      return { pred: probs.argMax(1).dataSync(), loss: ce.dataSync()[0] };
    });
    lossSum += loss;
    for (let i = 0; i < n; i++) {
      predictions[start + i] = pred[i];
      confusion[set.labels[start + i]][pred[i]]++;
    }
  }
  return { accuracy: accuracyOf(confusion), loss: lossSum / set.count, confusion, predictions };
}

/** Probabilities for a batch of already-normalised 784-vectors. */
export function predictProbabilities(model: tf.LayersModel, pixels: Float32Array, count: number): Float32Array {
  return tf.tidy(() => (model.predict(tf.tensor2d(pixels, [count, PIXELS])) as tf.Tensor).dataSync() as Float32Array);
}
