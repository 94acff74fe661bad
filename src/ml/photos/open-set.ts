/**
 * "None of these": a photo whose backbone features are far from everything a head was trained on
 * is rejected instead of being forced into one of its classes.
 *
 * The rejector is cosine k-nearest-neighbour distance to a bank of training features (unit
 * vectors). A photo's score is the mean cosine distance (1 − cos) to its k nearest bank rows; it is
 * rejected above a threshold set on in-class photos the bank does not hold, at a stated
 * false-rejection rate. Rows may be negatives ("something else" photos the user marked): a photo
 * whose nearest neighbour is a negative is rejected whatever its distance.
 */

/** Bank rows labelled with this are "something else" examples, not a class. */
export const NEGATIVE = -1;

export interface FeatureBank {
  /** Row-major unit vectors, rows × dim. */
  readonly vectors: Float32Array;
  readonly dim: number;
  /** Class index per row, or NEGATIVE. */
  readonly labels: Int32Array;
}

export interface Rejector {
  bank: FeatureBank;
  k: number;
  /** Scores above this are "none of these". */
  threshold: number;
}

/** Scales `v` to unit length in place (a zero vector stays zero). */
export function normalise(v: Float32Array): Float32Array {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  const n = Math.sqrt(s);
  if (n > 0) for (let i = 0; i < v.length; i++) v[i] /= n;
  return v;
}

/** A bank from feature rows (any scale) and their labels. */
export function makeBank(rows: readonly Float32Array[], labels: readonly number[]): FeatureBank {
  if (rows.length !== labels.length) throw new Error(`${rows.length} rows but ${labels.length} labels`);
  const dim = rows[0]?.length ?? 0;
  const vectors = new Float32Array(rows.length * dim);
  rows.forEach((r, i) => {
    if (r.length !== dim) throw new Error(`row ${i} has ${r.length} features, expected ${dim}`);
    vectors.set(normalise(Float32Array.from(r)), i * dim);
  });
  return { vectors, dim, labels: Int32Array.from(labels) };
}

export interface Neighbourhood {
  /** Mean cosine distance to the k nearest rows: 0 = seen before, ~1 = unrelated. */
  score: number;
  /** Label of the nearest row (a class index or NEGATIVE). */
  nearest: number;
}

/**
 * The k nearest bank rows to `query` (unit vector), skipping row `skip` (leave-one-out). Linear
 * scan: banks are at most a few thousand rows, a few ms per photo next to a 100+ ms backbone pass.
 */
export function neighbourhood(bank: FeatureBank, query: Float32Array, k: number, skip = -1): Neighbourhood {
  const { vectors, dim, labels } = bank;
  const rows = labels.length;
  const best = new Float64Array(k).fill(-Infinity); // highest cosines, descending
  let nearest = NEGATIVE;
  let nearestDot = -Infinity;
  for (let r = 0; r < rows; r++) {
    if (r === skip) continue;
    let dot = 0;
    const o = r * dim;
    for (let i = 0; i < dim; i++) dot += vectors[o + i] * query[i];
    // A "something else" photo wins a tie: the user said so about this very photo.
    if (dot > nearestDot || (dot === nearestDot && labels[r] === NEGATIVE)) {
      nearestDot = dot;
      nearest = labels[r];
    }
    if (dot <= best[k - 1]) continue;
    let j = k - 1;
    while (j > 0 && best[j - 1] < dot) {
      best[j] = best[j - 1];
      j--;
    }
    best[j] = dot;
  }
  let sum = 0;
  let n = 0;
  for (const c of best)
    if (c > -Infinity) {
      sum += 1 - c;
      n++;
    }
  return { score: n ? sum / n : 1, nearest };
}

/**
 * A photo's distance to the bank (its features, any scale): the mean cosine distance to its `k`
 * nearest rows, infinite when the nearest is a "something else" photo.
 */
export function bankDistance(bank: FeatureBank, features: ArrayLike<number>, k: number): number {
  const { score, nearest } = neighbourhood(bank, normalise(Float32Array.from(features)), k);
  return nearest === NEGATIVE ? Number.POSITIVE_INFINITY : score;
}

/** Whether a photo (its features, any scale) is "none of these" for this rejector. */
export function rejects(rejector: Rejector, features: Float32Array): boolean {
  return bankDistance(rejector.bank, features, rejector.k) > rejector.threshold;
}

/**
 * The threshold that rejects `falseRejection` of in-class `scores` (from photos the bank does not
 * hold, or leave-one-out scores): their (1 − rate) quantile, nudged up so ties are accepted.
 */
export function thresholdFor(scores: readonly number[], falseRejection: number): number {
  if (scores.length === 0) return 1;
  const sorted = [...scores].sort((a, b) => a - b);
  const at = Math.min(sorted.length - 1, Math.ceil((1 - falseRejection) * sorted.length) - 1);
  return sorted[Math.max(0, at)] + 1e-6;
}

/** Leave-one-out scores of a bank's class rows: for few photos, where no validation split is spare. */
export function leaveOneOutScores(bank: FeatureBank, k: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < bank.labels.length; r++) {
    if (bank.labels[r] === NEGATIVE) continue;
    out.push(neighbourhood(bank, bank.vectors.subarray(r * bank.dim, (r + 1) * bank.dim), k, r).score);
  }
  return out;
}

/** Area under the ROC curve for separating `outside` (positive) from `inside` scores: 1 = perfect. */
export function auroc(inside: readonly number[], outside: readonly number[]): number {
  let wins = 0;
  for (const o of outside) for (const i of inside) wins += o > i ? 1 : o === i ? 0.5 : 0;
  return inside.length && outside.length ? wins / (inside.length * outside.length) : Number.NaN;
}
