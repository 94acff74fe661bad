import * as tf from '@tensorflow/tfjs';
import { cosineLearningRate, makeOptimizer, setLearningRate } from '../digits/mlp';
import { installFastMatMulGradient } from './fast-matmul-grad';
import { accuracyOf, type Confusion, emptyConfusion } from './metrics';
import { makeRng, permutation } from './random';
import type { TrainingData } from './training-data';

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
  /** Checked between batches: once aborted, the run stops after the current batch. */
  signal?: AbortSignal;
  /** Lets the host breathe between batches (the worker answers messages here). */
  yieldEvery?: number;
}

export interface LoopConfig {
  optimizer: 'adam' | 'sgd' | 'rmsprop';
  learningRate: number;
  batchSize: number;
  epochs: number;
  seed: number;
  /** Whether the data's augmentation runs (it needs the seeded RNG). */
  augment: boolean;
  /** Stop when validation accuracy has not improved for this many epochs (needs validation). */
  patience?: number;
  /** Stop as soon as validation accuracy reaches this (fine-tuning on a few corrections). */
  targetAccuracy?: number;
}

export interface TrainResult {
  history: EpochReport[];
  stopped: boolean;
  /** True when early stopping ended the run. */
  converged: boolean;
}

const breathe = () => new Promise<void>((r) => setTimeout(r, 0));

/**
 * The one training loop for every classifier in the app (MLPs, heads), in the CLI, the worker
 * and the tests: seeded shuffles, per-sample augmentation, cosine learning-rate decay.
 */
export async function runTrainingLoop(
  model: tf.LayersModel,
  classes: number,
  train: TrainingData,
  validation: TrainingData | null,
  config: LoopConfig,
  callbacks: TrainCallbacks = {},
): Promise<TrainResult> {
  installFastMatMulGradient();
  const optimizer = makeOptimizer(config);
  model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const rng = makeRng(config.seed);
  const bs = config.batchSize;
  const dim = train.inputSize;
  const batches = Math.ceil(train.count / bs);
  const xBuffer = new Float32Array(bs * dim);
  const history: EpochReport[] = [];
  let stopped = false;
  let converged = false;
  let best = -1;
  let bestLoss = Infinity;
  let sinceBest = 0;

  for (let epoch = 0; epoch < config.epochs && !stopped && !converged; epoch++) {
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
      train.fill(idx, xBuffer, config.augment ? rng : null);
      const labels = Int32Array.from(idx, (i) => train.labels[i]);
      const x = tf.tensor2d(xBuffer.subarray(0, n * dim), [n, dim]);
      const y = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), classes));
      const [loss, acc] = (await model.trainOnBatch(x, y)) as number[];
      tf.dispose([x, y]);
      lossSum += loss * n;
      accSum += acc * n;
      seen += n;
      callbacks.onBatch?.({ epoch, batch: b, batches, loss, accuracy: acc });
      if (callbacks.signal?.aborted) {
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
      const v = await evaluateClassifier(model, classes, validation);
      report.valLoss = v.loss;
      report.valAccuracy = v.accuracy;
      // Ties in accuracy (common on a small validation set) go to the lower loss.
      if (v.accuracy > best || (v.accuracy === best && v.loss < bestLoss)) {
        best = v.accuracy;
        bestLoss = v.loss;
        sinceBest = 0;
      } else if (config.patience && ++sinceBest >= config.patience) {
        converged = true;
      }
      if (config.targetAccuracy !== undefined && v.accuracy >= config.targetAccuracy) converged = true;
    }
    history.push(report);
    await callbacks.onEpoch?.(report);
  }
  // The optimiser's moments would otherwise outlive the run (one set per run: a leak over time).
  optimizer.dispose();
  return { history, stopped, converged };
}

export interface Evaluation {
  accuracy: number;
  loss: number;
  confusion: Confusion;
  /** Predicted class per sample, in order. */
  predictions: Uint8Array;
}

/**
 * Reads a tensor asynchronously and disposes it. Never dataSync(): on WebGPU (SwiftShader,
 * Chromium 156) a synchronous read returned zeros and poisoned the tensor for later reads.
 */
export async function readAndDispose(t: tf.Tensor): Promise<Float32Array> {
  try {
    return (await t.data()) as Float32Array;
  } finally {
    t.dispose();
  }
}

/** Accuracy, mean cross-entropy and confusion matrix over a whole set, in chunks. */
export async function evaluateClassifier(
  model: tf.LayersModel,
  classes: number,
  data: TrainingData,
  chunk = 500,
): Promise<Evaluation> {
  const confusion = emptyConfusion(classes);
  const predictions = new Uint8Array(data.count);
  const dim = data.inputSize;
  const buffer = new Float32Array(chunk * dim);
  let lossSum = 0;
  for (let start = 0; start < data.count; start += chunk) {
    const n = Math.min(chunk, data.count - start);
    const idx = Int32Array.from({ length: n }, (_, i) => start + i);
    data.fill(idx, buffer, null);
    const truth = Int32Array.from(idx, (i) => data.labels[i]);
    const [predT, ceT] = tf.tidy(() => {
      const probs = model.predict(tf.tensor2d(buffer.subarray(0, n * dim), [n, dim])) as tf.Tensor2D;
      const picked = tf.sum(tf.mul(probs, tf.oneHot(tf.tensor1d(truth, 'int32'), classes)), 1);
      return [probs.argMax(1).toFloat(), tf.neg(tf.log(tf.clipByValue(picked, 1e-7, 1))).sum()];
    });
    const pred = await readAndDispose(predT);
    lossSum += (await readAndDispose(ceT))[0];
    for (let i = 0; i < n; i++) {
      predictions[start + i] = pred[i];
      confusion[truth[i]][pred[i]]++;
    }
  }
  return { accuracy: accuracyOf(confusion), loss: lossSum / data.count, confusion, predictions };
}

/** Probabilities for a batch of inputs already in the model's input contract. */
export function predictProbabilities(
  model: tf.LayersModel,
  inputs: Float32Array,
  count: number,
): Promise<Float32Array> {
  const dim = inputs.length / count;
  return readAndDispose(tf.tidy(() => model.predict(tf.tensor2d(inputs, [count, dim])) as tf.Tensor));
}
