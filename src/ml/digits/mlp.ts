import * as tf from '@tensorflow/tfjs';
import { PIXELS } from './datasets';
import type { MlpConfig } from './mlp-config';

export * from './mlp-config';

/** Input contract: [batch, 784] float32, pixel/255 with ink high. Output: 10 softmax probabilities. */
export function buildMlp(config: Pick<MlpConfig, 'hidden' | 'dropout' | 'seed'>, classes = 10): tf.Sequential {
  const model = tf.sequential({ name: 'mlp' });
  config.hidden.forEach((units, i) => {
    model.add(
      tf.layers.dense({
        units,
        activation: 'relu',
        kernelInitializer: tf.initializers.heNormal({ seed: config.seed + i }),
        ...(i === 0 ? { inputShape: [PIXELS] } : {}),
      }),
    );
    if (config.dropout > 0) model.add(tf.layers.dropout({ rate: config.dropout, seed: config.seed + 100 + i }));
  });
  model.add(
    tf.layers.dense({
      units: classes,
      activation: 'softmax',
      kernelInitializer: tf.initializers.glorotUniform({ seed: config.seed + 99 }),
    }),
  );
  return model;
}

export function makeOptimizer(config: Pick<MlpConfig, 'optimizer' | 'learningRate'>): tf.Optimizer {
  switch (config.optimizer) {
    case 'sgd':
      return tf.train.momentum(config.learningRate, 0.9, true);
    case 'rmsprop':
      return tf.train.rmsprop(config.learningRate);
    default:
      return tf.train.adam(config.learningRate);
  }
}

/** Optimisers read `learningRate` on every step; momentum caches a scalar that needs resetting. */
export function setLearningRate(optimizer: tf.Optimizer, lr: number): void {
  const o = optimizer as unknown as { learningRate: number; setLearningRate?: (x: number) => void };
  if (o.setLearningRate) o.setLearningRate(lr);
  else o.learningRate = lr;
}

/** Cosine decay over the whole run, to a tenth of the start; smooths the last epochs. */
export function cosineLearningRate(base: number, epoch: number, epochs: number): number {
  if (epochs <= 1) return base;
  const t = epoch / (epochs - 1);
  return base * (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * t)));
}
