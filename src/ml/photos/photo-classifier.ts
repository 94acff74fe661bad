import type * as tf from '@tensorflow/tfjs';
import { type Backbone, flipHorizontal } from './backbone';
import { averagedProbabilities } from './tta';

export interface PhotoOutput {
  probs: Float32Array;
  /** The photo's backbone features (unmirrored view): what the open-set rejector reads. */
  features: Float32Array;
  /** Its stage-3 probe (BACKBONE_PROBE), when asked for: a bundled head's rejector may read it too. */
  probe?: Float32Array;
}

/**
 * Class probabilities for one preprocessed photo: backbone, then head; with `tta`, the photo
 * and its mirror image go through together and their probabilities are averaged.
 * The app, the worker and the classify CLI all answer through this.
 */
export async function classifyWithFeatures(
  backbone: Backbone,
  head: tf.LayersModel,
  input: Float32Array,
  tta: boolean,
  withProbe = false,
): Promise<PhotoOutput> {
  const views = tta ? 2 : 1;
  const batch = new Float32Array(input.length * views);
  batch.set(input);
  if (tta) batch.set(flipHorizontal(input, backbone.size), input.length);
  const probed = withProbe ? await backbone.featuresWithProbe(batch, views) : undefined;
  const features = probed?.features ?? (await backbone.features(batch, views));
  const probs = await averagedProbabilities(head, features, 1, views, backbone.dim);
  const out: PhotoOutput = { probs, features: features.slice(0, backbone.dim) };
  if (probed) out.probe = probed.probe.slice(0, probed.probe.length / views);
  return out;
}

export async function classifyPreprocessed(
  backbone: Backbone,
  head: tf.LayersModel,
  input: Float32Array,
  tta: boolean,
): Promise<Float32Array> {
  return (await classifyWithFeatures(backbone, head, input, tta)).probs;
}
