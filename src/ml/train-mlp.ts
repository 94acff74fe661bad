import type * as tf from '@tensorflow/tfjs';
import type { ImageSet } from './image-set';
import type { MlpConfig } from './mlp';
import { evaluateClassifier, trainClassifier, type Evaluation, type TrainCallbacks, type TrainResult } from './train-loop';
import { imageData } from './training-data';

export type { BatchReport, EpochReport, Evaluation, TrainCallbacks, TrainResult } from './train-loop';
export { predictProbabilities } from './train-loop';

const CLASSES = 10;

/** Trains an MNIST-family MLP on 28×28 images with the shared loop. */
export function trainMlp(
  model: tf.LayersModel,
  train: ImageSet,
  validation: ImageSet | null,
  config: MlpConfig,
  callbacks: TrainCallbacks = {},
): Promise<TrainResult> {
  const augment = config.shift > 0 || config.flip ? { shift: config.shift, flip: config.flip } : null;
  return trainClassifier(model, CLASSES, imageData(train, augment), validation && imageData(validation), { ...config, augment: augment !== null }, callbacks);
}

export function evaluate(model: tf.LayersModel, set: ImageSet): Promise<Evaluation> {
  return evaluateClassifier(model, CLASSES, imageData(set));
}
