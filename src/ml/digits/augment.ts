import type { Rng } from '../core/random';
import { IMAGE_SIZE, PIXELS } from './datasets';

/**
 * Writes one 28×28 image into `out` as floats in [0, 1], shifted by (dx, dy) pixels with zero
 * fill and optionally mirrored. Cheap enough to run per sample per batch in JS.
 */
export function writeAugmented(
  src: Uint8Array,
  srcOffset: number,
  out: Float32Array,
  outOffset: number,
  dx: number,
  dy: number,
  mirror: boolean,
): void {
  const S = IMAGE_SIZE;
  for (let y = 0; y < S; y++) {
    const sy = y - dy;
    for (let x = 0; x < S; x++) {
      let sx = x - dx;
      if (mirror) sx = S - 1 - sx;
      out[outOffset + y * S + x] = sy >= 0 && sy < S && sx >= 0 && sx < S ? src[srcOffset + sy * S + sx] / 255 : 0;
    }
  }
}

export interface AugmentOptions {
  shift: number;
  flip: boolean;
}

/** Fills a [n, 784] batch from the given sample indices, augmented when options ask for it. */
export function fillBatch(
  images: Uint8Array,
  indices: ArrayLike<number>,
  out: Float32Array,
  augment: AugmentOptions | null,
  rng: Rng,
): void {
  for (let i = 0; i < indices.length; i++) {
    const src = indices[i] * PIXELS;
    if (!augment) {
      for (let p = 0; p < PIXELS; p++) out[i * PIXELS + p] = images[src + p] / 255;
      continue;
    }
    const r = augment.shift;
    const dx = r ? Math.floor(rng() * (2 * r + 1)) - r : 0;
    const dy = r ? Math.floor(rng() * (2 * r + 1)) - r : 0;
    writeAugmented(images, src, out, i * PIXELS, dx, dy, augment.flip && rng() < 0.5);
  }
}
