import { type AugmentOptions, fillBatch } from '../digits/augment';
import { PIXELS } from '../digits/datasets';
import type { GreyImageSet } from '../digits/grey-image-set';
import type { Rng } from './random';

/**
 * What the training loop needs from any data: a count, labels, and a way to write the inputs of
 * some samples into a batch buffer (augmented when `rng` is given). Images and backbone
 * features both fit, so MLPs and classifier heads train through one loop.
 */
export interface TrainingData {
  count: number;
  inputSize: number;
  labels: ArrayLike<number>;
  fill(indices: ArrayLike<number>, out: Float32Array, rng: Rng | null): void;
}

/** 28×28 images as bytes; augmentation (shift, flip) happens per sample when training. */
export function imageData(set: GreyImageSet, augment: AugmentOptions | null = null): TrainingData {
  return {
    count: set.count,
    inputSize: PIXELS,
    labels: set.labels,
    fill: (indices, out, rng) => fillBatch(set.images, indices, out, rng ? augment : null, rng!),
  };
}

/**
 * Feature vectors, `views` per sample (e.g. the original and its augmented copies through the
 * backbone). Training picks one view at random per sample per epoch; evaluation uses view 0.
 */
export function featureData(features: Float32Array, dim: number, labels: ArrayLike<number>, views = 1): TrainingData {
  const count = labels.length;
  if (features.length !== count * views * dim)
    throw new Error(`expected ${count}×${views}×${dim} feature values, got ${features.length}`);
  return {
    count,
    inputSize: dim,
    labels,
    fill: (indices, out, rng) => {
      for (let i = 0; i < indices.length; i++) {
        const view = rng && views > 1 ? Math.floor(rng() * views) : 0;
        const start = (indices[i] * views + view) * dim;
        out.set(features.subarray(start, start + dim), i * dim);
      }
    },
  };
}
