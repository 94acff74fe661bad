/**
 * "None of these" for the bundled heads: how unlikely a photo's features are under a Gaussian per
 * class with one shared covariance (Mahalanobis distance to the nearest class mean), fitted on the
 * head's training features. The covariance is its top `rank` principal directions plus one
 * variance for everything outside them (probabilistic PCA), so the distance also counts how far a
 * photo sits off the directions the training photos vary along: blurry CIFAR pictures and sharp
 * flower photos each lie off the other's directions, where the cosine distance to nearest
 * neighbours found them close. Features are square-rooted (ReLU activations are skewed) and,
 * where validation said so, scaled to unit length first (for flowers the length itself helped).
 *
 * File (little-endian): classes × dim float16 class means, rank × dim float16 unit directions,
 * rank float32 variances along them.
 */
import { float16ToFloat32, float32ToFloat16 } from '../core/float16';

/** The bundled file next to open-set.bin. */
export const DENSITY_FILE = 'open-set-density.bin';
/** The same format for the density on the backbone's stage-3 probe (OpenSetSpec.probe). */
export const PROBE_DENSITY_FILE = 'open-set-probe.bin';

/** What a head's card says about its density rejector (`openSet.density`). */
export interface DensitySpec {
  file?: string;
  classes: number;
  dim: number;
  /** Principal directions kept. */
  rank: number;
  /** Variance per direction outside them (the same for all). */
  residualVariance: number;
  /** Whether features are scaled to unit length (after the square root); absent = true. */
  unitLength?: boolean;
  /** Squared Mahalanobis distance above which a photo is "none of these". */
  threshold: number;
  /** How many of the `classes` means, the last ones, are "something else" (see densityScore); absent = 0. */
  negatives?: number;
}

export interface DensityModel {
  readonly dim: number;
  readonly rank: number;
  /** classes × dim, in transformed space. */
  readonly means: Float32Array;
  /** rank × dim unit vectors. */
  readonly basis: Float32Array;
  readonly variances: Float32Array;
  readonly residualVariance: number;
  readonly unitLength: boolean;
  /** The last `negatives` class means are "something else": photos of other things, not a class. */
  readonly negatives?: number;
}

export interface DensityRejector {
  model: DensityModel;
  threshold: number;
}

/** The space the model lives in: element-wise square root (ReLU features are ≥ 0), then unit length. */
export function densityFeatures(features: ArrayLike<number>, unitLength = true): Float32Array {
  const out = new Float32Array(features.length);
  let s = 0;
  for (let i = 0; i < out.length; i++) {
    const v = features[i];
    out[i] = v > 0 ? Math.sqrt(v) : -Math.sqrt(-v);
    s += out[i] * out[i];
  }
  const n = Math.sqrt(s);
  if (unitLength && n > 0) for (let i = 0; i < out.length; i++) out[i] /= n;
  return out;
}

/**
 * Squared Mahalanobis distance of a photo (raw features) to its nearest class mean: 0 = typical,
 * about `dim` for a typical training photo, far more for a photo unlike them.
 */
export const densityScore = (m: DensityModel, features: ArrayLike<number>): number => nearest(m, features).own;

/**
 * With "something else" means: the distance to the nearest class less the distance to the nearest
 * of them (a log-likelihood ratio under the shared covariance); above 0, nearer the other things.
 * It tells near look-alikes apart, not a photo far from both: that stays densityScore's job.
 */
export function somethingElseScore(m: DensityModel, features: ArrayLike<number>): number | undefined {
  if (!m.negatives) return undefined;
  const { own, other } = nearest(m, features);
  return own - other;
}

/** Squared distances to the nearest class mean and to the nearest "something else" mean (∞ without). */
function nearest(m: DensityModel, features: ArrayLike<number>): { own: number; other: number } {
  const x = densityFeatures(features, m.unitLength);
  const { dim, rank, means, basis, variances, residualVariance } = m;
  const classes = means.length / dim;
  const own = classes - (m.negatives ?? 0);
  const dx = new Float64Array(dim);
  let best = Number.POSITIVE_INFINITY;
  let bestElse = Number.POSITIVE_INFINITY;
  for (let c = 0; c < classes; c++) {
    let total = 0;
    for (let i = 0; i < dim; i++) {
      dx[i] = x[i] - means[c * dim + i];
      total += dx[i] * dx[i];
    }
    let inside = 0;
    let along = 0;
    for (let j = 0; j < rank; j++) {
      let z = 0;
      const o = j * dim;
      for (let i = 0; i < dim; i++) z += basis[o + i] * dx[i];
      along += (z * z) / variances[j];
      inside += z * z;
    }
    const score = along + Math.max(0, total - inside) / residualVariance;
    if (c < own) best = Math.min(best, score);
    else bestElse = Math.min(bestElse, score);
  }
  return { own: best, other: bestElse };
}

export const densityBytes = (classes: number, dim: number, rank: number) => (classes + rank) * dim * 2 + rank * 4;

export function encodeDensity(m: DensityModel): Uint8Array {
  const classes = m.means.length / m.dim;
  const out = new Uint8Array(densityBytes(classes, m.dim, m.rank));
  const view = new DataView(out.buffer);
  let at = 0;
  for (const part of [m.means, m.basis])
    for (const h of float32ToFloat16(part)) {
      view.setUint16(at, h, true);
      at += 2;
    }
  for (const v of m.variances) {
    view.setFloat32(at, v, true);
    at += 4;
  }
  return out;
}

export function decodeDensity(bytes: Uint8Array, spec: DensitySpec): DensityModel {
  const { classes, dim, rank } = spec;
  if (bytes.byteLength !== densityBytes(classes, dim, rank))
    throw new Error(`density file has ${bytes.byteLength} bytes, expected ${densityBytes(classes, dim, rank)}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const halves = new Uint16Array((classes + rank) * dim);
  for (let i = 0; i < halves.length; i++) halves[i] = view.getUint16(i * 2, true);
  const floats = float16ToFloat32(halves);
  const variances = new Float32Array(rank);
  for (let j = 0; j < rank; j++) variances[j] = view.getFloat32(halves.length * 2 + j * 4, true);
  return {
    dim,
    rank,
    means: floats.slice(0, classes * dim),
    basis: floats.slice(classes * dim),
    variances,
    residualVariance: spec.residualVariance,
    unitLength: spec.unitLength !== false,
    ...(spec.negatives ? { negatives: spec.negatives } : {}),
  };
}

/** A model as it will be read back (half precision): thresholds are set on what the app will see. */
export const densityRoundTrip = (m: DensityModel, residualVariance = m.residualVariance): DensityModel =>
  decodeDensity(encodeDensity(m), {
    classes: m.means.length / m.dim,
    dim: m.dim,
    rank: m.rank,
    residualVariance,
    unitLength: m.unitLength,
    negatives: m.negatives,
    threshold: 0,
  });

/** Whether a parsed JSON value is a usable density spec (cards come from outside). */
export function isDensitySpec(v: unknown): v is DensitySpec {
  if (!v || typeof v !== 'object') return false;
  const s = v as Record<string, unknown>;
  const int = (x: unknown, max: number) => Number.isInteger(x) && (x as number) > 0 && (x as number) <= max;
  return (
    int(s.classes, 10_000) &&
    int(s.dim, 100_000) &&
    int(s.rank, s.dim as number) &&
    typeof s.residualVariance === 'number' &&
    s.residualVariance > 0 &&
    (s.unitLength === undefined || typeof s.unitLength === 'boolean') &&
    (s.negatives === undefined ||
      (Number.isInteger(s.negatives) &&
        (s.negatives as number) >= 0 &&
        (s.negatives as number) < (s.classes as number))) &&
    typeof s.threshold === 'number' &&
    Number.isFinite(s.threshold)
  );
}
