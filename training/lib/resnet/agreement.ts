/**
 * The agreement check: the converted backbone + head against the float32 original, on real photos
 * (feature cosine and ImageNet top-1 agreement).
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { BackboneInputSize } from '../../../src/ml/photos/backbone-spec';
import { preprocessResnet } from '../../../src/ml/photos/resnet-preprocess';
import { decodeImageFile } from '../decode-image';
import { tf } from '../node-tf';
import { FEATURES_LAYER } from './constants';

/** Below this the float16 copy is not a faithful stand-in for the original. */
export const MIN_FEATURE_COSINE = 0.999;
/** The uint8 copy rounds every kernel to 256 levels; below this it is broken, not merely rounded. */
export const MIN_UINT8_FEATURE_COSINE = 0.97;

/** `count` photos taken in turn from each class folder (sorted), so every class is represented. */
export async function agreementPhotos(source: string, count: number): Promise<string[]> {
  const roots = [join(source, 'cats-dogs', 'train'), join(source, 'flowers5', 'train')];
  const folders: string[][] = [];
  for (const root of roots) {
    for (const cls of (await readdir(root)).sort()) {
      const files = (await readdir(join(root, cls))).filter((f) => /\.jpe?g$/i.test(f));
      files.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
      folders.push(files.map((f) => join(root, cls, f)));
    }
  }
  const picked: string[] = [];
  for (let i = 0; picked.length < count && folders.some((f) => i < f.length); i++) {
    for (const f of folders) if (picked.length < count && i < f.length) picked.push(f[i]);
  }
  return picked;
}

// ─── Agreement: converted backbone + head vs the float32 original ───────────────────────────────

export interface Agreement {
  photos: string[];
  featureCosineMin: number;
  featureCosineMean: number;
  top1Agreement: number;
  top1Matches: number;
  perPhoto: { photo: string; cosine: number; original: string; converted: string }[];
}

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return dot / Math.sqrt(na * nb);
}

export async function measureAgreement(
  original: tf.LayersModel,
  backbone: tf.LayersModel,
  head: tf.LayersModel,
  photos: string[],
  labels: string[],
  size: BackboneInputSize,
): Promise<Agreement> {
  const reference = tf.model({
    inputs: original.inputs,
    outputs: [original.getLayer(FEATURES_LAYER).output as tf.SymbolicTensor, original.outputs[0]],
  });
  const perPhoto: Agreement['perPhoto'] = [];
  for (const photo of photos) {
    const pixels = preprocessResnet(await decodeImageFile(photo), size);
    const [f0, p0, f1, p1] = tf.tidy(() => {
      const x = tf.tensor4d(pixels, [1, size, size, 3]);
      const [features, probs] = reference.predict(x) as tf.Tensor[];
      const converted = backbone.predict(x) as tf.Tensor;
      return [features, probs.argMax(-1), converted, (head.predict(converted) as tf.Tensor).argMax(-1)];
    });
    const [a, b] = [f0.dataSync() as Float32Array, f1.dataSync() as Float32Array];
    const [top0, top1] = [p0.dataSync()[0], p1.dataSync()[0]];
    tf.dispose([f0, p0, f1, p1]);
    perPhoto.push({ photo, cosine: cosine(a, b), original: labels[top0], converted: labels[top1] });
  }
  const cosines = perPhoto.map((p) => p.cosine);
  const matches = perPhoto.filter((p) => p.original === p.converted).length;
  return {
    photos,
    featureCosineMin: Math.min(...cosines),
    featureCosineMean: cosines.reduce((s, c) => s + c, 0) / cosines.length,
    top1Matches: matches,
    top1Agreement: matches / perPhoto.length,
    perPhoto,
  };
}
