/**
 * The head's own doubt, added to the rejector's distance for a bundled head where that rejects more
 * far-away photos at the same false-rejection rate (chosen on validation by open-set-build.ts).
 * Far-away photos are both unlike the training photos and answered without conviction; the sum
 * also turns away the head's own least certain photos first, which are its most often wrong ones.
 */

/** Where a score's typical in-class values lie: median and spread (standard deviation) on validation. */
export interface Scale {
  median: number;
  spread: number;
}

/** `openSet.doubt` in a bundled head's card. */
export interface DoubtSpec {
  /** How much the doubt counts next to the distance (both on their validation scale). */
  weight: number;
  distance: Scale;
  doubt: Scale;
  /**
   * When present, the distance under the head's stage-3 probe density (`openSet.probe`) is added
   * too, on this scale: two looks at the photo, the last stage's and an earlier one's.
   */
  probe?: Scale;
  /** Combined score above which a photo is "none of these" (replaces the rejector's own threshold). */
  threshold: number;
}

/** The head's doubt about an answer: −ln of its top probability (0 = certain), before calibration. */
export function doubtOf(probs: ArrayLike<number>): number {
  let top = 0;
  for (let i = 0; i < probs.length; i++) if (probs[i] > top) top = probs[i];
  return -Math.log(Math.max(top, 1e-12));
}

/** A score on its validation scale. */
export const scaled = (x: number, s: Scale) => (x - s.median) / s.spread;

/** Distance, probe distance (when the spec has one) and doubt on their validation scales, added. */
export const combinedScore = (
  distance: number,
  probs: ArrayLike<number>,
  d: DoubtSpec,
  probeDistance?: number,
): number =>
  scaled(distance, d.distance) +
  (d.probe && probeDistance !== undefined ? scaled(probeDistance, d.probe) : 0) +
  d.weight * scaled(doubtOf(probs), d.doubt);

/** Median and standard deviation of in-class validation scores. */
export function scaleOf(values: readonly number[]): Scale {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted.length ? sorted[Math.floor(sorted.length / 2)] : 0;
  const mean = values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
  const spread = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, values.length));
  return { median, spread: spread > 0 ? spread : 1 };
}

/** Whether a parsed JSON value is a usable scale (a positive spread). */
export const isScale = (x: unknown): x is Scale =>
  !!x &&
  typeof x === 'object' &&
  Number.isFinite((x as Scale).median) &&
  Number.isFinite((x as Scale).spread) &&
  (x as Scale).spread > 0;

/** Whether a parsed JSON value is a usable doubt spec (cards come from outside). */
export function isDoubtSpec(v: unknown): v is DoubtSpec {
  if (!v || typeof v !== 'object') return false;
  const s = v as Record<string, unknown>;
  const finite = (x: unknown) => typeof x === 'number' && Number.isFinite(x);
  return (
    finite(s.weight) &&
    (s.weight as number) >= 0 &&
    isScale(s.distance) &&
    isScale(s.doubt) &&
    (s.probe === undefined || isScale(s.probe)) &&
    finite(s.threshold)
  );
}
