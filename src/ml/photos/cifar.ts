import { dataFileError } from '../core/errors';

/**
 * CIFAR binary batches: records of 1 label byte + 1024 R + 1024 G + 1024 B (32×32, row-major).
 * Returned as interleaved RGB (HWC), the layout every other image path uses.
 */
export const CIFAR_SIDE = 32;
const PLANE = CIFAR_SIDE * CIFAR_SIDE;
const RECORD = 1 + 3 * PLANE;

export interface RgbImages {
  count: number;
  width: number;
  height: number;
  /** count × height × width × 3 bytes. */
  pixels: Uint8Array;
  labels: Uint8Array;
}

export function parseCifarBatch(bytes: Uint8Array, name = 'CIFAR batch', classes = 10): RgbImages {
  if (bytes.length === 0 || bytes.length % RECORD !== 0) {
    throw dataFileError(name, `its size (${bytes.length} bytes) is not a whole number of ${RECORD}-byte records`);
  }
  const count = bytes.length / RECORD;
  const pixels = new Uint8Array(count * PLANE * 3);
  const labels = new Uint8Array(count);
  for (let n = 0; n < count; n++) {
    const r = n * RECORD;
    labels[n] = bytes[r];
    if (labels[n] >= classes) throw dataFileError(name, `record ${n} has label ${labels[n]}, outside 0–${classes - 1}`);
    for (let p = 0; p < PLANE; p++) {
      const o = (n * PLANE + p) * 3;
      pixels[o] = bytes[r + 1 + p];
      pixels[o + 1] = bytes[r + 1 + PLANE + p];
      pixels[o + 2] = bytes[r + 1 + 2 * PLANE + p];
    }
  }
  return { count, width: CIFAR_SIDE, height: CIFAR_SIDE, pixels, labels };
}
