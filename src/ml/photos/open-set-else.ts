/**
 * "Something else" for a bundled head that learnt photos of other things too (`--negatives` in
 * open-set:head): a rule beside the distance, for photos that sit near the head's classes yet
 * nearer those other things (flowers seen as 32 px thumbnails look much like CIFAR pictures). Its
 * own density model holds the classes and, last, the other things, under one shared covariance;
 * the head's distance keeps its own model, so photos far from both are still turned away by it.
 * Either rule turns a photo away; each was given half the false-rejection budget.
 */
import { type DensityModel, type DensitySpec, isDensitySpec, somethingElseScore } from './open-set-density';
import { isScale, type Scale, scaled } from './open-set-doubt';

/** The rule's density file next to model.json. */
export const SOMETHING_ELSE_FILE = 'open-set-else.bin';

/** `openSet.somethingElse` in a bundled head's card. */
export interface SomethingElseSpec {
  /** Which of the photo's vectors it reads: the backbone's stage-3 probe or its last features. */
  reads: 'probe' | 'features';
  /** Its model: the head's classes, then `negatives` means of other things. */
  density: DensitySpec;
  /** somethingElseScore's validation scale. */
  scale: Scale;
  /** Scaled score above which a photo is "none of these". */
  threshold: number;
}

/** Whether the photo's vector (the one the spec reads) is nearer the other things than the rule allows. */
export function somethingElseRejects(model: DensityModel, spec: SomethingElseSpec, vector: ArrayLike<number>): boolean {
  const ratio = somethingElseScore(model, vector);
  return ratio !== undefined && scaled(ratio, spec.scale) > spec.threshold;
}

/** Whether a parsed JSON value is a usable rule (cards come from outside). */
export function isSomethingElseSpec(v: unknown): v is SomethingElseSpec {
  if (!v || typeof v !== 'object') return false;
  const s = v as Record<string, unknown>;
  return (
    (s.reads === 'probe' || s.reads === 'features') &&
    isDensitySpec(s.density) &&
    (s.density.negatives ?? 0) > 0 &&
    isScale(s.scale) &&
    Number.isFinite(s.threshold)
  );
}
