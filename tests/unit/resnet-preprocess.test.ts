import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/ml/core/errors';
import {
  asSeenBy,
  asThumbnail,
  type PixelImage,
  preprocessResnet,
  resizeShortSideFor,
} from '../../src/ml/photos/resnet-preprocess';

/** Synthetic RGB(A) image whose channels are given per pixel. */
function image(
  width: number,
  height: number,
  rgb: (x: number, y: number) => [number, number, number],
  channels: 3 | 4 = 3,
): PixelImage {
  const data = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = (y * width + x) * channels;
      data.set(rgb(x, y), p);
      if (channels === 4) data[p + 3] = 255;
    }
  }
  return { width, height, data, channels };
}

/** [B, G, R] after mean subtraction at output pixel (x, y). */
function at(out: Float32Array, size: number, x: number, y: number): number[] {
  const o = (y * size + x) * 3;
  return [out[o], out[o + 1], out[o + 2]];
}

// Reference values below are worked out by hand from the Keras "caffe" contract:
// out = [B − 103.939, G − 116.779, R − 123.68], HWC, after a short-side-256 resize and centre crop.
describe('preprocessResnet', () => {
  it('swaps to BGR, subtracts the caffe means and crops the centre of a 300×256 image', () => {
    // Short side already 256, so no resampling: the crop starts at x = (300−224)/2 = 38, y = (256−224)/2 = 16.
    const out = preprocessResnet(image(300, 256, (x, y) => [x % 256, y, 200]));
    expect(out.length).toBe(224 * 224 * 3);
    close3(at(out, 224, 0, 0), [200 - 103.939, 16 - 116.779, 38 - 123.68]);
    close3(at(out, 224, 5, 3), [200 - 103.939, 19 - 116.779, 43 - 123.68]);
    close3(at(out, 224, 223, 223), [200 - 103.939, 239 - 116.779, (261 % 256) - 123.68]);
  });

  it('uses the exact caffe means in B, G, R order', () => {
    const out = preprocessResnet(image(256, 256, () => [0, 0, 0]));
    close3(at(out, 224, 100, 100), [-103.939, -116.779, -123.68]);
  });

  it('enlarges a 128 px gradient ×2 with half-pixel bilinear', () => {
    // Output column i of the 256 image samples source x = i/2 − 0.25; the crop starts at i = 16,
    // so output x' holds R = x'/2 + 7.75 (7.75, 8.25, … 119.25). Likewise G along y.
    const out = preprocessResnet(image(128, 128, (x, y) => [x, y, 50]));
    close3(at(out, 224, 0, 0), [50 - 103.939, 7.75 - 116.779, 7.75 - 123.68]);
    close3(at(out, 224, 1, 2), [50 - 103.939, 8.75 - 116.779, 8.25 - 123.68]);
    close3(at(out, 224, 223, 10), [50 - 103.939, 12.75 - 116.779, 119.25 - 123.68]);
  });

  it('shrinks 512 px ×2 with the widened triangle filter (weights 1/8, 3/8, 3/8, 1/8)', () => {
    // Source R = floor(x/2): output column i averages columns 2i−1…2i+2 → (i−1)/8 + 3i/8 + 3i/8 + (i+1)/8 = i.
    // The crop starts at i = 16, so output x' holds R = x' + 16.
    const out = preprocessResnet(image(512, 512, (x, y) => [x >> 1, y >> 1, 9]));
    close3(at(out, 224, 0, 0), [9 - 103.939, 16 - 116.779, 16 - 123.68]);
    close3(at(out, 224, 100, 7), [9 - 103.939, 23 - 116.779, 116 - 123.68]);
  });

  it('keeps the aspect ratio: a 512×256 image becomes 512 wide and is cropped at x = 144', () => {
    const out = preprocessResnet(image(512, 256, (x, y) => [x >> 1, y, 0]));
    // Horizontal scale 1: output x' reads source x = x' + 144, R = floor((x' + 144)/2).
    close3(at(out, 224, 0, 0), [-103.939, 16 - 116.779, 72 - 123.68]);
    close3(at(out, 224, 3, 0), [-103.939, 16 - 116.779, 73 - 123.68]);
  });

  it('reads RGBA like RGB, ignoring alpha', () => {
    const f = (x: number, y: number): [number, number, number] => [(x * 3) % 256, (y * 5) % 256, (x + y) % 256];
    const rgba = preprocessResnet(image(97, 131, f, 4));
    const rgb = preprocessResnet(image(97, 131, f, 3));
    expect(Buffer.from(rgba.buffer).equals(Buffer.from(rgb.buffer))).toBe(true);
  });

  it('supports the 160 px input: short side 183, crop offset 11', () => {
    expect(resizeShortSideFor(160)).toBe(183);
    expect(resizeShortSideFor(112)).toBe(128);
    const out = preprocessResnet(
      image(183, 183, (x, y) => [x, y, 1]),
      160,
    );
    expect(out.length).toBe(160 * 160 * 3);
    close3(at(out, 160, 0, 0), [1 - 103.939, 11 - 116.779, 11 - 123.68]);
  });

  it('resizes a 32 px thumbnail straight to 224 without cropping its border away', () => {
    // Scale 32/224 = 1/7: output x' samples source x = (x' + 0.5)/7 − 0.5, clamped at the edges,
    // so the first and last columns are source columns 0 and 31 (a crop would have started at 2).
    expect(resizeShortSideFor(224, 32)).toBe(224);
    const out = preprocessResnet(image(32, 32, (x, y) => [x, y, 7]));
    close3(at(out, 224, 0, 0), [7 - 103.939, -116.779, -123.68]);
    close3(at(out, 224, 223, 0), [7 - 103.939, -116.779, 31 - 123.68]);
    close3(at(out, 224, 112, 223), [7 - 103.939, 31 - 116.779, 15 + 4 / 7 - 123.68]);
  });

  it('still crops a 49 px picture like a photo (short side 256, crop offset 16)', () => {
    expect(resizeShortSideFor(224, 49)).toBe(256);
    const out = preprocessResnet(image(49, 49, (x, y) => [x, y, 7]));
    const first = (16.5 * 49) / 256 - 0.5;
    close3(at(out, 224, 0, 0), [7 - 103.939, first - 116.779, first - 123.68]);
  });

  it('refuses pixel data that does not match the size', () => {
    expect(() => preprocessResnet({ width: 10, height: 10, data: new Uint8Array(7) })).toThrow(UserError);
  });
});

function close3(got: number[], want: number[]) {
  got.forEach((g, i) => expect(g).toBeCloseTo(want[i], 4));
}

describe('asThumbnail (how a head trained on 32 px thumbnails sees a phone photo)', () => {
  /** A landscape photo: a black margin left and right of a square whose left half is red, right half blue. */
  function photo(): PixelImage {
    const width = 96;
    const height = 64;
    const data = new Uint8ClampedArray(width * height * 4);
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        const o = (y * width + x) * 4;
        const inSquare = x >= 16 && x < 80;
        data[o] = inSquare && x < 48 ? 200 : 0;
        data[o + 2] = inSquare && x >= 48 ? 200 : 0;
        data[o + 3] = 255;
      }
    return { width, height, data, channels: 4 };
  }
  const at = (t: PixelImage, x: number, y: number) =>
    Array.from(t.data.subarray((y * 32 + x) * 3, (y * 32 + x) * 3 + 3));

  it('shrinks the centre square to side × side RGB, keeping where colours are', () => {
    const t = asThumbnail(photo(), 32);
    expect([t.width, t.height, t.channels, t.data.length]).toEqual([32, 32, 3, 32 * 32 * 3]);
    expect(at(t, 2, 16)).toEqual([200, 0, 0]); // the black margins were cut away
    expect(at(t, 29, 16)).toEqual([0, 0, 200]);
    const edge = at(t, 15, 16); // antialiased: the columns by the middle blend
    expect(edge[0]).toBeGreaterThan(0);
  });

  it('leaves a picture that is already a thumbnail, and photos for other heads, as they are', () => {
    const p = photo();
    const small = asThumbnail(p, 32);
    expect(asSeenBy(small, 32)).toBe(small);
    expect(asSeenBy(p, undefined)).toBe(p);
    expect(asSeenBy(p, 32).width).toBe(32);
  });
});
