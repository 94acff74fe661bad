import { describe, expect, it } from 'vitest';
import { inkBoundingBox, inkFromRgba, preprocessDigit } from '../../src/ml/digits/digit-preprocess';

/** A W×H ink field with a filled rectangle. */
function rect(W: number, H: number, x0: number, y0: number, x1: number, y1: number): Float32Array {
  const ink = new Float32Array(W * H);
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) ink[y * W + x] = 1;
  return ink;
}

function stats(out: Float32Array) {
  let mass = 0;
  let mx = 0;
  let my = 0;
  let minX = 28;
  let maxX = -1;
  let minY = 28;
  let maxY = -1;
  for (let y = 0; y < 28; y++)
    for (let x = 0; x < 28; x++) {
      const v = out[y * 28 + x];
      mass += v;
      mx += v * (x + 0.5);
      my += v * (y + 0.5);
      if (v > 0) {
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
    }
  return { mass, cx: mx / mass, cy: my / mass, w: maxX - minX + 1, h: maxY - minY + 1 };
}

/** Whole-pixel shifts centre the mass to within half a pixel. */
function expectCentred(s: { cx: number; cy: number }) {
  expect(Math.abs(s.cx - 14)).toBeLessThanOrEqual(0.5);
  expect(Math.abs(s.cy - 14)).toBeLessThanOrEqual(0.5);
}

describe('digit preprocessing', () => {
  it('treats dark opaque pixels as ink and transparent or white ones as paper', () => {
    const data = Uint8ClampedArray.from([0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 255, 0, 0, 0, 128]);
    const ink = Array.from(inkFromRgba({ width: 4, height: 1, data }));
    [1, 0, 0, 128 / 255].forEach((v, i) => expect(ink[i]).toBeCloseTo(v, 6));
  });

  it('finds the ink bounding box', () => {
    expect(inkBoundingBox(rect(10, 10, 2, 3, 5, 9), 10, 10)).toEqual({ x0: 2, y0: 3, x1: 5, y1: 9 });
    expect(inkBoundingBox(new Float32Array(100), 10, 10)).toBeNull();
  });

  it('returns null for an empty drawing', () => {
    expect(preprocessDigit(new Float32Array(200 * 200), 200, 200)).toBeNull();
  });

  it('scales a tall stroke to 20 px high, keeps its aspect ratio and centres its mass', () => {
    // 40×160 bar in the top-left corner of a 300×300 canvas: 1:4 → 5×20 after scaling.
    const out = preprocessDigit(rect(300, 300, 10, 5, 50, 165), 300, 300)!;
    const s = stats(out);
    expect(s.h).toBe(20);
    expect(s.w).toBe(5);
    expectCentred(s);
    expect(Math.max(...out)).toBeCloseTo(1, 5);
  });

  it('scales a wide shape by its width and averages area when shrinking', () => {
    // 200×50 box → 20×5; a full box stays fully inked inside.
    const out = preprocessDigit(rect(400, 400, 100, 300, 300, 350), 400, 400)!;
    const s = stats(out);
    expect(s.w).toBe(20);
    expect(s.h).toBe(5);
    expect(s.mass).toBeCloseTo(100, 3);
  });

  it('centres by mass, not by box: a heavy side pulls the image over', () => {
    // An L shape: a thick vertical bar on the left and a thin foot; the mass sits left of the box centre.
    const W = 100;
    const ink = rect(W, W, 10, 10, 40, 90);
    for (let y = 85; y < 90; y++) for (let x = 40; x < 90; x++) ink[y * W + x] = 1;
    const s = stats(preprocessDigit(ink, W, W)!);
    expectCentred(s);
  });
});
