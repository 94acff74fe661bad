import { describe, expect, it } from 'vitest';
import { makeRng } from '../../src/ml/core/random';
import { flipHorizontal } from '../../src/ml/photos/backbone';
import { type PixelImage, preprocessResnet } from '../../src/ml/photos/resnet-preprocess';
import { FIRST_VIEWS, jitterPixels, randomJitter, SAMPLE_VIEWS, sampleViews } from '../../src/ml/photos/sample-views';

/** A 300×200 RGB test card: gradients in each channel plus a bright square off centre. */
function photo(): PixelImage {
  const width = 300;
  const height = 200;
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const square = x > 40 && x < 90 && y > 30 && y < 80;
      data[i] = square ? 250 : (x * 255) / width;
      data[i + 1] = square ? 240 : (y * 255) / height;
      data[i + 2] = square ? 10 : 128;
    }
  return { width, height, data, channels: 3 };
}

const SIZE = 112;
const PER = SIZE * SIZE * 3;
const view = (all: Float32Array, v: number) => all.subarray(v * PER, (v + 1) * PER);
const meanAbsDiff = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + Math.abs(x - b[i]), 0) / a.length;

describe('augmented sample views', () => {
  it('are the photo, its mirror image, and two crops with colour jitter that really change the input', () => {
    const image = photo();
    const views = sampleViews(image, SIZE, 42);
    expect(views.length).toBe(SAMPLE_VIEWS * PER);
    const plain = preprocessResnet(image, SIZE);
    expect(Array.from(view(views, 0))).toEqual(Array.from(plain));
    expect(Array.from(view(views, 1))).toEqual(Array.from(flipHorizontal(plain, SIZE)));
    for (const v of [2, 3]) {
      expect(meanAbsDiff(view(views, v), plain)).toBeGreaterThan(3);
      expect(meanAbsDiff(view(views, v), flipHorizontal(plain, SIZE))).toBeGreaterThan(3);
    }
  });

  it('are reproducible under a seed and differ between seeds', () => {
    const image = photo();
    const a = sampleViews(image, SIZE, 7);
    const b = sampleViews(image, SIZE, 7);
    const c = sampleViews(image, SIZE, 8);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(meanAbsDiff(view(a, 2), view(c, 2))).toBeGreaterThan(1);
    expect(Array.from(view(a, 0))).toEqual(Array.from(view(c, 0))); // the photo itself never varies
  });

  it('are the same computed in two passes (the photo first, mirror and crops later) as all at once', () => {
    const image = photo();
    const all = sampleViews(image, SIZE, 11);
    for (const split of [FIRST_VIEWS, 2]) {
      const first = sampleViews(image, SIZE, 11, 0, split);
      const later = sampleViews(image, SIZE, 11, split, SAMPLE_VIEWS);
      expect(first.length).toBe(split * PER);
      expect(later.length).toBe((SAMPLE_VIEWS - split) * PER);
      expect(Array.from(first)).toEqual(Array.from(all.subarray(0, split * PER)));
      expect(Array.from(later)).toEqual(Array.from(all.subarray(split * PER)));
    }
  });

  it('crop inside the photo and keep jitter within mild bounds', () => {
    const rng = makeRng(3);
    for (let i = 0; i < 200; i++) {
      const p = randomJitter(rng);
      expect(p.crop[0]).toBeGreaterThanOrEqual(0);
      expect(p.crop[1]).toBeGreaterThanOrEqual(0);
      expect(p.crop[0] + p.crop[2]).toBeLessThanOrEqual(1 + 1e-9);
      expect(p.crop[1] + p.crop[3]).toBeLessThanOrEqual(1 + 1e-9);
      expect(p.crop[2] * p.crop[3]).toBeGreaterThan(0.4);
      for (const k of ['brightness', 'contrast', 'saturation'] as const)
        expect(Math.abs(p[k] - 1)).toBeLessThanOrEqual(0.3 + 1e-9);
    }
    const identity = jitterPixels(photo(), { crop: [0, 0, 1, 1], brightness: 1, contrast: 1, saturation: 1 });
    expect(Array.from(identity.data).slice(0, 300)).toEqual(Array.from(photo().data).slice(0, 300));
  });
});
