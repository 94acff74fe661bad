/**
 * The "something else" rule of a bundled head (src/ml/photos/open-set-else.ts), built from another
 * collection's training-split photos: a density model of the head's classes plus those photos (a
 * last mean) on the vector that tells them apart best, scaled and thresholded on the head's own
 * validation photos, its reading space chosen by how many other-collection validation photos it
 * turns away.
 */
import { auroc, NEGATIVE, thresholdFor } from '../../src/ml/photos/open-set';
import { type DensityModel, densityRoundTrip, somethingElseScore } from '../../src/ml/photos/open-set-density';
import { fitDensity } from '../../src/ml/photos/open-set-density-fit';
import { scaled, scaleOf } from '../../src/ml/photos/open-set-doubt';
import { SOMETHING_ELSE_FILE, type SomethingElseSpec } from '../../src/ml/photos/open-set-else';

/** What the rule reads of a sampled part: features, and probes where sampled. */
export interface ElsePart {
  features: Float32Array[];
  labels: number[];
  probes?: Float32Array[];
}

export interface SomethingElseBuild {
  spec: SomethingElseSpec;
  model: DensityModel;
  /** Per photo of a part: its scaled score less the threshold (above 0: turned away by the rule). */
  margins: (p: ElsePart) => number[];
  trials: Record<string, unknown>[];
}

const r4 = (x: number) => Number(x.toFixed(4));

export function buildSomethingElse(
  train: ElsePart,
  negatives: ElsePart,
  validation: ElsePart,
  otherValidation: ElsePart[],
  o: { rate: number; rank: number; classes: number },
): SomethingElseBuild {
  const reads: SomethingElseSpec['reads'][] = train.probes && negatives.probes ? ['probe', 'features'] : ['features'];
  const vectors = (p: ElsePart, r: SomethingElseSpec['reads']) => (r === 'probe' ? (p.probes ?? []) : p.features);
  const candidates = reads.flatMap((r) =>
    [true, false].map((unitLength) => {
      const t0 = performance.now();
      const fitted = fitDensity(
        [...vectors(train, r), ...vectors(negatives, r)],
        [...train.labels, ...negatives.labels.map(() => NEGATIVE)],
        o.rank,
        unitLength,
      );
      const residualVariance = Number(fitted.residualVariance.toPrecision(6));
      const model = densityRoundTrip(fitted, residualVariance);
      const ratios = (p: ElsePart) => vectors(p, r).map((v) => somethingElseScore(model, v) ?? 0);
      const inside = ratios(validation);
      const s = scaleOf(inside);
      const scale = { median: Number(s.median.toPrecision(6)), spread: Number(s.spread.toPrecision(6)) };
      const scaledInside = inside.map((x) => scaled(x, scale));
      // Rounded up for the card, so the stored threshold rejects no more than the chosen one.
      const threshold = r4(thresholdFor(scaledInside, o.rate) + 5e-5);
      const spec: SomethingElseSpec = {
        reads: r,
        density: {
          file: SOMETHING_ELSE_FILE,
          classes: o.classes + 1,
          dim: model.dim,
          rank: o.rank,
          residualVariance,
          unitLength,
          negatives: 1,
          threshold: r4(threshold * scale.spread + scale.median),
        },
        scale,
        threshold,
      };
      const margins = (p: ElsePart) => ratios(p).map((x) => scaled(x, scale) - threshold);
      const outside = otherValidation.flatMap((p) => ratios(p).map((x) => scaled(x, scale)));
      return {
        spec,
        model,
        margins,
        rejected: outside.filter((x) => x > threshold).length / Math.max(1, outside.length),
        auroc: auroc(scaledInside, outside),
        fitSeconds: (performance.now() - t0) / 1000,
      };
    }),
  );
  const best = candidates.reduce((a, b) =>
    b.rejected > a.rejected + 1e-9 || (Math.abs(b.rejected - a.rejected) <= 1e-9 && b.auroc > a.auroc) ? b : a,
  );
  return {
    spec: best.spec,
    model: best.model,
    margins: best.margins,
    trials: candidates.map((c) => ({
      reads: c.spec.reads,
      rank: o.rank,
      unitLength: c.spec.density.unitLength,
      threshold: c.spec.threshold,
      otherRejected: r4(c.rejected),
      auroc: r4(c.auroc),
      fitSeconds: Number(c.fitSeconds.toFixed(1)),
    })),
  };
}
