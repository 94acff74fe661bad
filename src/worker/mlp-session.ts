/** One MLP training session in the worker: data, the loop from src/ml, and its result. */

import type { MlpSaveResult, TrainCallbacks, TrainingOutcome } from '../contract/ml-api';
import { type Comparison, compareWithInUse } from '../ml/core/model-versions';
import { makeRng, permutation } from '../ml/core/random';
import { DATASETS, type DatasetId } from '../ml/digits/datasets';
import { type GreyImageSet, head, subset } from '../ml/digits/grey-image-set';
import { buildMlp, type MlpConfig } from '../ml/digits/mlp';
import type { MlpCard } from '../ml/digits/mlp-card';
import { mlpCard, secondsPerEpoch } from '../ml/digits/mlp-run-card';
import { evaluate, trainMlp } from '../ml/digits/mlp-training';
import { loadDataset } from './dataset-cache';
import { bundledModel, digitModelInUse } from './digit-models';
import { keepMlp, mlpInUse } from './mlp-versions';
import { tf } from './tf-browser';

interface Trained {
  dataset: DatasetId;
  model: tf.LayersModel;
  card: MlpCard;
  comparison: Comparison;
  bundledAccuracy: number;
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
    // The model in use (and the bundled one) on the same test images: better or worse is measured, not assumed.
    const inUse = await digitModelInUse(dataset);
    const inUseAccuracy = (await evaluate(inUse.model, test)).accuracy;
    const bundledAccuracy =
      inUse.source === 'bundled' ? inUseAccuracy : (await evaluate((await bundledModel(dataset)).model, test)).accuracy;
    const comparison = compareWithInUse(evaluation.accuracy, inUseAccuracy, test.count);
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
    last = { dataset, model, card, comparison, bundledAccuracy };
    return {
      history: result.history,
      stopped: result.stopped,
      testAccuracy: evaluation.accuracy,
      confusion: evaluation.confusion,
      classes: DATASETS[dataset].classes,
      secondsPerEpoch: secondsPerEpoch(result.history),
      backend: tf.getBackend(),
      comparison,
      bundledAccuracy,
    };
  } finally {
    running = false;
  }
}

/** Keeps the last trained model as a version; it goes in use unless it was worse than the one in use. */
export async function saveLast(): Promise<MlpSaveResult> {
  if (!last) throw new Error('There is no trained model to save yet: train one first.');
  const { dataset, model, card, comparison, bundledAccuracy } = last;
  const decision = await keepMlp(dataset, model, card, comparison);
  return { ...decision, saved: { dataset, card }, bundledAccuracy, inUse: await mlpInUse(dataset) };
}

/** The most recently trained model for this data set, if any. */
export function lastTrained(dataset: DatasetId): tf.LayersModel | null {
  return last?.dataset === dataset ? last.model : null;
}
