import * as tf from '@tensorflow/tfjs';
import { BACKBONE_FEATURE_SIZE, BACKBONE_PROBE, type BackboneInputSize, backboneInputSize } from './backbone-spec';

/** Features and, for the same photos, the pooled stage-3 probe (BACKBONE_PROBE). */
export interface ProbedFeatures {
  features: Float32Array;
  probe: Float32Array;
}

/**
 * A frozen feature extractor (ResNet50 cut at global average pooling). Inputs are already
 * preprocessed (see resnet-preprocess.ts); outputs are `dim`-long feature vectors.
 */
export class Backbone {
  readonly size: BackboneInputSize;
  readonly dim: number;

  constructor(readonly model: tf.LayersModel) {
    this.size = backboneInputSize(model.inputs[0].shape[1]);
    this.dim = model.outputs[0].shape[1] ?? BACKBONE_FEATURE_SIZE;
  }

  /** `inputs` holds `count` images of size×size×3 floats (HWC); returns count×dim floats. */
  async features(inputs: Float32Array, count: number): Promise<Float32Array> {
    const out = tf.tidy(() => this.model.predict(tf.tensor4d(inputs, [count, this.size, this.size, 3])) as tf.Tensor);
    const data = (await out.data()) as Float32Array;
    out.dispose();
    return data;
  }

  /** Like `features`, plus each image's probe: one pass, the same weights. */
  async featuresWithProbe(inputs: Float32Array, count: number): Promise<ProbedFeatures> {
    this.probed ??= probedModel(this.model);
    const probed = this.probed;
    const [probe, features] = tf.tidy(
      () => probed.predict(tf.tensor4d(inputs, [count, this.size, this.size, 3])) as tf.Tensor[],
    );
    const data = (await Promise.all([features.data(), probe.data()])) as Float32Array[];
    features.dispose();
    probe.dispose();
    return { features: data[0], probe: data[1] };
  }

  private probed?: tf.LayersModel;

  dispose(): void {
    this.model.dispose();
  }
}

/**
 * The backbone with a second output: global average pooling over the last stage-3 block's output
 * (the activation after the last residual sum with BACKBONE_PROBE.channels channels). Found by
 * shape, not by layer name, so any conversion of the same network works.
 */
function probedModel(model: tf.LayersModel): tf.LayersModel {
  const sums = model.layers.filter(
    (l) => l.getClassName() === 'Add' && lastDim(l.outputShape) === BACKBONE_PROBE.channels,
  );
  const sum = sums.at(-1);
  if (!sum) throw new Error(`the backbone has no ${BACKBONE_PROBE.channels}-channel stage to probe`);
  const after = model.layers.find((l) => l.inboundNodes.some((n) => n.inboundLayers.includes(sum)));
  const source = (after ?? sum).output as tf.SymbolicTensor;
  const pooled = tf.layers.globalAveragePooling2d({}).apply(source) as tf.SymbolicTensor;
  return tf.model({ inputs: model.inputs, outputs: [pooled, model.outputs[0]] });
}

const lastDim = (shape: tf.Shape | tf.Shape[]) => {
  const s = (Array.isArray(shape[0]) ? shape[0] : shape) as tf.Shape;
  return s[s.length - 1];
};

/** Mirrors an HWC float image left–right (a copy): the flip view for augmentation and TTA. */
export function flipHorizontal(image: Float32Array, size: number, channels = 3): Float32Array {
  const out = new Float32Array(image.length);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const src = (y * size + x) * channels;
      const dst = (y * size + (size - 1 - x)) * channels;
      for (let c = 0; c < channels; c++) out[dst + c] = image[src + c];
    }
  }
  return out;
}
