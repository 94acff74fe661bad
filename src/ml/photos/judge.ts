/**
 * What a head's answer means, the same in the app's worker and the classify CLI: calibrated
 * probabilities (the head's temperature), the open-set rejector on the photo's features, and the
 * verdict ("sure" / "unsure" / "none of these").
 */
import { temper } from './calibration';
import { bankDistance, type FeatureBank, type Rejector } from './open-set';
import type { BoundDoubt, OpenSetSpec } from './open-set-bank';
import { type DensityModel, type DensityRejector, densityScore } from './open-set-density';
import { combinedScore } from './open-set-doubt';
import { type SomethingElseSpec, somethingElseRejects } from './open-set-else';
import { DEFAULT_VERDICT_RULE, type Verdict, type VerdictRule, verdictOf } from './verdict';

export interface OpenSet {
  /** Absent for heads without a feature bank: they never say "none of these". */
  rejector?: Rejector;
  /** Bundled heads: when present it decides instead of `rejector` (which user copies build on). */
  density?: DensityRejector;
  /** Bundled heads: the density of the stage-3 probe, counted with the density's distance when `doubt.probe` says so. */
  probe?: DensityModel;
  /** Bundled heads: the head's doubt counted with the deciding rejector's distance (open-set-doubt.ts). */
  doubt?: BoundDoubt;
  /** Bundled heads: the "something else" rule beside the density's (open-set-else.ts). */
  somethingElse?: { model: DensityModel; spec: SomethingElseSpec };
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
  probe?: DensityModel | null,
  somethingElse?: DensityModel | null,
): OpenSet {
  return {
    rejector: bank ? { bank, k: spec.k, threshold: spec.threshold } : undefined,
    density: density && spec.density ? { model: density, threshold: spec.density.threshold } : undefined,
    probe: probe && spec.probe ? probe : undefined,
    doubt: spec.doubt,
    somethingElse: somethingElse && spec.somethingElse ? { model: somethingElse, spec: spec.somethingElse } : undefined,
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

/** Whether the rule reads the photo's stage-3 probe (PhotoOutput.probe): ask the backbone for it. */
export const wantsProbe = (o: OpenSet | undefined): boolean =>
  !!o?.density && ((!!o.probe && !!o.doubt?.probe) || o.somethingElse?.spec.reads === 'probe');

/**
 * `probs` from the head; `features` the photo's backbone features (the unmirrored view), `probe`
 * its stage-3 probe where `wantsProbe`.
 */
export function judge(
  probs: ArrayLike<number>,
  features: Float32Array,
  openSet: OpenSet,
  probe?: Float32Array,
): Judgement {
  const calibrated = temper(probs, openSet.temperature);
  const rejected = rejectedBy(probs, features, openSet, probe);
  return {
    probs: calibrated,
    rejected,
    verdict: verdictOf(calibrated, rejected, openSet.rule ?? DEFAULT_VERDICT_RULE),
  };
}

/** The density model decides when present, else the bank; each with the head's doubt when the card says so. */
function rejectedBy(probs: ArrayLike<number>, features: Float32Array, o: OpenSet, probe?: Float32Array): boolean {
  // A rule that counts the probe, without the probe's file or the photo's probe, falls back to the
  // distance alone at its own threshold rather than to a sum its threshold was not set for.
  const probeDistance = o.doubt?.probe && o.probe && probe ? densityScore(o.probe, probe) : undefined;
  // Beside the density's rule, a bundled head's "something else" rule may turn the photo away too.
  if (o.density && o.somethingElse) {
    const vector = o.somethingElse.spec.reads === 'probe' ? probe : features;
    if (vector && somethingElseRejects(o.somethingElse.model, o.somethingElse.spec, vector)) return true;
  }
  const usable = (d: BoundDoubt) => !d.probe || probeDistance !== undefined;
  const withDoubt = (distance: number, on: BoundDoubt['on'], threshold: number) =>
    o.doubt?.on === on && usable(o.doubt)
      ? combinedScore(distance, probs, o.doubt, probeDistance) > o.doubt.threshold
      : distance > threshold;
  if (o.density) return withDoubt(densityScore(o.density.model, features), 'density', o.density.threshold);
  if (!o.rejector) return false;
  // A "something else" nearest is an infinite distance: rejected with or without doubt.
  return withDoubt(bankDistance(o.rejector.bank, features, o.rejector.k), 'bank', o.rejector.threshold);
}
