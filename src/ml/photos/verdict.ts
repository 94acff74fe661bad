/**
 * What the app says about a photo, the same in the app and the CLI: "sure" (say the class),
 * "unsure" ("Not sure — cat or dog?") or "none" ("None of these"). Works for any class count: it
 * reads the calibrated top-1 probability and its margin over the runner-up, not a fixed 0.5 that
 * a 2-class head can never fall under.
 */
export type Verdict = 'sure' | 'unsure' | 'none';

export interface VerdictRule {
  /** Calibrated top-1 probability at or above which the answer is given as sure. */
  sureAt: number;
  /** A top-1 lead over the runner-up below this is unsure whatever top-1 is. */
  margin: number;
}

/** Chosen on validation data (see the head cards): "sure" answers are right ≥ 95% of the time there. */
export const DEFAULT_VERDICT_RULE: VerdictRule = { sureAt: 0.7, margin: 0.25 };

/** `probs` calibrated, in class order; `rejected` from the open-set rejector. */
export function verdictOf(
  probs: ArrayLike<number>,
  rejected: boolean,
  rule: VerdictRule = DEFAULT_VERDICT_RULE,
): Verdict {
  if (rejected) return 'none';
  let first = 0;
  let second = 0;
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i];
    if (p > first) {
      second = first;
      first = p;
    } else if (p > second) second = p;
  }
  return first >= rule.sureAt && first - second >= rule.margin ? 'sure' : 'unsure';
}
