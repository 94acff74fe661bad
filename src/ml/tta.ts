import * as tf from '@tensorflow/tfjs';
import { accuracyOf, emptyConfusion, type Confusion } from './metrics';

/**
 * Probabilities averaged over the feature views of each sample (view 0 = photo, 1 = mirrored):
 * flip test-time augmentation, at the cost of one more backbone pass per photo.
 */
export function averagedProbabilities(head: tf.LayersModel, features: Float32Array, count: number, views: number, dim: number): Float32Array {
  return tf.tidy(() => {
    const x = tf.tensor2d(features, [count * views, dim]);
    const probs = head.predict(x) as tf.Tensor2D;
    return probs.reshape([count, views, -1]).mean(1).dataSync() as Float32Array;
  });
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

export function accuracyWithViews(head: tf.LayersModel, features: Float32Array, labels: ArrayLike<number>, views: number, dim: number, classes: number): number {
  return accuracyOf(confusionFromProbabilities(averagedProbabilities(head, features, labels.length, views, dim), labels, classes));
}
