/** TF.js side of the classifier file (classifier-bundle.ts): a head to bundle parts and back. */
import * as tf from '@tensorflow/tfjs';
import { UserError } from '../core/errors';
import type { BundleWeightSpec, ClassifierBundle } from './classifier-bundle';

export interface HeadBundleParts {
  modelTopology: unknown;
  weightSpecs: BundleWeightSpec[];
  weightData: ArrayBuffer;
}

export async function headToBundleParts(model: tf.LayersModel): Promise<HeadBundleParts> {
  let parts: HeadBundleParts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      const weightSpecs = (a.weightSpecs ?? []).map(({ name, shape, dtype }) => {
        if (dtype !== 'float32')
          throw new Error(`Head weight ${name} is ${dtype}; the classifier file holds float32 only.`);
        return { name, shape: [...shape], dtype };
      });
      const weightData =
        a.weightData === undefined ? new ArrayBuffer(0) : tf.io.CompositeArrayBuffer.join(a.weightData);
      parts = { modelTopology: a.modelTopology, weightSpecs, weightData };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return parts!;
}

/** The inverse of headToBundleParts: a head from its topology, weight specs and weight bytes. */
export function headFromParts(parts: {
  modelTopology: unknown;
  weightSpecs: tf.io.WeightsManifestEntry[];
  weightData: ArrayBuffer;
}): Promise<tf.LayersModel> {
  return tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: parts.modelTopology as object,
      weightSpecs: parts.weightSpecs,
      weightData: parts.weightData,
    }),
  );
}

/**
 * Loads the head of a bundle that readClassifierBundle accepted. The topology is only checked
 * by TF.js here, so a failure, or a model whose input/output do not match the weights, is still
 * the file's fault and reported as such.
 */
export async function headFromBundle(b: ClassifierBundle): Promise<tf.LayersModel> {
  let model: tf.LayersModel;
  try {
    model = await headFromParts(b);
  } catch (e) {
    throw unloadable(e instanceof Error ? e.message : String(e));
  }
  const input = model.inputs.length === 1 ? model.inputs[0].shape : [];
  const output = model.outputs.length === 1 ? model.outputs[0].shape : [];
  const dim = b.weightSpecs.find((s) => s.shape.length === 2)?.shape[0];
  if (input.length !== 2 || input[1] !== dim || output.length !== 2 || output[1] !== b.card.classes.length) {
    model.dispose();
    throw unloadable(
      `model maps ${JSON.stringify(input)} to ${JSON.stringify(output)}; expected [null,${dim}] to [null,${b.card.classes.length}]`,
    );
  }
  // What TF.js built must answer with probabilities (the reader checked the same in plain JS).
  let p: number[] = [];
  try {
    p = Array.from(tf.tidy(() => (model.predict(tf.ones([1, dim!])) as tf.Tensor).dataSync()));
  } catch {
    // p stays empty: refused below
  }
  const sum = p.reduce((a, x) => a + x, 0);
  if (!p.length || !p.every((x) => Number.isFinite(x) && x >= 0) || Math.abs(sum - 1) > 1e-3) {
    model.dispose();
    throw unloadable('probe output is not a probability vector');
  }
  return model;
}

const unloadable = (detail: string) =>
  new UserError(
    'bad-classifier-file',
    'This classifier file is damaged: its model cannot be loaded. Try exporting it again.',
    detail,
  );
