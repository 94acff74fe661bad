/**
 * The classifier file's shapes and constants (format in classifier-bundle.ts), apart so that the
 * reader and its checks (classifier-bundle-checks.ts) share them without importing each other.
 */
import type { HeadCard } from '../photos/bundled-heads';

export const BUNDLE_FORMAT = 'pocket-vision-classifier';
export const BUNDLE_VERSION = 1;
export const BUNDLE_EXTENSION = '.pvclassifier.zip';
export const DEFAULT_MAX_BUNDLE_BYTES = 200 * 1024 * 1024;

/** A HeadCard whose backbone is pinned, plus free-form extras (training history etc.). */
export interface BundleCard extends HeadCard {
  backbone: { id: string; version: string };
  [extra: string]: unknown;
}

export interface BundleWeightSpec {
  name: string;
  shape: number[];
  dtype: 'float32';
}

export interface BundleSample {
  classIndex: number;
  /** Feature vectors per sample (photo, mirror, crops...). */
  views: number;
  /** views × dim. */
  features: Float32Array;
  /** A small JPEG. */
  thumbnail?: Uint8Array;
  /** The original photo, only if the user kept it. */
  original?: Uint8Array;
  /** ISO date. */
  addedAt: string;
}

export interface ClassifierBundle {
  card: BundleCard;
  /** Keras JSON of the head, as tf.io save handlers produce it. */
  modelTopology: unknown;
  weightSpecs: BundleWeightSpec[];
  /** Concatenated float32 little-endian, in weightSpecs order. */
  weightData: ArrayBuffer;
  samples?: BundleSample[];
  /** The "none of these" bank (open-set-bank.ts) that `card.openSet` describes; absent in older files. */
  openSetBank?: Uint8Array;
}

export interface BundleExpectations {
  backboneId: string;
  backboneVersion: string;
  featureDim: number;
  /** Limit on the file and on the sum of its unzipped parts (default 200 MB). */
  maxBytes?: number;
}

export interface ManifestSample {
  classIndex: number;
  views: number;
  addedAt: string;
  features: string;
  thumbnail?: string;
  original?: string;
}

export interface BundleManifest {
  format: string;
  version: number;
  createdAt: string;
  card: BundleCard;
  model: { topology: unknown; weightSpecs: BundleWeightSpec[] };
  files: Record<string, { bytes: number; sha256: string }>;
  samples: ManifestSample[];
}
