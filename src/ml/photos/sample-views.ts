/**
 * Augmented copies of one photo for on-device training, computed once when a sample is added
 * (each becomes an extra backbone feature vector, so retraining never re-runs the backbone).
 * They change the backbone's input for real: a mirror image, random crops and colour jitter.
 * View 0 is the plain photo and view 1 its mirror image: evaluation and flip TTA use those two.
 */

import { makeRng, type Rng } from '../core/random';
import { flipHorizontal } from './backbone';
import type { BackboneInputSize } from './backbone-spec';
import { type PixelImage, preprocessResnet } from './resnet-preprocess';

/** Feature vectors stored per sample: photo, mirror, crop + jitter, mirrored crop + jitter. */
export const SAMPLE_VIEWS = 4;
/** Views used to evaluate and to classify (flip test-time averaging). */
export const EVAL_VIEWS = 2;

export interface JitterParams {
  /** Crop window as fractions of the photo: left, top, width, height. */
  crop: [number, number, number, number];
  brightness: number;
  contrast: number;
  saturation: number;
}

/** A random crop keeping 70–95% of each side, and mild brightness/contrast/saturation changes. */
export function randomJitter(rng: Rng): JitterParams {
  const scale = 0.7 + 0.25 * rng();
  const aspect = 0.9 + 0.2 * rng();
  const w = Math.min(1, scale * aspect);
  const h = Math.min(1, scale / aspect);
  return {
    crop: [rng() * (1 - w), rng() * (1 - h), w, h],
    brightness: 0.8 + 0.4 * rng(),
    contrast: 0.8 + 0.4 * rng(),
    saturation: 0.7 + 0.6 * rng(),
  };
}

/** Applies a crop and colour jitter to 8-bit pixels; returns a new RGB image. */
export function jitterPixels(image: PixelImage, p: JitterParams): PixelImage {
  const channels = image.channels ?? (image.data.length === image.width * image.height * 4 ? 4 : 3);
  const x0 = Math.floor(p.crop[0] * image.width);
  const y0 = Math.floor(p.crop[1] * image.height);
  const w = Math.max(1, Math.min(image.width - x0, Math.round(p.crop[2] * image.width)));
  const h = Math.max(1, Math.min(image.height - y0, Math.round(p.crop[3] * image.height)));
  const out = new Uint8ClampedArray(w * h * 3);
  let mean = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const s = ((y0 + y) * image.width + x0 + x) * channels;
      const d = (y * w + x) * 3;
      for (let c = 0; c < 3; c++) out[d + c] = image.data[s + c];
      mean += 0.299 * image.data[s] + 0.587 * image.data[s + 1] + 0.114 * image.data[s + 2];
    }
  }
  mean /= w * h;
  for (let d = 0; d < out.length; d += 3) {
    const grey = 0.299 * out[d] + 0.587 * out[d + 1] + 0.114 * out[d + 2];
    for (let c = 0; c < 3; c++) {
      const saturated = grey + (out[d + c] - grey) * p.saturation;
      const contrasted = mean + (saturated - mean) * p.contrast;
      out[d + c] = contrasted * p.brightness; // clamped by the array type
    }
  }
  return { width: w, height: h, data: out, channels: 3 };
}

/**
 * Views computed first when a photo is added: the photo itself, one backbone pass, is enough to
 * train on (a missing view is stood in for by the photo), so photos become usable one pass apart.
 * The mirror and the jittered crops come after, in one batch.
 */
export const FIRST_VIEWS = 1;

/**
 * Backbone inputs for views [from, to) of one photo (size×size×3 each, concatenated), reproducible
 * from `seed` so the same photo always yields the same training data, whether its views are
 * computed together or in two passes (the photo now, its mirror and jittered crops later).
 */
export function sampleViews(
  image: PixelImage,
  size: BackboneInputSize,
  seed: number,
  from = 0,
  to = SAMPLE_VIEWS,
): Float32Array {
  const per = size * size * 3;
  const out = new Float32Array(per * (to - from));
  const rng = makeRng(seed);
  // Each crop draws its jitter in order, so view 3's crop is the same whether view 2 is computed or not.
  const jitters = [randomJitter(rng), randomJitter(rng)];
  const plain = from < 2 ? preprocessResnet(image, size) : null;
  const make = (v: number): Float32Array => {
    if (v === 0) return plain!;
    if (v === 1) return flipHorizontal(plain!, size);
    const cropped = preprocessResnet(jitterPixels(image, jitters[v - 2]), size);
    return v === 3 ? flipHorizontal(cropped, size) : cropped;
  };
  for (let v = from; v < to; v++) out.set(make(v), (v - from) * per);
  return out;
}
