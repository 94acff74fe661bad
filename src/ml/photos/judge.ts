/**
 * What a head's answer means, the same in the app's worker and the classify CLI: calibrated
 * probabilities (the head's temperature), the open-set rejector on the photo's features, and the
 * verdict ("sure" / "unsure" / "none of these").
 */
import { temper } from './calibration';
import { type FeatureBank, type Rejector, rejects } from './open-set';
import type { OpenSetSpec } from './open-set-bank';
import { type DensityModel, type DensityRejector, rejectsByDensity } from './open-set-density';
import { DEFAULT_VERDICT_RULE, type Verdict, type VerdictRule, verdictOf } from './verdict';

export interface OpenSet {
  /** Absent for heads without a feature bank: they never say "none of these". */
  rejector?: Rejector;
  /** Bundled heads: when present it decides instead of `rejector` (which user copies build on). */
  density?: DensityRejector;
  temperature: number;
  rule?: VerdictRule;
}

/**
 * A head's open set from its spec (card or stored record), bank and density model; without either,
 * calibration only.
 */
export function openSetFrom(
  spec: OpenSetSpec,
  bank: FeatureBank | null | undefined,
  density?: DensityModel | null,
): OpenSet {
  return {
    rejector: bank ? { bank, k: spec.k, threshold: spec.threshold } : undefined,
    density: density && spec.density ? { model: density, threshold: spec.density.threshold } : undefined,
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
  const rejected = openSet.density
    ? rejectsByDensity(openSet.density, features)
    : openSet.rejector
      ? rejects(openSet.rejector, features)
      : false;
  return {
    probs: calibrated,
    rejected,
    verdict: verdictOf(calibrated, rejected, openSet.rule ?? DEFAULT_VERDICT_RULE),
  };
}
