/**
 * The photo backbone's facts, in one place: the worker, the CLIs, the converter, the classifier
 * file checks and the tests all read them here. TF-free and DOM-free.
 */
// With extensions: the Vite config reaches this file (offline-index-plugin.ts), and Vite's native config loader needs them.
import { sha256Hex } from '../core/bytes.ts';
import { modelFileError } from '../core/errors.ts';

/** The folder under models/ and the id classifier files name; changing it orphans every saved file. */
export const BACKBONE_ID = 'resnet50';

/** Length of one feature vector: ResNet50 cut at global average pooling. */
export const BACKBONE_FEATURE_SIZE = 2048;

/** Input sides the converter can build; the model's own input shape says which one it is. */
export const BACKBONE_INPUT_SIZES = [224, 160, 112] as const;
export type BackboneInputSize = (typeof BACKBONE_INPUT_SIZES)[number];
export const DEFAULT_INPUT_SIZE: BackboneInputSize = 224;

/**
 * What the backbone expects of its pixels (implemented in resnet-preprocess.ts): Keras "caffe"
 * mode, i.e. BGR order minus the ImageNet channel means, no scaling.
 */
export const BACKBONE_PREPROCESSING = {
  mode: 'caffe',
  /** B, G, R order. Getting the order wrong loses accuracy silently. */
  meansBgr: [103.939, 116.779, 123.68],
  /** Bumped whenever the pixels fed to the backbone change, so cached features are recomputed. */
  revision: 2,
} as const;

export const isBackboneInputSize = (n: unknown): n is BackboneInputSize =>
  (BACKBONE_INPUT_SIZES as readonly unknown[]).includes(n);

/** The input side of a loaded backbone, from its input shape (null: an unknown side, taken as the default). */
export function backboneInputSize(side: number | null | undefined): BackboneInputSize {
  const size = side ?? DEFAULT_INPUT_SIZE;
  if (!isBackboneInputSize(size))
    throw modelFileError(`backbone input ${size}×${size} is not one of ${BACKBONE_INPUT_SIZES.join(', ')}`);
  return size;
}

/**
 * The backbone's version, as caches and classifier files record it: the first 16 hex digits of
 * SHA-256 of its model.json (the weights manifest names every shard, so new weights change it).
 */
export async function backboneVersionOf(modelJson: Uint8Array): Promise<string> {
  return (await sha256Hex(modelJson)).slice(0, 16);
}
