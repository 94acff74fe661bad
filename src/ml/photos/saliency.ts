/**
 * Grad-CAM for the backbone + head models: which parts of the photo pushed the answer. The
 * backbone ends in global average pooling, so the gradient of the class's log-probability with
 * respect to the pooled features, spread over the last convolutional map, gives each 32×32 px
 * cell of the 224 px crop a weight: relu(Σ_k ∂log p_c/∂f_k · A_k(i, j)), scaled to [0, 1].
 */
import * as tf from '@tensorflow/tfjs';
import type { Backbone } from './backbone';

export interface SaliencyMap {
  /** size × size weights in [0, 1], row-major, over the centre crop the backbone saw. */
  map: Float32Array;
  size: number;
}

const featureMaps = new WeakMap<tf.LayersModel, tf.LayersModel>();

/** The same network up to its last 4-d output (before pooling), sharing the weights. */
function lastConvModel(backbone: Backbone): tf.LayersModel {
  let m = featureMaps.get(backbone.model);
  if (!m) {
    const layer = [...backbone.model.layers].reverse().find((l) => (l.output as tf.SymbolicTensor).shape.length === 4);
    if (!layer) throw new Error('the backbone has no convolutional feature map');
    m = tf.model({ inputs: backbone.model.inputs, outputs: layer.output as tf.SymbolicTensor });
    featureMaps.set(backbone.model, m);
  }
  return m;
}

export async function gradCam(
  backbone: Backbone,
  head: tf.LayersModel,
  input: Float32Array,
  classIndex: number,
): Promise<SaliencyMap> {
  const conv = lastConvModel(backbone);
  const cam = tf.tidy(() => {
    const maps = conv.predict(tf.tensor4d(input, [1, backbone.size, backbone.size, 3])) as tf.Tensor4D;
    const pooled = maps.mean([1, 2]) as tf.Tensor2D;
    // A one-hot mask rather than gather: gather's gradient needs a kernel WASM lacks.
    const mask = tf.oneHot([classIndex], (head.outputs[0].shape[1] as number) ?? classIndex + 1).toFloat();
    const logProb = (f: tf.Tensor) =>
      tf.log(tf.add((head.apply(f, { training: false }) as tf.Tensor2D).mul(mask).sum(), 1e-12)) as tf.Scalar;
    const weights = tf.grad(logProb)(pooled); // [1, channels]
    const raw = tf.relu(maps.mul(weights.reshape([1, 1, 1, -1])).sum(-1)).squeeze([0]) as tf.Tensor2D;
    return raw.div(tf.maximum(raw.max(), 1e-12));
  });
  const size = cam.shape[0];
  const map = (await cam.data()) as Float32Array;
  cam.dispose();
  return { map, size };
}
