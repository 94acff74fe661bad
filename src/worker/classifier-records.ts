/**
 * What the classifier store (classifier-store.ts) keeps in IndexedDB: the record shapes, the schema
 * and the conversions between pictures as Blobs (older releases, and the UI) and as stored bytes.
 */
import type { DBSchema } from 'idb';
import type { BackboneVariant } from '../ml/photos/backbone-spec';
import type { ClassifierProject } from '../ml/photos/classifier-project';
import type { StoredOpenSet } from '../ml/photos/open-set-bank';

/** A picture as stored: the encoded file's bytes (e.g. a JPEG) and its MIME type ('' if unknown). */
export interface StoredImage {
  type: string;
  bytes: ArrayBuffer;
}

export interface SampleRecord {
  id: string;
  projectId: string;
  classId: string;
  addedAt: string;
  /**
   * Feature vectors stored for this sample (see SAMPLE_VIEWS), in view order. Fewer than
   * SAMPLE_VIEWS (even 0) while its features are still being computed (see `source`).
   */
  views: number;
  /** views × dim float32. */
  features: ArrayBuffer;
  thumbnail: StoredImage;
  original?: StoredImage;
  /**
   * The photo, decoded small (JPEG), kept only until its remaining views are computed in the
   * background (sample-features.ts): a sample with a source and fewer than SAMPLE_VIEWS views is
   * queued again on the next visit. A sample without one (imported) keeps the views it has.
   */
  source?: StoredImage;
  /** Seed of the jittered crops, from the photo's pixels when added. */
  seed?: number;
  /**
   * Which photo model variant made `features` (their numbers differ slightly between the two, so a
   * head trains on one kind only); absent: float16, the only one before the data saver existed.
   */
  backbone?: BackboneVariant;
  /**
   * The thumbnail side `features` were computed at: a copy of a head that learned from thumbnails
   * (CIFAR-10, 32 px) sees its photos that way. Absent: the photo itself (and every release before).
   */
  seenAs?: number;
}

/** The variant a stored sample's features came from. */
export const sampleBackbone = (s: Pick<SampleRecord, 'backbone'>): BackboneVariant => s.backbone ?? 'float16';

/** What a classifier's features must be made with: this device's photo model and the photo side its head sees. */
export interface FeatureKind {
  backbone: BackboneVariant;
  seenAs?: number;
}

/** Whether a sample's stored views were made the way `kind` says (else they are redone, never mixed). */
export const isFeatureKind = (s: Pick<SampleRecord, 'backbone' | 'seenAs'>, kind: FeatureKind): boolean =>
  sampleBackbone(s) === kind.backbone && s.seenAs === kind.seenAs;

/**
 * A finished sample (its source photo gone) can still be redone when its head sees thumbnails: the
 * stored thumbnail (128 px, thumbnail.ts) holds everything a 32 px view needs.
 */
export const redoneFromThumbnail = (s: Pick<StoredSample, 'thumbnail'>, kind: FeatureKind): boolean =>
  !!kind.seenAs && (s.thumbnail instanceof Blob ? s.thumbnail.size : s.thumbnail.bytes.byteLength) > 0;

/** A sample as it may be found on disk: written by a release before DB version 2, its pictures are Blobs. */
export type StoredSample = Omit<SampleRecord, 'thumbnail' | 'original' | 'source'> & {
  source?: StoredImage;
  thumbnail: StoredImage | Blob;
  original?: StoredImage | Blob;
};

export interface HeadRecord {
  projectId: string;
  modelTopology: unknown;
  weightSpecs: { name: string; shape: number[]; dtype: 'float32' }[];
  weightData: ArrayBuffer;
  /** Class names in output order when trained (classes may be renamed later; ids keep order). */
  classIds: string[];
  trainedAt: string;
  /** Its copy in the Versions list (model-version-store.ts); absent for heads trained before versions or imported. */
  versionId?: string;
  /** "None of these" rejector and temperature fitted with this head; absent before issue 15 (no rejection). */
  openSet?: StoredOpenSet;
}

export interface Schema extends DBSchema {
  projects: { key: string; value: ClassifierProject };
  samples: { key: string; value: StoredSample; indexes: { byProject: string } };
  heads: { key: string; value: HeadRecord };
  /** Bookkeeping; `{ id: BYTES_MIGRATION }` while Blob-shaped samples may remain. */
  meta: { key: string; value: { id: string } };
}

export const STORE_NAME = 'pv-classifiers';
/** 1: pictures as Blobs. 2: pictures as bytes (StoredImage), plus the meta store. */
export const STORE_VERSION = 2;
export const BYTES_MIGRATION = 'images-to-bytes';
/** Samples converted per transaction: bounded memory even with originals of several MB. */
export const MIGRATION_BATCH = 8;

/** The bytes of a Blob (or File) as a StoredImage. */
export async function storedImage(blob: Blob): Promise<StoredImage> {
  return { type: blob.type, bytes: await blob.arrayBuffer() };
}

/** A stored picture as a Blob, for the UI (object URLs) or decoding; built on read, never stored. */
export function imageBlob(image: StoredImage | Blob): Blob {
  return image instanceof Blob ? image : new Blob([image.bytes], { type: image.type });
}

const toBytes = (image: StoredImage | Blob) => (image instanceof Blob ? storedImage(image) : Promise.resolve(image));
export const hasBlobs = (s: StoredSample) => s.thumbnail instanceof Blob || s.original instanceof Blob;

/** The sample in the current shape (reads a Blob-shaped one's bytes; writes nothing). */
export async function current(s: StoredSample): Promise<SampleRecord> {
  if (!hasBlobs(s)) return s as SampleRecord;
  const { thumbnail, original, ...rest } = s;
  return { ...rest, thumbnail: await toBytes(thumbnail), ...(original ? { original: await toBytes(original) } : {}) };
}

/** Refuses a record whose pictures are not plain bytes, before it reaches IndexedDB. */
export function storable(s: SampleRecord): SampleRecord {
  for (const image of [s.thumbnail, s.original, s.source]) {
    if (
      image !== undefined &&
      (image instanceof Blob || !(image.bytes instanceof ArrayBuffer) || typeof image.type !== 'string')
    ) {
      throw new TypeError('sample pictures must be stored as bytes, not Blobs');
    }
  }
  return s;
}
