import * as tf from '@tensorflow/tfjs';

/** A classifier head on frozen backbone features, as in the notebooks: BACKBONE_FEATURE_SIZE → hidden → classes. */
export interface HeadConfig {
  hidden: number[];
  dropout: number;
  /** Dropout on the features themselves: a cheap, strong regulariser for small data sets. */
  inputDropout: number;
  optimizer: 'adam' | 'sgd' | 'rmsprop';
  learningRate: number;
  batchSize: number;
  epochs: number;
  seed: number;
  /** L2 weight decay on the dense kernels. */
  l2: number;
  patience?: number;
  targetAccuracy?: number;
}

export const DEFAULT_HEAD: HeadConfig = {
  hidden: [512],
  dropout: 0.5,
  inputDropout: 0.5,
  optimizer: 'adam',
  learningRate: 0.001,
  batchSize: 64,
  epochs: 40,
  seed: 1,
  l2: 1e-3,
  patience: 8,
};

export function buildHead(config: HeadConfig, inputSize: number, classes: number): tf.Sequential {
  const model = tf.sequential({ name: 'head' });
  const regularizer = config.l2 > 0 ? tf.regularizers.l2({ l2: config.l2 }) : undefined;
  model.add(tf.layers.dropout({ rate: config.inputDropout, inputShape: [inputSize], seed: config.seed + 50 }));
  config.hidden.forEach((units, i) => {
    model.add(
      tf.layers.dense({
        units,
        activation: 'relu',
        kernelRegularizer: regularizer,
        kernelInitializer: tf.initializers.heNormal({ seed: config.seed + i }),
      }),
    );
    if (config.dropout > 0) model.add(tf.layers.dropout({ rate: config.dropout, seed: config.seed + 100 + i }));
  });
  model.add(
    tf.layers.dense({
      units: classes,
      activation: 'softmax',
      kernelRegularizer: regularizer,
      kernelInitializer: tf.initializers.glorotUniform({ seed: config.seed + 99 }),
    }),
  );
  return model;
}
