/** A handful of test images with what the MNIST-family model just trained (or saved) says about them. */

import type { HeldOutSamples } from '../contract/ml-api';
import { topK } from '../ml/core/metrics';
import { makeRng, permutation } from '../ml/core/random';
import { DATASETS, type DatasetId, PIXELS } from '../ml/digits/datasets';
import { predictProbabilities } from '../ml/digits/mlp-training';
import { loadDataset } from './dataset-cache';
import { digitModelInUse } from './digit-models';
import { lastTrained } from './mlp-session';

export async function heldOutSamples(dataset: DatasetId, count: number): Promise<HeldOutSamples> {
  const test = await loadDataset(dataset, 'test');
  const model = lastTrained(dataset) ?? (await digitModelInUse(dataset)).model;
  const picks = permutation(test.count, makeRng(count)).subarray(0, count);
  const images = new Uint8Array(count * PIXELS);
  const pixels = new Float32Array(count * PIXELS);
  picks.forEach((j, i) => {
    images.set(test.images.subarray(j * PIXELS, (j + 1) * PIXELS), i * PIXELS);
    for (let p = 0; p < PIXELS; p++) pixels[i * PIXELS + p] = test.images[j * PIXELS + p] / 255;
  });
  const probs = await predictProbabilities(model, pixels, count);
  const predictions = Array.from({ length: count }, (_, i) => topK(probs.subarray(i * 10, (i + 1) * 10), 1)[0]);
  return { images, labels: Array.from(picks, (j) => test.labels[j]), predictions, classes: DATASETS[dataset].classes };
}
