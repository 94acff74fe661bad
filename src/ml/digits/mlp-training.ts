import type * as tf from '@tensorflow/tfjs';
import {
  type Evaluation,
  evaluateClassifier,
  runTrainingLoop,
  type TrainCallbacks,
  type TrainResult,
} from '../core/train-loop';
import { imageData } from '../core/training-data';
import type { GreyImageSet } from './grey-image-set';
import type { MlpConfig } from './mlp';

export type { BatchReport, EpochReport, Evaluation, TrainCallbacks, TrainResult } from '../core/train-loop';
export { predictProbabilities } from '../core/train-loop';

const CLASSES = 10;

/** Trains an MNIST-family MLP on 28×28 images with the shared loop. */
export function trainMlp(
  model: tf.LayersModel,
  train: GreyImageSet,
  validation: GreyImageSet | null,
  config: MlpConfig,
  callbacks: TrainCallbacks = {},
): Promise<TrainResult> {
  const augment = config.shift > 0 || config.flip ? { shift: config.shift, flip: config.flip } : null;
  return runTrainingLoop(
    model,
    CLASSES,
    imageData(train, augment),
    validation && imageData(validation),
    { ...config, augment: augment !== null },
    callbacks,
  );
}

export function evaluate(model: tf.LayersModel, set: GreyImageSet): Promise<Evaluation> {
  return evaluateClassifier(model, CLASSES, imageData(set));
}
