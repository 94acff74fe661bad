/**
 * The rejector and temperature for a Teach classifier (or a user copy of a bundled one), rebuilt
 * on every (re)train from the stored sample features: photos of its classes plus the "something
 * else" photos the user marked (NEGATIVE rows). TF-free: the worker and the tests share it.
 */
import { makeRng, permutation } from '../core/random';
import { bankDistance, type FeatureBank, leaveOneOutScores, makeBank, NEGATIVE, thresholdFor } from './open-set';
import { encodeBank, type OpenSetSpec, roundTrip, type StoredOpenSet } from './open-set-bank';

/**
 * Teach classifiers: the share of their own validation (or leave-one-out) photos called "none of
 * these". 2%: with 15 photos per class that is the farthest one, and unseen photos of the classes
 * were then rejected 1% of the time (5% stated gave 7%); far-away photos were all rejected either way.
 */
export const USER_FALSE_REJECTION = 0.02;
/** Neighbours per score for Teach classifiers (measured on 15 photos per class: see tests/unit). */
export const USER_K = 3;
/** A validation split below this many photos gives too coarse a 5% quantile: leave-one-out instead. */
export const MIN_VALIDATION_FOR_THRESHOLD = 20;
/** Bank rows kept at most (≈ 4 MB at float16): a big classifier keeps a seeded sample per class. */
export const MAX_USER_BANK_ROWS = 1000;

export interface OpenSetSamples {
  /** View-0 features per photo, with its class index or NEGATIVE. */
  features: readonly Float32Array[];
  labels: readonly number[];
  /** Indices (into features) of the seeded validation split, or empty. */
  validation: readonly number[];
}

export interface FittedRejector {
  bank: FeatureBank;
  k: number;
  threshold: number;
  /** 'validation' when set on held-out photos, 'leave-one-out' when there were too few. */
  thresholdFrom: 'validation' | 'leave-one-out';
  /** Validation "something else" photos it rejects (null when there were none). */
  negativesRejected: number | null;
}

const capRows = (idx: number[], labels: readonly number[], max: number, seed: number) => {
  if (idx.length <= max) return idx;
  const classes = [...new Set(idx.map((i) => labels[i]))];
  const per = Math.max(1, Math.floor(max / classes.length));
  return classes.flatMap((c) => {
    const members = idx.filter((i) => labels[i] === c);
    const order = permutation(members.length, makeRng(seed + c));
    return Array.from(order.subarray(0, Math.min(per, members.length)), (j) => members[j]);
  });
};

function scoresAgainst(bank: FeatureBank, rows: Float32Array[], k: number): number[] {
  return rows.map((f) => bankDistance(bank, f, k));
}

/**
 * The threshold from the validation photos against a bank without them, or leave-one-out over all
 * photos when validation is small; the bank it returns holds every photo (and every negative).
 * `base` rows (a bundled head's bank, for a user copy) join the bank; with `baseThreshold` the
 * bundled threshold is kept (a copy's few corrections cannot set a better one).
 */
export function fitRejector(
  s: OpenSetSamples,
  o: { falseRejection?: number; k?: number; base?: FeatureBank; baseThreshold?: number; seed?: number } = {},
): FittedRejector {
  const k = o.k ?? USER_K;
  const rate = o.falseRejection ?? USER_FALSE_REJECTION;
  const all = s.features.map((_, i) => i);
  const val = new Set(s.validation);
  const withBase = (idx: number[]) => {
    const kept = capRows(idx, s.labels, MAX_USER_BANK_ROWS, o.seed ?? 1);
    const own = makeBank(
      kept.map((i) => s.features[i]),
      kept.map((i) => s.labels[i]),
    );
    return roundTrip(o.base ? joinBanks(o.base, own) : own);
  };
  const classRows = (idx: number[]) => idx.filter((i) => s.labels[i] !== NEGATIVE);
  const valClass = classRows(s.validation.slice());
  const valNeg = s.validation.filter((i) => s.labels[i] === NEGATIVE);
  const bank = withBase(all);
  let threshold: number;
  let thresholdFrom: FittedRejector['thresholdFrom'];
  let negativesRejected: number | null = null;
  if (valClass.length >= MIN_VALIDATION_FOR_THRESHOLD) {
    const trainBank = withBase(all.filter((i) => !val.has(i)));
    threshold = thresholdFor(
      scoresAgainst(
        trainBank,
        valClass.map((i) => s.features[i]),
        k,
      ),
      rate,
    );
    thresholdFrom = 'validation';
    if (valNeg.length) {
      const neg = scoresAgainst(
        trainBank,
        valNeg.map((i) => s.features[i]),
        k,
      );
      negativesRejected = neg.filter((x) => x > threshold).length / neg.length;
    }
  } else {
    threshold = thresholdFor(leaveOneOutScores(bank, k), rate);
    thresholdFrom = 'leave-one-out';
  }
  if (o.baseThreshold !== undefined) threshold = o.baseThreshold;
  return { bank, k, threshold, thresholdFrom, negativesRejected };
}

export function joinBanks(a: FeatureBank, b: FeatureBank): FeatureBank {
  if (a.labels.length && b.labels.length && a.dim !== b.dim) throw new Error('banks of different feature sizes');
  const dim = a.labels.length ? a.dim : b.dim;
  const vectors = new Float32Array(a.vectors.length + b.vectors.length);
  vectors.set(a.vectors);
  vectors.set(b.vectors, a.vectors.length);
  const labels = new Int32Array(a.labels.length + b.labels.length);
  labels.set(a.labels);
  labels.set(b.labels, a.labels.length);
  return { vectors, dim, labels };
}

/** What is kept with the head version (and exported). */
export function storedOpenSet(r: FittedRejector, temperature: number, falseRejection: number): StoredOpenSet {
  const spec: OpenSetSpec = {
    rows: r.bank.labels.length,
    dim: r.bank.dim,
    k: r.k,
    threshold: r.threshold,
    falseRejection,
    temperature,
  };
  const bytes = encodeBank(r.bank);
  return { spec, bank: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer };
}
