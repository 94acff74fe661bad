/**
 * The photo backbone's facts, in one place: the worker, the CLIs, the converter, the classifier
 * file checks and the tests all read them here. TF-free and DOM-free.
 */
// With extensions: the Vite config reaches this file (offline-index-plugin.ts), and Vite's native config loader needs them.
import { sha256Hex } from '../core/bytes.ts';
import { modelFileError } from '../core/errors.ts';

/** The folder under models/ and the id classifier files name; changing it orphans every saved file. */
export const BACKBONE_ID = 'resnet50';

/**
 * How the backbone's weights are stored. Both give the same 2048 features up to rounding, but not
 * bit for bit, so each has its own version (below) and features never mix between them.
 * float16: every weight float16 (~47 MB). uint8: the large convolution kernels as per-tensor
 * affine uint8, the rest float16 (~24 MB), in its own folder next to the float16 one.
 */
export const BACKBONE_VARIANTS = ['float16', 'uint8'] as const;
export type BackboneVariant = (typeof BACKBONE_VARIANTS)[number];
export const isBackboneVariant = (v: unknown): v is BackboneVariant =>
  (BACKBONE_VARIANTS as readonly unknown[]).includes(v);

/**
 * The variant a person gets unless they choose: set from the measured head accuracies (every
 * head's card, metrics.byBackbone; README "Photo model download").
 */
export const DEFAULT_BACKBONE_VARIANT: BackboneVariant = 'float16';

/** The folder under models/ a variant is served from; float16 keeps the original one. */
export const backboneFolder = (variant: BackboneVariant): string =>
  variant === 'float16' ? BACKBONE_ID : `${BACKBONE_ID}-${variant}`;

/** Length of one feature vector: ResNet50 cut at global average pooling. */
export const BACKBONE_FEATURE_SIZE = 2048;

/**
 * A second, earlier look at the photo: the pooled output of ResNet50's third stage (512 channels,
 * at 28×28 for a 224 input). It keeps the texture and colour statistics the last stage pools away,
 * which is what tells a blurry 32 px picture from a flower photo (open-set-build.ts measures it).
 */
export const BACKBONE_PROBE = { id: 'stage3', channels: 512 } as const;

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
