import * as tf from '@tensorflow/tfjs';
import { accuracyOf, type Confusion, emptyConfusion } from '../core/metrics';
import { readAndDispose } from '../core/train-loop';

/**
 * Probabilities averaged over the feature views of each sample (view 0 = photo, 1 = mirrored):
 * flip test-time augmentation, at the cost of one more backbone pass per photo.
 */
export function averagedProbabilities(
  head: tf.LayersModel,
  features: Float32Array,
  count: number,
  views: number,
  dim: number,
): Promise<Float32Array> {
  return readAndDispose(
    tf.tidy(() => {
      const probs = head.predict(tf.tensor2d(features, [count * views, dim])) as tf.Tensor2D;
      return probs.reshape([count, views, -1]).mean(1);
    }),
  );
}

/** The best class and its probability for each row of `classes` probabilities. */
export function bestClasses(
  probs: Float32Array,
  classes: number,
): { predictions: Uint8Array; confidence: Float32Array } {
  const n = classes ? probs.length / classes : 0;
  const predictions = new Uint8Array(n);
  const confidence = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if (probs[i * classes + c] > probs[i * classes + best]) best = c;
    predictions[i] = best;
    confidence[i] = probs[i * classes + best];
  }
  return { predictions, confidence };
}

export function confusionOf(predictions: ArrayLike<number>, labels: ArrayLike<number>, classes: number): Confusion {
  const confusion = emptyConfusion(classes);
  for (let i = 0; i < labels.length; i++) confusion[labels[i]][predictions[i]]++;
  return confusion;
}

export async function accuracyWithViews(
  head: tf.LayersModel,
  features: Float32Array,
  labels: ArrayLike<number>,
  views: number,
  dim: number,
  classes: number,
): Promise<number> {
  const { predictions } = bestClasses(await averagedProbabilities(head, features, labels.length, views, dim), classes);
  return accuracyOf(confusionOf(predictions, labels, classes));
}
