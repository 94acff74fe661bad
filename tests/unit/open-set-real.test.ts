/**
 * "None of these" on REAL backbone features (tests/unit/fixtures/open-set-features.bin, written by
 * `npm run bench:open-set -- --fixture …` from the feature cache): 15 cats + 15 dogs a Teach
 * classifier would hold, 4 unseen cats and 4 unseen dogs (held-out photos), 4 flower and 4 CIFAR
 * vehicle photos; and the bundled Cats vs dogs bank in models/heads/cats-dogs.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BACKBONE_FEATURE_SIZE as DIM } from '../../src/ml/photos/backbone-spec';
import { judge } from '../../src/ml/photos/judge';
import { leaveOneOutScores, NEGATIVE, rejects, thresholdFor } from '../../src/ml/photos/open-set';
import { bankBytes, decodeBank, isOpenSetSpec, rejectorOf } from '../../src/ml/photos/open-set-bank';
import { fitRejector, USER_FALSE_REJECTION } from '../../src/ml/photos/open-set-fit';

const FIXTURE = { cat: 0, dog: 1, unseenCat: 10, unseenDog: 11, flower: 20, vehicle: 21 } as const;
const raw = new Uint8Array(readFileSync('tests/unit/fixtures/open-set-features.bin'));
const fixture = decodeBank(raw, raw.byteLength / ((DIM + 1) * 2), DIM);
const rowsOf = (...groups: number[]) => {
  const out: { f: Float32Array; g: number }[] = [];
  fixture.labels.forEach((g, r) => {
    if (groups.includes(g)) out.push({ f: fixture.vectors.slice(r * DIM, (r + 1) * DIM), g });
  });
  return out;
};
const samples = rowsOf(FIXTURE.cat, FIXTURE.dog);
const unseen = rowsOf(FIXTURE.unseenCat, FIXTURE.unseenDog).map((r) => r.f);
const farAway = rowsOf(FIXTURE.flower, FIXTURE.vehicle).map((r) => r.f);

describe('a Teach classifier of 15 photos per class (real features)', () => {
  const rejectorFrom = (rows: { f: Float32Array; g: number }[], negatives: Float32Array[] = []) =>
    fitRejector({
      features: [...rows.map((r) => r.f), ...negatives],
      labels: [...rows.map((r) => r.g), ...negatives.map(() => NEGATIVE)],
      validation: [],
    });

  it('rejects flowers and vehicles, accepts cats and dogs it never saw', () => {
    expect(samples).toHaveLength(30);
    const r = rejectorFrom(samples);
    expect(r.thresholdFrom).toBe('leave-one-out');
    const rejector = { bank: r.bank, k: r.k, threshold: r.threshold };
    expect(farAway.filter((f) => rejects(rejector, f))).toHaveLength(farAway.length);
    expect(unseen.filter((f) => !rejects(rejector, f)).length).toBeGreaterThanOrEqual(unseen.length - 1);
  });

  it('is the same under the same photos (seeded), and recomputed when the photos change', () => {
    const a = rejectorFrom(samples);
    expect(rejectorFrom(samples).threshold).toBe(a.threshold);
    // Retrained without its most unusual photo: the bank shrinks and the threshold tightens.
    const loo = leaveOneOutScores(a.bank, a.k);
    const odd = loo.indexOf(Math.max(...loo));
    const retrained = rejectorFrom(samples.filter((_, i) => i !== odd));
    expect(retrained.bank.labels.length).toBe(29);
    expect(retrained.threshold).toBeLessThan(a.threshold);
    expect(retrained.threshold).toBeCloseTo(
      thresholdFor(leaveOneOutScores(retrained.bank, a.k), USER_FALSE_REJECTION),
      9,
    );
  });

  it('"something else": a photo marked so makes the next near-identical one "none of these"', () => {
    const odd = unseen[0]; // an unseen cat: accepted until the user says it is something else
    const before = rejectorFrom(samples);
    expect(rejects({ bank: before.bank, k: before.k, threshold: before.threshold }, odd)).toBe(false);
    const after = rejectorFrom(samples, [odd]);
    expect(after.bank.labels.filter((l) => l === NEGATIVE)).toHaveLength(1);
    const again = odd.map((x, i) => x * (1 + 0.02 * Math.sin(i))); // the same scene, slightly different
    expect(rejects({ bank: after.bank, k: after.k, threshold: after.threshold }, again)).toBe(true);
    // Other cats still pass.
    expect(
      unseen.slice(1).filter((f) => !rejects({ bank: after.bank, k: after.k, threshold: after.threshold }, f)).length,
    ).toBeGreaterThanOrEqual(unseen.length - 2);
  });

  it('judge: the verdict the app and the CLI give', () => {
    const r = rejectorFrom(samples);
    const openSet = { rejector: { bank: r.bank, k: r.k, threshold: r.threshold }, temperature: 1 };
    expect(judge([0.97, 0.03], farAway[0], openSet).verdict).toBe('none');
    expect(judge([0.97, 0.03], unseen[0], openSet).verdict).toBe('sure');
    expect(judge([0.55, 0.45], unseen[0], openSet).verdict).toBe('unsure');
    // A temperature > 1 softens: 0.97 is then below "sure".
    expect(judge([0.8, 0.2], unseen[0], { ...openSet, temperature: 3 }).verdict).toBe('unsure');
    expect(USER_FALSE_REJECTION).toBeLessThanOrEqual(0.05);
  });
});

describe('the bundled Cats vs dogs bank (what a user copy builds on; the app judges by open-set-density)', () => {
  const card = JSON.parse(readFileSync('models/heads/cats-dogs/card.json', 'utf8'));
  const bytes = new Uint8Array(readFileSync(`models/heads/cats-dogs/${card.openSet.file}`));

  it('ships a bank that its card describes, with the rates measured', () => {
    expect(isOpenSetSpec(card.openSet)).toBe(true);
    expect(bytes.byteLength).toBe(bankBytes(card.openSet.rows, card.openSet.dim));
    expect(bytes.byteLength + card.openSet.bytes.density).toBeLessThanOrEqual(1_048_576);
    expect(card.openSet.falseRejection).toBeLessThanOrEqual(0.02);
    expect(card.openSet.heldOut.otherRejected).toBeGreaterThanOrEqual(0.95);
  });

  it('says "none of these" to flowers and vehicles and lets unseen cats and dogs through', () => {
    const rejector = rejectorOf(decodeBank(bytes, card.openSet.rows, card.openSet.dim), card.openSet);
    expect(farAway.filter((f) => rejects(rejector, f))).toHaveLength(farAway.length);
    expect(unseen.filter((f) => !rejects(rejector, f)).length).toBeGreaterThanOrEqual(unseen.length - 1);
  });
});
