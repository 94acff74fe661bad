import * as tf from '@tensorflow/tfjs';
import { BACKBONE_FEATURE_SIZE, type BackboneInputSize, backboneInputSize } from './backbone-spec';

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

  dispose(): void {
    this.model.dispose();
  }
}

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
