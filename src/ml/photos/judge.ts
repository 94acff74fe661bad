/**
 * What a head's answer means, the same in the app's worker and the classify CLI: calibrated
 * probabilities (the head's temperature), the open-set rejector on the photo's features, and the
 * verdict ("sure" / "unsure" / "none of these").
 */
import { temper } from './calibration';
import { type FeatureBank, type Rejector, rejects } from './open-set';
import type { OpenSetSpec } from './open-set-bank';
import { DEFAULT_VERDICT_RULE, type Verdict, type VerdictRule, verdictOf } from './verdict';

export interface OpenSet {
  /** Absent for heads without a feature bank: they never say "none of these". */
  rejector?: Rejector;
  temperature: number;
  rule?: VerdictRule;
}

/** A head's open set from its spec (card or stored record) and bank; without a bank, calibration only. */
export function openSetFrom(spec: OpenSetSpec, bank: FeatureBank | null | undefined): OpenSet {
  return {
    rejector: bank ? { bank, k: spec.k, threshold: spec.threshold } : undefined,
    temperature: spec.temperature,
    rule: spec.rule,
  };
}

export interface Judgement {
  /** Calibrated, in class order. */
  probs: Float32Array;
  rejected: boolean;
  verdict: Verdict;
}

/** `probs` from the head; `features` the photo's backbone features (the unmirrored view). */
export function judge(probs: ArrayLike<number>, features: Float32Array, openSet: OpenSet): Judgement {
  const calibrated = temper(probs, openSet.temperature);
  const rejected = openSet.rejector ? rejects(openSet.rejector, features) : false;
  return {
    probs: calibrated,
    rejected,
    verdict: verdictOf(calibrated, rejected, openSet.rule ?? DEFAULT_VERDICT_RULE),
  };
}
