/** One MLP training session in the worker: data, the loop from src/ml, and its result. */

import type { TrainCallbacks, TrainingOutcome, UserModelInfo } from '../contract/ml-api';
import { makeRng, permutation } from '../ml/core/random';
import { DATASETS, type DatasetId } from '../ml/digits/datasets';
import { type GreyImageSet, head, subset } from '../ml/digits/grey-image-set';
import { buildMlp, type MlpConfig } from '../ml/digits/mlp';
import type { MlpCard } from '../ml/digits/mlp-card';
import { mlpCard, secondsPerEpoch } from '../ml/digits/mlp-run-card';
import { evaluate, trainMlp } from '../ml/digits/mlp-training';
import { loadDataset } from './dataset-cache';
import { forgetUserModel } from './digit-models';
import { tf } from './tf-browser';
import { saveUserModel } from './user-models';

interface Trained {
  dataset: DatasetId;
  model: tf.LayersModel;
  card: MlpCard;
}

let running = false;
let last: Trained | null = null;

/** Holds out a seeded 10% (at most 5,000) of the training images for the validation curves. */
function splitValidation(set: GreyImageSet, seed: number): { train: GreyImageSet; validation: GreyImageSet } {
  const order = permutation(set.count, makeRng(seed ^ 0x5eed));
  const v = Math.min(5000, Math.round(set.count * 0.1));
  return { validation: subset(set, order.subarray(0, v)), train: subset(set, order.subarray(v)) };
}

export async function train(
  dataset: DatasetId,
  config: MlpConfig,
  callbacks: TrainCallbacks,
  trainLimit: number | undefined,
  signal: AbortSignal,
): Promise<TrainingOutcome> {
  if (running) throw new Error('A training run is already going; stop it first.');
  running = true;
  try {
    const progress = (loaded: number, total: number) =>
      callbacks.onDataProgress?.({ dataset, loadedBytes: loaded, totalBytes: total });
    const all = await loadDataset(dataset, 'train', progress);
    const test = await loadDataset(dataset, 'test', progress);
    const { train: trainSet, validation } = splitValidation(trainLimit ? head(all, trainLimit) : all, config.seed);

    const model = buildMlp(config);
    let lastBatchSent = 0;
    const result = await trainMlp(model, trainSet, validation, config, {
      yieldEvery: 8,
      signal,
      onBatch: (r) => {
        const now = performance.now();
        if (now - lastBatchSent > 100 || r.batch === r.batches - 1) {
          lastBatchSent = now;
          callbacks.onBatch?.(r);
        }
      },
      onEpoch: (r) => callbacks.onEpoch?.(r),
    });
    const evaluation = await evaluate(model, test);
    const card = mlpCard({
      dataset,
      config,
      history: result.history,
      trainCount: trainSet.count,
      testAccuracy: evaluation.accuracy,
      testCount: test.count,
      backend: tf.getBackend(),
      where: 'browser',
    });
    last?.model.dispose();
    last = { dataset, model, card };
    return {
      history: result.history,
      stopped: result.stopped,
      testAccuracy: evaluation.accuracy,
      confusion: evaluation.confusion,
      classes: DATASETS[dataset].classes,
      secondsPerEpoch: secondsPerEpoch(result.history),
      backend: tf.getBackend(),
    };
  } finally {
    running = false;
  }
}

export async function saveLast(): Promise<UserModelInfo> {
  if (!last) throw new Error('There is no trained model to save yet: train one first.');
  await saveUserModel(last.dataset, last.model, last.card);
  await forgetUserModel(last.dataset);
  return { dataset: last.dataset, card: last.card };
}

/** The most recently trained model for this data set, if any. */
export function lastTrained(dataset: DatasetId): tf.LayersModel | null {
  return last?.dataset === dataset ? last.model : null;
}
