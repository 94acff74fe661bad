import { PIXELS } from './datasets';

/** A set of 28×28 grey-scale images held as bytes (compact: 60k images = 47 MB). */
export interface GreyImageSet {
  count: number;
  /** count × 784 bytes, row-major, ink high. */
  images: Uint8Array;
  /** count class indices. */
  labels: Uint8Array;
}

export function subset(set: GreyImageSet, indices: ArrayLike<number>): GreyImageSet {
  const images = new Uint8Array(indices.length * PIXELS);
  const labels = new Uint8Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    const j = indices[i];
    images.set(set.images.subarray(j * PIXELS, (j + 1) * PIXELS), i * PIXELS);
    labels[i] = set.labels[j];
  }
  return { count: indices.length, images, labels };
}

/** First `count` images, without copying. */
export function head(set: GreyImageSet, count: number): GreyImageSet {
  const n = Math.min(count, set.count);
  return { count: n, images: set.images.subarray(0, n * PIXELS), labels: set.labels.subarray(0, n) };
}
