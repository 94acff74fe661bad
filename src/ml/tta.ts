import * as tf from '@tensorflow/tfjs';
import { accuracyOf, emptyConfusion, type Confusion } from './metrics';
import { readAndDispose } from './train-loop';

/**
 * Probabilities averaged over the feature views of each sample (view 0 = photo, 1 = mirrored):
 * flip test-time augmentation, at the cost of one more backbone pass per photo.
 */
export function averagedProbabilities(head: tf.LayersModel, features: Float32Array, count: number, views: number, dim: number): Promise<Float32Array> {
  return readAndDispose(
    tf.tidy(() => {
      const probs = head.predict(tf.tensor2d(features, [count * views, dim])) as tf.Tensor2D;
      return probs.reshape([count, views, -1]).mean(1);
    }),
  );
}

export function confusionFromProbabilities(probs: Float32Array, labels: ArrayLike<number>, classes: number): Confusion {
  const confusion = emptyConfusion(classes);
  for (let i = 0; i < labels.length; i++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if (probs[i * classes + c] > probs[i * classes + best]) best = c;
    confusion[labels[i]][best]++;
  }
  return confusion;
}

export async function accuracyWithViews(head: tf.LayersModel, features: Float32Array, labels: ArrayLike<number>, views: number, dim: number, classes: number): Promise<number> {
  return accuracyOf(confusionFromProbabilities(await averagedProbabilities(head, features, labels.length, views, dim), labels, classes));
}
