/**
 * The head's doubt counted with a rejector's distance (open-set-doubt.ts), as judge.ts applies it:
 * only with the rejector the card names, on validation scales, deciding by its own threshold.
 */
import { describe, expect, it } from 'vitest';
import { judge, openSetFrom, wantsProbe } from '../../src/ml/photos/judge';
import { makeBank, neighbourhood, normalise } from '../../src/ml/photos/open-set';
import { isOpenSetSpec, type OpenSetSpec } from '../../src/ml/photos/open-set-bank';
import type { DensityModel } from '../../src/ml/photos/open-set-density';
import { combinedScore, doubtOf, scaleOf } from '../../src/ml/photos/open-set-doubt';

const DIM = 8;
const unit = (i: number) => Float32Array.from({ length: DIM }, (_, j) => (j === i ? 1 : 0));
/** A photo between two bank rows: its mean cosine distance to its 2 nearest is about 0.29. */
const between = Float32Array.from({ length: DIM }, (_, j) => (j < 2 ? 1 : 0));
const bank = makeBank([unit(0), unit(1), unit(2)], [0, 1, 0]);
const sure = [0.98, 0.02];
const torn = [0.5, 0.5];

const spec = (doubt?: OpenSetSpec['doubt']): OpenSetSpec => ({
  rows: 3,
  dim: DIM,
  k: 2,
  threshold: 0.5,
  falseRejection: 0.01,
  temperature: 1,
  ...(doubt ? { doubt } : {}),
});
const doubtOnBank = {
  on: 'bank' as const,
  weight: 2,
  distance: { median: 0.1, spread: 0.2 },
  doubt: { median: 0.05, spread: 0.1 },
  threshold: 3,
};

describe("the head's doubt next to the distance", () => {
  it('is −ln of the top probability: 0 when certain, ln C when torn between C classes', () => {
    expect(doubtOf([1, 0])).toBeCloseTo(0, 9);
    expect(doubtOf(new Array(10).fill(0.1))).toBeCloseTo(Math.log(10), 9);
  });

  it('adds weight × scaled doubt to the scaled distance; weight 0 is the distance alone', () => {
    const d = { ...doubtOnBank, weight: 0 };
    expect(combinedScore(0.5, torn, d)).toBeCloseTo((0.5 - 0.1) / 0.2, 9);
    expect(combinedScore(0.5, torn, doubtOnBank)).toBeCloseTo(2 + 2 * ((Math.log(2) - 0.05) / 0.1), 9);
    expect(scaleOf([1, 2, 3, 4, 5])).toEqual({ median: 3, spread: Math.sqrt(2) });
    expect(scaleOf([2, 2]).spread).toBe(1); // never divides by zero
  });

  it('a photo the bank alone accepts is "none of these" when the head is torn, and kept when it is sure', () => {
    const distance = neighbourhood(bank, normalise(Float32Array.from(between)), 2).score;
    expect(distance).toBeLessThan(0.5); // the bank's own threshold would accept it either way
    expect(judge(torn, between, openSetFrom(spec(), bank)).rejected).toBe(false);
    expect(judge(torn, between, openSetFrom(spec(doubtOnBank), bank)).rejected).toBe(true);
    expect(judge(sure, between, openSetFrom(spec(doubtOnBank), bank)).rejected).toBe(false);
  });

  it('is ignored when the rejector it was fitted with is not the one deciding', () => {
    const onDensity = { ...doubtOnBank, on: 'density' as const };
    expect(judge(torn, between, openSetFrom(spec(onDensity), bank)).rejected).toBe(false);
  });

  it('a card with a malformed doubt is refused, as any malformed spec', () => {
    expect(isOpenSetSpec(spec(doubtOnBank))).toBe(true);
    expect(isOpenSetSpec({ ...spec(), doubt: { ...doubtOnBank, on: 'elsewhere' } })).toBe(false);
    expect(isOpenSetSpec({ ...spec(), doubt: { ...doubtOnBank, doubt: { median: 0, spread: 0 } } })).toBe(false);
    expect(isOpenSetSpec({ ...spec(), doubt: { ...doubtOnBank, threshold: Number.NaN } })).toBe(false);
  });
});

/** A one-class density in 2 dimensions, no principal directions: the score is the squared length of √x − mean, over 1. */
const pointDensity = (mean: number[]): DensityModel => ({
  dim: 2,
  rank: 0,
  means: Float32Array.from(mean),
  basis: new Float32Array(0),
  variances: new Float32Array(0),
  residualVariance: 1,
  unitLength: false,
});

describe("the stage-3 probe's distance next to the density's", () => {
  const densitySpec = { classes: 1, dim: 2, rank: 0, residualVariance: 1, unitLength: false, threshold: 2 };
  const withProbe = {
    on: 'density' as const,
    weight: 0,
    distance: { median: 0, spread: 1 },
    doubt: { median: 0, spread: 1 },
    probe: { median: 0, spread: 1 },
    threshold: 2,
  };
  const probeSpec: OpenSetSpec = {
    ...spec(withProbe),
    density: densitySpec,
    probe: { ...densitySpec, threshold: 2 },
  };
  const openSet = openSetFrom(probeSpec, null, pointDensity([0, 0]), pointDensity([0, 0]));
  // Density distance 1 (√1 = 1 on one axis), under both thresholds alone.
  const features = Float32Array.from([1, 0]);

  it('adds the scaled probe distance only when the spec counts it and the photo has one', () => {
    expect(combinedScore(1, sure, withProbe, 1.5)).toBeCloseTo(2.5, 9);
    expect(combinedScore(1, sure, withProbe)).toBeCloseTo(1, 9);
    const { probe: _, ...without } = withProbe;
    expect(combinedScore(1, sure, without, 1.5)).toBeCloseTo(1, 9);
  });

  it('a photo the density alone accepts is "none of these" when its earlier look is far too', () => {
    expect(wantsProbe(openSet)).toBe(true);
    expect(judge(sure, features, openSet, Float32Array.from([0.25, 0])).rejected).toBe(false); // 1 + 0.25
    expect(judge(sure, features, openSet, Float32Array.from([1.5, 0])).rejected).toBe(true); // 1 + 1.5
  });

  it("without the probe file or the photo's probe, falls back to the density at its own threshold", () => {
    expect(judge(sure, features, openSet).rejected).toBe(false);
    expect(judge(sure, Float32Array.from([4, 0]), openSet).rejected).toBe(true); // distance 4 > 2
    const noFile = openSetFrom(probeSpec, null, pointDensity([0, 0]));
    expect(wantsProbe(noFile)).toBe(false);
    expect(judge(sure, features, noFile, Float32Array.from([1.5, 0])).rejected).toBe(false);
  });

  it('a card with a malformed probe scale is refused', () => {
    expect(isOpenSetSpec(probeSpec)).toBe(true);
    expect(isOpenSetSpec({ ...probeSpec, doubt: { ...withProbe, probe: { median: 0, spread: -1 } } })).toBe(false);
  });
});

describe('the "something else" rule beside the distance', () => {
  // The head's density: one class at the origin. The rule's: that class, and "something else" at
  // (2, 0). Square-rooted space, no principal directions.
  const plain = pointDensity([0, 0]);
  const withElse: DensityModel = { ...pointDensity([0, 0, 2, 0]), negatives: 1 };
  // (The specs say rank 1, the least a file may have; the models above need none.)
  const densitySpec = { classes: 1, dim: 2, rank: 1, residualVariance: 1, unitLength: false, threshold: 5 };
  const rule = {
    reads: 'features' as const,
    density: { ...densitySpec, classes: 2, negatives: 1, threshold: 1 },
    scale: { median: 0, spread: 1 },
    threshold: 1,
  };
  const withRule: OpenSetSpec = { ...spec(), density: densitySpec, somethingElse: rule };
  const openSet = openSetFrom(withRule, null, plain, null, withElse);
  const rejected = (o: typeof openSet, x: number[], probe?: number[]) =>
    judge(sure, Float32Array.from(x), o, probe ? Float32Array.from(probe) : undefined).rejected;

  it('turns away a photo nearer the other things than the class, though near enough to pass the distance', () => {
    expect(rejected(openSet, [1, 0])).toBe(false); // √ → (1, 0): distance 1, ratio 1 − 1 = 0
    expect(rejected(openSet, [2.25, 0])).toBe(true); // (1.5, 0): distance 2.25 < 5, ratio 2.25 − 0.25 = 2 > 1
    expect(rejected(openSetFrom(withRule, null, plain), [2.25, 0])).toBe(false); // without the rule's file it passes
  });

  it('leaves photos far from both to the distance, which still turns them away', () => {
    expect(rejected(openSet, [0, 9])).toBe(true); // (0, 3): distance 9 > 5, ratio 9 − 13 = −4
  });

  it('reads the probe when it says so, asks for it, and does not decide without it', () => {
    const onProbe = openSetFrom(
      { ...withRule, somethingElse: { ...rule, reads: 'probe' } },
      null,
      plain,
      null,
      withElse,
    );
    expect(wantsProbe(onProbe)).toBe(true);
    expect(wantsProbe(openSet)).toBe(false);
    expect(rejected(onProbe, [1, 0], [2.25, 0])).toBe(true);
    expect(rejected(onProbe, [2.25, 0], [1, 0])).toBe(false);
    expect(rejected(onProbe, [2.25, 0])).toBe(false);
  });

  it('a malformed rule is refused', () => {
    expect(isOpenSetSpec(withRule)).toBe(true);
    expect(isOpenSetSpec({ ...withRule, somethingElse: { ...rule, threshold: 'high' } })).toBe(false);
    expect(isOpenSetSpec({ ...withRule, somethingElse: { ...rule, density: densitySpec } })).toBe(false); // no other things
    expect(isOpenSetSpec({ ...withRule, somethingElse: { ...rule, reads: 'pixels' } })).toBe(false);
  });
});
