import { describe, expect, it } from 'vitest';
import { makeRng, type Rng } from '../../src/ml/core/random';
import { calibrationError, fitTemperature, nll, temper } from '../../src/ml/photos/calibration';
import {
  auroc,
  leaveOneOutScores,
  makeBank,
  NEGATIVE,
  neighbourhood,
  normalise,
  rejects,
  thresholdFor,
} from '../../src/ml/photos/open-set';
import { verdictOf } from '../../src/ml/photos/verdict';

const DIM = 64;

function gaussian(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

/** A point near `centre`: ReLU-like non-negative features, as a CNN's pooled output is. */
function near(centre: Float32Array, spread: number, rng: Rng): Float32Array {
  return centre.map((c) => Math.max(0, c + spread * gaussian(rng)));
}

function centre(rng: Rng): Float32Array {
  return Float32Array.from({ length: DIM }, () => (rng() < 0.3 ? 1 + rng() : 0));
}

describe('open-set rejection (cosine kNN over a feature bank)', () => {
  const rng = makeRng(7);
  const centres = [centre(rng), centre(rng), centre(rng)];
  const far = centre(rng);
  const sample = (c: number, n: number) => Array.from({ length: n }, () => near(centres[c], 0.35, rng));
  const train = [0, 1, 2].flatMap((c) => sample(c, 40).map((v) => ({ v, c })));
  const bank = makeBank(
    train.map((t) => t.v),
    train.map((t) => t.c),
  );
  const validation = [0, 1, 2].flatMap((c) => sample(c, 30));
  const k = 5;
  const score = (v: Float32Array) => neighbourhood(bank, normalise(Float32Array.from(v)), k).score;
  const threshold = thresholdFor(validation.map(score), 0.02);
  const rejector = { bank, k, threshold };

  it('rejects photos from elsewhere and accepts unseen photos of its classes', () => {
    const unseen = [0, 1, 2].flatMap((c) => sample(c, 50));
    const outside = Array.from({ length: 100 }, () => near(far, 0.35, rng));
    const accepted = unseen.filter((v) => !rejects(rejector, v)).length / unseen.length;
    const rejected = outside.filter((v) => rejects(rejector, v)).length / outside.length;
    expect(accepted).toBeGreaterThanOrEqual(0.95);
    expect(rejected).toBeGreaterThanOrEqual(0.95);
    expect(auroc(unseen.map(score), outside.map(score))).toBeGreaterThan(0.99);
  });

  it('sets the threshold at the stated false-rejection rate', () => {
    const scores = Array.from({ length: 100 }, (_, i) => i / 100);
    const t = thresholdFor(scores, 0.05);
    expect(scores.filter((s) => s > t).length).toBe(5);
    expect(thresholdFor([], 0.05)).toBe(1);
  });

  it('leave-one-out scores never count a row as its own neighbour', () => {
    const loo = leaveOneOutScores(bank, k);
    expect(loo).toHaveLength(train.length);
    expect(Math.min(...loo)).toBeGreaterThan(0);
  });

  it('a "something else" example makes the next near-identical photo "none of these"', () => {
    const odd = near(centres[0], 0.9, rng); // far-ish from class 0 but maybe inside the threshold
    const loose = { ...rejector, threshold: 2 }; // nothing is too far
    expect(rejects(loose, odd)).toBe(false);
    const withNegative = makeBank([...train.map((t) => t.v), odd], [...train.map((t) => t.c), NEGATIVE]);
    const again = odd.map((x) => x * 1.01);
    expect(rejects({ ...loose, bank: withNegative }, again)).toBe(true);
  });
});

describe('temperature calibration', () => {
  // An overconfident 3-class head: right 70% of the time but always ~99% sure.
  const rng = makeRng(3);
  const labels: number[] = [];
  const probs: Float32Array[] = [];
  for (let i = 0; i < 300; i++) {
    const truth = Math.floor(rng() * 3);
    const said = rng() < 0.7 ? truth : (truth + 1 + Math.floor(rng() * 2)) % 3;
    const p = new Float32Array(3).fill(0.005);
    p[said] = 0.99;
    labels.push(truth);
    probs.push(p);
  }

  it('fits a temperature that lowers validation NLL and calibration error', () => {
    const t = fitTemperature(probs, labels);
    expect(t).toBeGreaterThan(1);
    expect(nll(probs, labels, t)).toBeLessThan(nll(probs, labels));
    const tempered = probs.map((p) => temper(p, t));
    expect(calibrationError(tempered, labels)).toBeLessThan(calibrationError(probs, labels) / 3);
  });

  it('keeps probabilities a distribution and their order', () => {
    const p = temper([0.7, 0.2, 0.1], 2);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(p[0]).toBeGreaterThan(p[1]);
    expect(p[0]).toBeLessThan(0.7);
  });
});

describe('verdict for any class count', () => {
  const spread = (n: number, top: number, second: number) => {
    const p = new Float32Array(n).fill(n > 2 ? (1 - top - second) / (n - 2) : 0);
    p[0] = top;
    p[1] = second;
    return p;
  };
  it('2 classes: a near coin-flip is unsure (a fixed 0.5 threshold never was)', () => {
    expect(verdictOf([0.536, 0.464], false)).toBe('unsure');
    expect(verdictOf([0.95, 0.05], false)).toBe('sure');
  });
  it('3, 10 and 1000 classes', () => {
    expect(verdictOf(spread(3, 0.9, 0.06), false)).toBe('sure');
    expect(verdictOf(spread(3, 0.5, 0.45), false)).toBe('unsure');
    expect(verdictOf(spread(10, 0.8, 0.1), false)).toBe('sure');
    expect(verdictOf(spread(10, 0.4, 0.3), false)).toBe('unsure');
    expect(verdictOf(spread(1000, 0.75, 0.05), false)).toBe('sure');
    expect(verdictOf(spread(1000, 0.3, 0.05), false)).toBe('unsure');
  });
  it('a rejected photo is "none" however sure the head is', () => {
    expect(verdictOf([0.99, 0.01], true)).toBe('none');
  });
});
