/** A bundled head's density files (open-set-density.ts format) and where its card describes each. */
import type { OpenSetSpec } from './open-set-bank';
import { DENSITY_FILE, type DensitySpec, PROBE_DENSITY_FILE } from './open-set-density';
import { SOMETHING_ELSE_FILE } from './open-set-else';

/** `density`: the distance on the features; `probe`: on the stage-3 probe; `somethingElse`: the rule beside them. */
export type DensityFileKind = 'density' | 'probe' | 'somethingElse';

export const DENSITY_FILES: Record<DensityFileKind, string> = {
  density: DENSITY_FILE,
  probe: PROBE_DENSITY_FILE,
  somethingElse: SOMETHING_ELSE_FILE,
};

/** The card's spec for one of them (unchecked: pass it through isDensitySpec). */
export const densitySpecOf = (openSet: OpenSetSpec | undefined, kind: DensityFileKind): DensitySpec | undefined =>
  kind === 'somethingElse' ? openSet?.somethingElse?.density : openSet?.[kind];
