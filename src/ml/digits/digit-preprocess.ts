import { IMAGE_SIZE, PIXELS } from './datasets';

/**
 * MNIST-style preprocessing of a drawing, as LeCun et al. built the data set: crop to the ink,
 * scale the longer side to 20 px keeping the aspect ratio (anti-aliased), then place it in a
 * 28×28 field so that its centre of mass sits at the centre. Pure arrays in, pure arrays out.
 */

export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8ClampedArray | Uint8Array;
}

const BOX = 20;
const INK_THRESHOLD = 0.05;

/** Ink per pixel in [0, 1]: opaque and dark is ink; transparent or white is paper. */
export function inkFromRgba(image: RgbaImage): Float32Array {
  const { width, height, data } = image;
  const ink = new Float32Array(width * height);
  for (let i = 0; i < ink.length; i++) {
    const r = data[4 * i];
    const g = data[4 * i + 1];
    const b = data[4 * i + 2];
    const a = data[4 * i + 3] / 255;
    const luminance = (0.299 * r + 0.587 * g + 0.114 * b) / 255;
    ink[i] = a * (1 - luminance);
  }
  return ink;
}

export interface InkBox {
  x0: number;
  y0: number;
  x1: number; // exclusive
  y1: number; // exclusive
}

export function inkBoundingBox(ink: Float32Array, width: number, height: number): InkBox | null {
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[y * width + x] > INK_THRESHOLD) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  return x1 < 0 ? null : { x0, y0, x1: x1 + 1, y1: y1 + 1 };
}

/** Area-average resampling of a box of the source into a w×h patch (exact pixel coverage). */
function resampleBox(ink: Float32Array, width: number, box: InkBox, w: number, h: number): Float32Array {
  const out = new Float32Array(w * h);
  const sx = (box.x1 - box.x0) / w;
  const sy = (box.y1 - box.y0) / h;
  for (let ty = 0; ty < h; ty++) {
    const fy0 = box.y0 + ty * sy;
    const fy1 = fy0 + sy;
    for (let tx = 0; tx < w; tx++) {
      const fx0 = box.x0 + tx * sx;
      const fx1 = fx0 + sx;
      let sum = 0;
      for (let y = Math.floor(fy0); y < Math.ceil(fy1); y++) {
        const cy = Math.min(fy1, y + 1) - Math.max(fy0, y);
        for (let x = Math.floor(fx0); x < Math.ceil(fx1); x++) {
          const cx = Math.min(fx1, x + 1) - Math.max(fx0, x);
          sum += ink[y * width + x] * cx * cy;
        }
      }
      out[ty * w + tx] = sum / (sx * sy);
    }
  }
  return out;
}

/**
 * Returns the 784 model inputs (ink high, [0, 1]) or null when nothing is drawn.
 */
export function preprocessDigit(ink: Float32Array, width: number, height: number): Float32Array | null {
  const box = inkBoundingBox(ink, width, height);
  if (!box) return null;
  const bw = box.x1 - box.x0;
  const bh = box.y1 - box.y0;
  const scale = BOX / Math.max(bw, bh);
  const w = Math.max(1, Math.round(bw * scale));
  const h = Math.max(1, Math.round(bh * scale));
  const patch = resampleBox(ink, width, box, w, h);

  let mass = 0;
  let mx = 0;
  let my = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = patch[y * w + x];
      mass += v;
      mx += v * (x + 0.5);
      my += v * (y + 0.5);
    }
  }
  const ox = Math.round(IMAGE_SIZE / 2 - mx / mass);
  const oy = Math.round(IMAGE_SIZE / 2 - my / mass);

  const out = new Float32Array(PIXELS);
  for (let y = 0; y < h; y++) {
    const ty = y + oy;
    if (ty < 0 || ty >= IMAGE_SIZE) continue;
    for (let x = 0; x < w; x++) {
      const tx = x + ox;
      if (tx < 0 || tx >= IMAGE_SIZE) continue;
      out[ty * IMAGE_SIZE + tx] = Math.min(1, patch[y * w + x]);
    }
  }
  return out;
}
