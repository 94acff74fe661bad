/**
 * Fits the density rejector (open-set-density.ts) on a head's training features: class means and
 * the top principal directions of the within-class scatter. TF-free and seeded; run by the Node
 * builder (a few seconds for a thousand photos), never on the phone.
 */
import { makeRng } from '../core/random';
import { NEGATIVE } from './open-set';
import { type DensityModel, densityFeatures } from './open-set-density';

/** Top `rank` eigenpairs of the symmetric n × n matrix `g` (row-major), by subspace iteration. */
export function topEigen(g: Float64Array, n: number, rank: number, iterations = 40, seed = 1) {
  const rng = makeRng(seed);
  let q: Float64Array = new Float64Array(n * rank); // column j at q[i * rank + j]
  for (let i = 0; i < q.length; i++) q[i] = rng() - 0.5;
  orthonormalise(q, n, rank);
  for (let it = 0; it < iterations; it++) {
    q = multiply(g, q, n, rank);
    orthonormalise(q, n, rank);
  }
  // Rayleigh–Ritz: the small rank × rank problem gives the eigenpairs within the subspace.
  const gq = multiply(g, q, n, rank);
  const t = new Float64Array(rank * rank);
  for (let a = 0; a < rank; a++)
    for (let b = a; b < rank; b++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += q[i * rank + a] * gq[i * rank + b];
      t[a * rank + b] = s;
      t[b * rank + a] = s;
    }
  const { values, vectors } = jacobiEigen(t, rank);
  const order = Array.from(values.keys()).sort((a, b) => values[b] - values[a]);
  const out = new Float64Array(n * rank);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < rank; j++) {
      let s = 0;
      for (let a = 0; a < rank; a++) s += q[i * rank + a] * vectors[a * rank + order[j]];
      out[i * rank + j] = s;
    }
  return { values: order.map((j) => values[j]), vectors: out };
}

function multiply(g: Float64Array, q: Float64Array, n: number, rank: number): Float64Array {
  const out = new Float64Array(n * rank);
  for (let i = 0; i < n; i++)
    for (let k = 0; k < n; k++) {
      const gik = g[i * n + k];
      if (gik === 0) continue;
      for (let j = 0; j < rank; j++) out[i * rank + j] += gik * q[k * rank + j];
    }
  return out;
}

function orthonormalise(q: Float64Array, n: number, rank: number) {
  for (let j = 0; j < rank; j++) {
    for (let p = 0; p < j; p++) {
      let d = 0;
      for (let i = 0; i < n; i++) d += q[i * rank + j] * q[i * rank + p];
      for (let i = 0; i < n; i++) q[i * rank + j] -= d * q[i * rank + p];
    }
    let s = 0;
    for (let i = 0; i < n; i++) s += q[i * rank + j] ** 2;
    const norm = Math.sqrt(s) || 1;
    for (let i = 0; i < n; i++) q[i * rank + j] /= norm;
  }
}

/** Eigen-decomposition of a small symmetric matrix (cyclic Jacobi); vectors in columns. */
export function jacobiEigen(m: Float64Array, n: number) {
  const a = Float64Array.from(m);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 50; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let r = p + 1; r < n; r++) off += a[p * n + r] ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < n; p++)
      for (let r = p + 1; r < n; r++) {
        const apr = a[p * n + r];
        if (Math.abs(apr) < 1e-300) continue;
        const theta = (a[r * n + r] - a[p * n + p]) / (2 * apr);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p];
          const akr = a[k * n + r];
          a[k * n + p] = c * akp - s * akr;
          a[k * n + r] = s * akp + c * akr;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k];
          const ark = a[r * n + k];
          a[p * n + k] = c * apk - s * ark;
          a[r * n + k] = s * apk + c * ark;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p];
          const vkr = v[k * n + r];
          v[k * n + p] = c * vkp - s * vkr;
          v[k * n + r] = s * vkp + c * vkr;
        }
      }
  }
  return { values: Array.from({ length: n }, (_, i) => a[i * n + i]), vectors: v };
}

/**
 * The density model of training features (raw backbone features, labels 0…classes − 1). Rows
 * labelled NEGATIVE ("something else": photos of other things) become one more mean, the last,
 * and share in the covariance; densityScore then weighs the classes against them.
 */
export function fitDensity(
  rows: readonly Float32Array[],
  givenLabels: readonly number[],
  rank: number,
  unitLength = true,
): DensityModel {
  const n = rows.length;
  const dim = rows[0].length;
  const own = Math.max(...givenLabels) + 1;
  const negatives = givenLabels.includes(NEGATIVE) ? 1 : 0;
  const labels = givenLabels.map((l) => (l === NEGATIVE ? own : l));
  const classes = own + negatives;
  if (rank >= n) throw new Error(`rank ${rank} needs more than ${n} photos`);
  const xs = rows.map((r) => densityFeatures(r, unitLength));
  const means = new Float32Array(classes * dim);
  const counts = new Array<number>(classes).fill(0);
  xs.forEach((x, i) => {
    counts[labels[i]]++;
    for (let d = 0; d < dim; d++) means[labels[i] * dim + d] += x[d];
  });
  for (let c = 0; c < classes; c++) for (let d = 0; d < dim; d++) means[c * dim + d] /= Math.max(1, counts[c]);
  // Within-class residuals; their n × n Gram matrix shares the covariance's nonzero eigenvalues.
  const r = xs.map((x, i) => Float64Array.from(x, (v, d) => v - means[labels[i] * dim + d]));
  const g = new Float64Array(n * n);
  let trace = 0;
  for (let i = 0; i < n; i++)
    for (let j = i; j < n; j++) {
      let s = 0;
      const ri = r[i];
      const rj = r[j];
      for (let d = 0; d < dim; d++) s += ri[d] * rj[d];
      g[i * n + j] = s / n;
      g[j * n + i] = s / n;
      if (i === j) trace += s / n;
    }
  const { values, vectors } = topEigen(g, n, rank);
  const basis = new Float32Array(rank * dim);
  for (let j = 0; j < rank; j++) {
    const v = new Float64Array(dim);
    for (let i = 0; i < n; i++) {
      const u = vectors[i * rank + j];
      for (let d = 0; d < dim; d++) v[d] += u * r[i][d];
    }
    let s = 0;
    for (const x of v) s += x * x;
    const norm = Math.sqrt(s) || 1;
    for (let d = 0; d < dim; d++) basis[j * dim + d] = v[d] / norm;
  }
  const kept = values.reduce((a, b) => a + b, 0);
  return {
    dim,
    rank,
    means,
    basis,
    variances: Float32Array.from(values, (v) => Math.max(v, 1e-12)),
    residualVariance: Math.max(trace - kept, 1e-12) / (dim - rank),
    unitLength,
    ...(negatives ? { negatives } : {}),
  };
}
