/**
 * Open-set data for a bundled head (Node): a half-precision bank of training features, a
 * rejection threshold and k chosen on the head's validation split, a temperature fitted there,
 * and the rates measured once on held-out photos (its own and other collections'). Uses the same
 * seeded split as train:head, so validation and held-out photos are the ones the head never
 * trained on. Only a seeded sample of each part is run through the backbone (features cached).
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeRng, permutation } from '../../src/ml/core/random';
import { BACKBONE_PROBE, BACKBONE_FEATURE_SIZE as DIM } from '../../src/ml/photos/backbone-spec';
import { calibrationError, fitTemperature, nll, temper } from '../../src/ml/photos/calibration';
import { trainHeadSplit } from '../../src/ml/photos/head-training';
import { auroc, bankDistance, type FeatureBank, makeBank, thresholdFor } from '../../src/ml/photos/open-set';
import {
  type BoundDoubt,
  bankBytes,
  encodeBank,
  OPEN_SET_FILE,
  type OpenSetSpec,
  roundTrip,
} from '../../src/ml/photos/open-set-bank';
import {
  DENSITY_FILE,
  type DensityModel,
  type DensitySpec,
  densityBytes,
  densityRoundTrip,
  densityScore,
  encodeDensity,
  PROBE_DENSITY_FILE,
} from '../../src/ml/photos/open-set-density';
import { fitDensity } from '../../src/ml/photos/open-set-density-fit';
import { combinedScore, type DoubtSpec, doubtOf, type Scale, scaleOf } from '../../src/ml/photos/open-set-doubt';
import { SOMETHING_ELSE_FILE } from '../../src/ml/photos/open-set-else';
import { averagedProbabilities } from '../../src/ml/photos/tta';
import { extractFeatures } from './extract-features';
import { type LabelledImages, listImages } from './image-sources';
import type { tf } from './node-tf';
import { buildSomethingElse } from './open-set-else-build';

/** A collection and the seed its head was split with; `classes` limits it (e.g. CIFAR vehicles). */
export interface CollectionRef {
  dir: string;
  seed: number;
  classes?: string[];
}

export interface SampleSizes {
  /** Bank rows in all (spread evenly over the classes): the kNN bank user copies build on. */
  bankRows: number;
  /** Training photos the density rejector is fitted on, in all (the bank rows are among them). */
  fitRows: number;
  /** Principal directions the density rejector keeps. */
  rank: number;
  /** Principal directions the stage-3 probe's density keeps (0: no probe tried). */
  probeRank: number;
  /** "Something else" photos, in all, from the training split of the collection named by `--negatives`. */
  negativeRows: number;
  /** Validation and held-out photos sampled in all (evenly over the classes). */
  validation: number;
  heldOut: number;
}

/** What the shipped heads were built with (open-set-head.ts's header has the commands). */
export const DEFAULT_TOTALS: SampleSizes = {
  bankRows: 110,
  fitRows: 1000,
  rank: 128,
  probeRank: 64,
  negativeRows: 500,
  validation: 300,
  heldOut: 500,
};

interface Part {
  /** View 0 (the photo as is): what the rejectors score. */
  features: Float32Array[];
  labels: number[];
  /** View 1 (mirrored), when sampled for a flip-TTA head: its probabilities average both, as in the app. */
  mirrors?: Float32Array[];
  /** View 0's stage-3 probe (BACKBONE_PROBE), when sampled with probes. */
  probes?: Float32Array[];
}

interface Sampled {
  name: string;
  classes: string[];
  train: Part;
  validation: Part;
  heldOut: Part;
}

const pick = (members: number[], n: number, seed: number) => {
  const order = permutation(members.length, makeRng(seed));
  return Array.from(order.subarray(0, Math.min(n, members.length)), (i) => members[i]);
};

/** Weights of the head's doubt tried next to each rejector's distance (0: the distance alone). */
const DOUBT_WEIGHTS = [0, 0.25, 0.5, 1, 2];

/** A validation scale rounded as the card stores it, so thresholds are set on what the app reads back. */
const roundedScale = (values: number[]): Scale => {
  const s = scaleOf(values);
  return { median: Number(s.median.toPrecision(6)), spread: Number(s.spread.toPrecision(6)) };
};

/**
 * A seeded per-class sample of each part of the collection's train:head split, with view-0
 * features (and, with `views` 2, the validation and held-out photos' mirrors).
 */
export async function sampleCollection(
  ref: CollectionRef,
  sizes: { trainPerClass: number; validationPerClass: number; heldOutPerClass: number },
  workers?: number,
  photoSide?: number,
  views: 1 | 2 = 1,
  probe = false,
): Promise<Sampled> {
  const images = listImages(ref.dir);
  const [train, validation, heldOut] = trainHeadSplit(images.labels, ref.seed);
  const wanted = new Set(
    (ref.classes ?? images.classes).map((c) => {
      const i = images.classes.indexOf(c);
      if (i < 0) throw new Error(`${ref.dir} has no class "${c}"`);
      return i;
    }),
  );
  const perClass = (part: number[], n: number, salt: number) =>
    [...wanted].flatMap((c) =>
      pick(
        part.filter((i) => images.labels[i] === c),
        n,
        ref.seed * 1000 + salt * 100 + c,
      ),
    );
  const parts = [
    perClass(train, sizes.trainPerClass, 1),
    perClass(validation, sizes.validationPerClass, 2),
    perClass(heldOut, sizes.heldOutPerClass, 3),
  ];
  const t0 = performance.now();
  /** The parts' features, `partViews` per photo (the training part never needs its mirrors). */
  const extractParts = async (idxs: number[][], partViews: 1 | 2): Promise<Part[]> => {
    const all = idxs.flat();
    if (!all.length) return idxs.map(() => ({ features: [], labels: [], ...(probe ? { probes: [] } : {}) }));
    const subset: LabelledImages = {
      ...images,
      refs: all.map((i) => images.refs[i]),
      labels: Uint8Array.from(all, (i) => images.labels[i]),
    };
    const extracted = await extractFeatures(subset, {
      views: partViews,
      workers,
      photoSide,
      probe,
      onProgress: (done, total) => {
        if (done % 50 < 2 || done === total)
          console.log(`  ${ref.dir}: features ${done}/${total}  ${((performance.now() - t0) / 1000).toFixed(0)} s`);
      },
    });
    const viewOf = (j: number, v: number) =>
      extracted.features.slice((j * partViews + v) * DIM, (j * partViews + v + 1) * DIM);
    const P = BACKBONE_PROBE.channels;
    const probeOf = (j: number) => extracted.probes!.slice(j * partViews * P, (j * partViews + 1) * P);
    let at = 0;
    return idxs.map((idx) => {
      const part: Part = {
        features: [],
        labels: [],
        ...(partViews === 2 ? { mirrors: [] } : {}),
        ...(extracted.probes ? { probes: [] } : {}),
      };
      for (const i of idx) {
        const j = at++;
        if (extracted.failed.includes(j)) continue;
        part.features.push(viewOf(j, 0));
        part.mirrors?.push(viewOf(j, 1));
        part.probes?.push(probeOf(j));
        part.labels.push(images.labels[i]);
      }
      return part;
    });
  };
  const [trainPart] = await extractParts([parts[0]], 1);
  const [validationPart, heldOutPart] = await extractParts([parts[1], parts[2]], views);
  return {
    name: ref.dir,
    classes: images.classes,
    train: trainPart,
    validation: validationPart,
    heldOut: heldOutPart,
  };
}

const scoresOf = (bank: FeatureBank, rows: Float32Array[], k: number) => rows.map((f) => bankDistance(bank, f, k));
const rate = (scores: number[], threshold: number) =>
  scores.length ? scores.filter((s) => s > threshold).length / scores.length : 0;
const r4 = (x: number) => Number(x.toFixed(4));
const argmax = (p: ArrayLike<number>) => {
  let b = 0;
  for (let i = 1; i < p.length; i++) if (p[i] > p[b]) b = i;
  return b;
};

export interface OpenSetBuild {
  bank: FeatureBank;
  spec: OpenSetSpec;
  density: DensityModel;
  /** The stage-3 probe's density, when the rule chosen counts it. */
  probe?: DensityModel;
  /** The "something else" rule's density, when the card has the rule. */
  somethingElse?: DensityModel;
  /** For card.json: how it was chosen and what it measured. */
  record: Record<string, unknown>;
}

/** The first `perClass` rows of each class (samples are drawn per class in a seeded order). */
const firstPerClass = (part: Part, perClass: number): Part => {
  const seen = new Map<number, number>();
  const out: Part = { features: [], labels: [] };
  part.features.forEach((f, i) => {
    const c = part.labels[i];
    const n = seen.get(c) ?? 0;
    if (n >= perClass) return;
    seen.set(c, n + 1);
    out.features.push(f);
    out.labels.push(c);
  });
  return out;
};

/**
 * The rejector the app uses is the density one (open-set-density.ts), fitted on the head's
 * training photos with its threshold at the stated false-rejection rate on validation photos. The
 * smaller kNN bank is what a user copy of the head adds its photos to (open-set-fit.ts); its k is
 * chosen on validation as before. Temperature fitted on validation; rates measured once on
 * held-out photos (its own and other collections').
 */
export async function buildOpenSet(
  head: tf.LayersModel,
  own: Sampled,
  others: { label: string; sampled: Sampled }[],
  o: { falseRejection: number; bankPerClass: number; rank: number; probeRank?: number; negatives?: Part },
  ks = [1, 3, 5, 10],
): Promise<OpenSetBuild> {
  const { falseRejection } = o;
  const classes = own.classes.length;
  const bankPart = firstPerClass(own.train, o.bankPerClass);
  const bank = roundTrip(makeBank(bankPart.features, bankPart.labels));
  const otherVal = others.flatMap((x) => x.sampled.validation.features);
  const trials = ks.map((k) => {
    const inside = scoresOf(bank, own.validation.features, k);
    const outside = scoresOf(bank, otherVal, k);
    const threshold = thresholdFor(inside, falseRejection);
    return { k, threshold, rejected: rate(outside, threshold), auroc: auroc(inside, outside) };
  });
  // Most other-collection photos rejected; on a tie the better separation, then the larger k (steadier).
  const best = trials.reduce((a, b) =>
    b.rejected > a.rejected + 1e-9 || (Math.abs(b.rejected - a.rejected) <= 1e-9 && b.auroc >= a.auroc) ? b : a,
  );
  const k = best.k;
  // Rounded up for the card, so the stored threshold rejects no more than the chosen one.
  const threshold = r4(best.threshold + 5e-5);

  // With "something else" photos, a second rule (open-set-else.ts) turns away photos nearer them
  // than the classes; each rule then gets half the false-rejection budget, so that together they
  // reject the stated share of the head's own photos.
  const negatives = o.negatives?.features.length ? o.negatives : undefined;
  const ruleRate = negatives ? falseRejection / 2 : falseRejection;
  const elseBuild = negatives
    ? buildSomethingElse(
        own.train,
        negatives,
        own.validation,
        others.map((x) => x.sampled.validation),
        {
          rate: ruleRate,
          rank: o.probeRank || o.rank,
          classes,
        },
      )
    : undefined;
  const elseMargins = (p: Part) => elseBuild?.margins(p) ?? p.features.map(() => Number.NEGATIVE_INFINITY);
  const otherValElse = others.flatMap((x) => elseMargins(x.sampled.validation));
  // Both feature spaces (unit length or not) fitted; the one rejecting more other-collection
  // validation photos at its rate (with the "something else" rule, by either) is kept (tie: the
  // better separation).
  const fitDensities = (pick: (p: Part) => Float32Array[], rank: number) => {
    const trials = [true, false].map((unitLength) => {
      const t0 = performance.now();
      const fitted = fitDensity(pick(own.train), own.train.labels, rank, unitLength);
      const residualVariance = Number(fitted.residualVariance.toPrecision(6));
      const model = densityRoundTrip(fitted, residualVariance);
      const inside = pick(own.validation).map((f) => densityScore(model, f));
      const outside = others.flatMap((x) => pick(x.sampled.validation)).map((f) => densityScore(model, f));
      const threshold = Number((thresholdFor(inside, ruleRate) + 0.005).toFixed(2));
      const turnedAway = outside.filter((d, i) => d > threshold || otherValElse[i] > 0).length;
      return {
        rank,
        unitLength,
        model,
        residualVariance,
        threshold,
        rejected: turnedAway / Math.max(1, outside.length),
        auroc: auroc(inside, outside),
        fitSeconds: (performance.now() - t0) / 1000,
      };
    });
    const chosen = trials.reduce((a, b) =>
      b.rejected > a.rejected + 1e-9 || (Math.abs(b.rejected - a.rejected) <= 1e-9 && b.auroc > a.auroc) ? b : a,
    );
    return { trials, chosen };
  };
  const { trials: densityTrials, chosen } = fitDensities((p) => p.features, o.rank);
  const density = chosen.model;
  // The stage-3 probe's density, where every part was sampled with probes.
  const probed = [own, ...others.map((x) => x.sampled)].every((x) => x.train.probes && x.validation.probes);
  const probeFit = probed && o.probeRank ? fitDensities((p) => p.probes ?? [], o.probeRank) : undefined;
  const probeDensity = probeFit?.chosen.model;
  const probeOf = (p: Part) =>
    probeDensity && p.probes ? p.probes.map((f) => densityScore(probeDensity, f)) : undefined;
  const densityThreshold = chosen.threshold;
  const densityOf = (rows: Float32Array[]) => rows.map((f) => densityScore(density, f));

  // As the app answers: averaged over the photo and its mirror for a flip-TTA head.
  const probsOf = async (p: Part) => {
    if (!p.features.length) return [];
    const views = p.mirrors ? 2 : 1;
    const flat = new Float32Array(p.features.length * views * DIM);
    p.features.forEach((f, i) => {
      flat.set(f, i * views * DIM);
      if (p.mirrors) flat.set(p.mirrors[i], (i * views + 1) * DIM);
    });
    const out = await averagedProbabilities(head, flat, p.features.length, views, DIM);
    return p.features.map((_, i) => out.slice(i * classes, (i + 1) * classes));
  };
  const valProbs = await probsOf(own.validation);
  const temperature = fitTemperature(valProbs, own.validation.labels);

  // What decides "none of these": the density model or the bank, alone or with the head's doubt
  // (open-set-doubt.ts), by how many other-collection validation photos each rejects at the stated
  // rate (density before bank, less doubt before more, when they are within noise of each other).
  const otherValProbs = (await Promise.all(others.map((x) => probsOf(x.sampled.validation)))).flat();
  const distanceOf = { density: densityOf, bank: (rows: Float32Array[]) => scoresOf(bank, rows, k) };
  const doubtScale = roundedScale(valProbs.map(doubtOf));
  // The density's distance may also count the probe's (two looks at the photo, each on its scale).
  const otherValProbes = probeDensity ? others.flatMap((x) => probeOf(x.sampled.validation) ?? []) : [];
  const valProbes = probeOf(own.validation);
  const probeScale = valProbes ? roundedScale(valProbes) : undefined;
  // Which validation photos the head answers right: a rule may not lower accuracy among those it keeps.
  const valRight = valProbs.map((p, i) => argmax(p) === own.validation.labels[i]);
  const valElse = elseMargins(own.validation);
  const keepsAccuracy = (turnedAway: boolean[]) => {
    const kept = valRight.filter((_, i) => !turnedAway[i]);
    return (
      kept.filter(Boolean).length / Math.max(1, kept.length) >=
      valRight.filter(Boolean).length / Math.max(1, valRight.length)
    );
  };
  const rules = [
    { on: 'density' as const, probe: false },
    ...(probeScale ? [{ on: 'density' as const, probe: true }] : []),
    { on: 'bank' as const, probe: false },
  ];
  const decisionTrials = rules.flatMap(({ on, probe }) => {
    const inside = distanceOf[on](own.validation.features);
    const outside = distanceOf[on](otherVal);
    const distance = roundedScale(inside.filter(Number.isFinite));
    return DOUBT_WEIGHTS.map((weight) => {
      const scored: DoubtSpec = {
        weight,
        distance,
        doubt: doubtScale,
        ...(probe ? { probe: probeScale } : {}),
        threshold: 0,
      };
      const ins = inside.map((d, i) => combinedScore(d, valProbs[i], scored, valProbes?.[i]));
      const outs = outside.map((d, i) => combinedScore(d, otherValProbs[i], scored, otherValProbes[i]));
      // The "something else" rule sits beside the density's: each at its half of the budget.
      const rateHere = on === 'density' ? ruleRate : falseRejection;
      // Rounded up for the card, so the stored threshold rejects no more than the chosen one.
      const doubt: BoundDoubt = { ...scored, on, threshold: r4(thresholdFor(ins, rateHere) + 5e-5) };
      const elseToo = on === 'density' ? otherValElse : undefined;
      const ownElse = on === 'density' ? valElse : undefined;
      return {
        on,
        probe,
        weight,
        doubt,
        rejected:
          outs.filter((x, i) => x > doubt.threshold || (elseToo?.[i] ?? 0) > 0).length / Math.max(1, outs.length),
        auroc: auroc(ins, outs),
        keepsAccuracy: keepsAccuracy(ins.map((x, i) => x > doubt.threshold || (ownElse?.[i] ?? 0) > 0)),
      };
    });
  });
  // The plainest rule (trials are in that order) within one standard error of the best rejection:
  // a larger weight must earn its place by more than the noise of a few hundred photos. Only rules
  // that keep validation accuracy among the photos they accept take part (all, if none does).
  const eligible = decisionTrials.some((t) => t.keepsAccuracy)
    ? decisionTrials.filter((t) => t.keepsAccuracy)
    : decisionTrials;
  const mostRejected = Math.max(...eligible.map((t) => t.rejected));
  const standardError = Math.sqrt((mostRejected * (1 - mostRejected)) / Math.max(1, otherVal.length));
  const decision = eligible.find((t) => t.rejected >= mostRejected - standardError - 1e-9)!;
  // A rule with doubt or the probe is a combined score; the density or the bank alone keeps its own threshold.
  const doubt = decision.weight > 0 || decision.probe ? decision.doubt : undefined;
  const cut = doubt ? doubt.threshold : decision.on === 'density' ? densityThreshold : threshold;
  const somethingElse = decision.on === 'density' ? elseBuild?.spec : undefined;
  /**
   * Each part's margin by the rules chosen, as judge.ts decides in the app: the deciding score less
   * its threshold, or the "something else" rule's margin where that is larger; above 0 is "none of these".
   */
  const decidingScores = (p: Part, probs: Float32Array[]) => {
    const probes = decision.probe ? probeOf(p) : undefined;
    const elseAt = somethingElse ? elseMargins(p) : undefined;
    return distanceOf[decision.on](p.features).map((d, i) =>
      Math.max(
        (doubt ? combinedScore(d, probs[i], doubt, probes?.[i]) : d) - cut,
        elseAt?.[i] ?? Number.NEGATIVE_INFINITY,
      ),
    );
  };

  const heldProbs = await probsOf(own.heldOut);
  const heldScores = decidingScores(own.heldOut, heldProbs);
  const heldRejected = heldScores.map((x) => x > 0);
  const right = heldProbs.map((p, i) => argmax(p) === own.heldOut.labels[i]);
  const acceptedRight = right.filter((r, i) => r && !heldRejected[i]).length;
  const acceptedCount = heldRejected.filter((r) => !r).length;
  const calibrated = heldProbs.map((p) => temper(p, temperature));

  const otherHeld = [];
  for (const x of others)
    otherHeld.push({
      label: x.label,
      scores: decidingScores(x.sampled.heldOut, await probsOf(x.sampled.heldOut)),
    });
  const otherRates = Object.fromEntries(
    otherHeld.map((x) => [x.label, { count: x.scores.length, rejected: r4(rate(x.scores, 0)) }]),
  );
  const otherAll = otherHeld.flatMap((x) => x.scores);
  const rowsPerClass = Array.from({ length: classes }, (_, c) => bankPart.labels.filter((l) => l === c).length);
  const densitySpec: DensitySpec = {
    file: DENSITY_FILE,
    classes: classes + (density.negatives ?? 0),
    dim: DIM,
    rank: o.rank,
    residualVariance: chosen.residualVariance,
    unitLength: chosen.unitLength,
    ...(density.negatives ? { negatives: density.negatives } : {}),
    threshold: densityThreshold,
  };
  const probeSpec: DensitySpec | undefined =
    decision.probe && probeFit
      ? {
          file: PROBE_DENSITY_FILE,
          classes: classes + (probeFit.chosen.model.negatives ?? 0),
          dim: BACKBONE_PROBE.channels,
          rank: probeFit.chosen.rank,
          residualVariance: probeFit.chosen.residualVariance,
          unitLength: probeFit.chosen.unitLength,
          ...(probeFit.chosen.model.negatives ? { negatives: probeFit.chosen.model.negatives } : {}),
          threshold: probeFit.chosen.threshold,
        }
      : undefined;
  // The density file ships only when it decides; otherwise the bank alone does. The probe's only when counted.
  const spec: OpenSetSpec = {
    rows: bank.labels.length,
    dim: DIM,
    k,
    threshold,
    falseRejection,
    temperature: r4(temperature),
    ...(decision.on === 'density' ? { density: densitySpec } : {}),
    ...(probeSpec ? { probe: probeSpec } : {}),
    ...(doubt ? { doubt } : {}),
    ...(somethingElse ? { somethingElse } : {}),
  };
  const densityFileBytes = spec.density ? densityBytes(densitySpec.classes, DIM, o.rank) : 0;
  const probeFileBytes = probeSpec ? densityBytes(probeSpec.classes, probeSpec.dim, probeSpec.rank) : 0;
  const elseFileBytes = somethingElse
    ? densityBytes(somethingElse.density.classes, somethingElse.density.dim, somethingElse.density.rank)
    : 0;
  const bytes = bankBytes(bank.labels.length, DIM);
  const record = {
    method: `${
      spec.density
        ? 'class-conditional Gaussian, shared covariance (top principal directions + one residual variance), on square-rooted features; the kNN bank is for user copies'
        : `mean cosine distance to the ${k} nearest of the bank's training photos (square-rooted features); user copies build on the same bank`
    }${decision.probe ? ", plus the same Gaussian's distance on the backbone's pooled stage-3 features (the probe)" : ''}${
      doubt?.weight ? `, plus ${doubt.weight} × the head's doubt (−ln top probability)` : ''
    }${doubt ? ', each on its validation scale' : ''}${
      somethingElse
        ? `; beside it, photos nearer ${negatives?.labels.length} "something else" photos than the classes (log-likelihood ratio under a shared covariance, on the ${somethingElse.reads === 'probe' ? 'stage-3 probe' : 'features'}) are turned away, each rule at half the false-rejection rate`
        : ''
    }`,
    fitPhotos: own.train.labels.length,
    ...(negatives ? { somethingElsePhotos: negatives.labels.length } : {}),
    rowsPerClass,
    bytes: {
      density: densityFileBytes,
      ...(probeSpec ? { probe: probeFileBytes } : {}),
      ...(somethingElse ? { somethingElse: elseFileBytes } : {}),
      bank: bytes,
      total: densityFileBytes + probeFileBytes + elseFileBytes + bytes,
    },
    chosenOn: {
      validationPhotos: own.validation.labels.length,
      otherValidationPhotos: otherVal.length,
      densityTrials: densityTrials.map(densityTrialRecord),
      ...(probeFit ? { probeTrials: probeFit.trials.map(densityTrialRecord) } : {}),
      ...(elseBuild ? { somethingElseTrials: elseBuild.trials } : {}),
      decisionTrials: decisionTrials.map((t) => ({
        on: t.on,
        ...(t.probe ? { probe: true } : {}),
        doubtWeight: t.weight,
        threshold: t.doubt.threshold,
        otherRejected: r4(t.rejected),
        auroc: r4(t.auroc),
        keepsAccuracy: t.keepsAccuracy,
      })),
      bankTrials: trials.map((t) => ({
        k: t.k,
        threshold: r4(t.threshold),
        otherRejected: r4(t.rejected),
        auroc: r4(t.auroc),
      })),
    },
    heldOut: {
      photos: own.heldOut.labels.length,
      falseRejection: r4(rate(heldScores, 0)),
      otherCollections: otherRates,
      otherRejected: r4(rate(otherAll, 0)),
      auroc: r4(auroc(heldScores, otherAll)),
      top1: r4(right.filter(Boolean).length / Math.max(1, right.length)),
      top1Accepted: r4(acceptedRight / Math.max(1, acceptedCount)),
      ece: r4(calibrationError(heldProbs, own.heldOut.labels)),
      eceCalibrated: r4(calibrationError(calibrated, own.heldOut.labels)),
      note: own.validation.mirrors
        ? 'probabilities averaged over the photo and its mirror (flip TTA), as the app answers; rejectors score the photo'
        : 'single view',
    },
    validation: {
      nll: r4(nll(valProbs, own.validation.labels)),
      nllCalibrated: r4(nll(valProbs, own.validation.labels, temperature)),
      ece: r4(calibrationError(valProbs, own.validation.labels)),
      eceCalibrated: r4(
        calibrationError(
          valProbs.map((p) => temper(p, temperature)),
          own.validation.labels,
        ),
      ),
    },
  };
  return {
    bank,
    spec,
    density,
    ...(probeSpec ? { probe: probeDensity } : {}),
    ...(somethingElse ? { somethingElse: elseBuild?.model } : {}),
    record,
  };
}

const densityTrialRecord = (t: {
  rank: number;
  unitLength: boolean;
  threshold: number;
  rejected: number;
  auroc: number;
  fitSeconds: number;
}) => ({
  rank: t.rank,
  unitLength: t.unitLength,
  threshold: t.threshold,
  otherRejected: r4(t.rejected),
  auroc: r4(t.auroc),
  fitSeconds: Number(t.fitSeconds.toFixed(1)),
});

/** Per-class sample sizes for a collection of `classes` classes: the same photos whichever head reads it. */
export function perClassSizes(classes: number, totals: SampleSizes, withTrain: boolean) {
  return {
    trainPerClass: withTrain ? Math.floor(Math.max(totals.fitRows, totals.bankRows) / classes) : 0,
    validationPerClass: Math.ceil(totals.validation / classes),
    heldOutPerClass: Math.ceil(totals.heldOut / classes),
  };
}

interface HeadCardFile {
  classes: string[];
  training: { data: string; seed: number };
  openSet?: unknown;
  photoSide?: number;
  tta?: string;
}
const cardOf = async (dir: string) => JSON.parse(await readFile(join(dir, 'card.json'), 'utf8')) as HeadCardFile;
const refOf = (card: HeadCardFile, classes?: string[]): CollectionRef => ({
  dir: card.training.data,
  seed: card.training.seed,
  classes,
});

/** "ID[:class+class]": `rows` training-split photos of that bundled head's collection, spread evenly over its classes. */
async function somethingElsePhotos(
  entry: string,
  totals: SampleSizes,
  photoSide: number | undefined,
  workers: number | undefined,
): Promise<Part> {
  const [id, cls] = entry.split(':');
  const card = await cardOf(join('models', 'heads', id));
  const classes = cls?.split('+');
  const perClass = Math.floor(totals.negativeRows / (classes ?? card.classes).length);
  const sizes = { trainPerClass: perClass, validationPerClass: 0, heldOutPerClass: 0 };
  const sampled = await sampleCollection(refOf(card, classes), sizes, workers, photoSide, 1, totals.probeRank > 0);
  return sampled.train;
}

/**
 * Builds the open-set data of the head in `dir` (its card names its data and seed) and writes
 * open-set.bin and card.openSet. `others`: "ID[:class+class],…" bundled heads whose collections
 * the head should reject (their own seeded splits, so held-out photos are never training photos).
 * `negatives`: "ID[:class+class]", a collection whose training-split photos the density models
 * may also learn as "something else" (kept only where validation says it helps).
 */
export async function writeOpenSet(
  dir: string,
  head: tf.LayersModel,
  o: { others?: string; negatives?: string; totals: SampleSizes; falseRejection: number; workers?: number },
): Promise<Record<string, unknown>> {
  const card = await cardOf(dir);
  // A flip-TTA head answers from the photo and its mirror: its probabilities here do the same.
  const views = card.tta === 'flip' ? 2 : 1;
  const own = await sampleCollection(
    refOf(card),
    perClassSizes(card.classes.length, o.totals, true),
    o.workers,
    undefined,
    views,
    o.totals.probeRank > 0,
  );
  const others = [];
  for (const entry of (o.others ?? '').split(',').filter(Boolean)) {
    const [id, cls] = entry.split(':');
    const c = await cardOf(join('models', 'heads', id));
    const classes = cls?.split('+');
    // Other collections' photos as this head sees a photo: thumbnails for a thumbnail-trained head.
    const sampled = await sampleCollection(
      refOf(c, classes),
      perClassSizes(c.classes.length, o.totals, false),
      o.workers,
      card.photoSide,
      views,
      o.totals.probeRank > 0,
    );
    others.push({ label: cls ? `${id} (${classes?.join(', ')})` : id, sampled });
  }
  // "Something else": training-split photos of another collection (its validation and held-out
  // photos, which the trials and the rates use, are never among them), seen as this head sees photos.
  const negatives = o.negatives
    ? await somethingElsePhotos(o.negatives, o.totals, card.photoSide, o.workers)
    : undefined;
  const { bank, spec, density, probe, somethingElse, record } = await buildOpenSet(head, own, others, {
    negatives,
    falseRejection: o.falseRejection,
    bankPerClass: Math.floor(o.totals.bankRows / card.classes.length),
    rank: o.totals.rank,
    probeRank: o.totals.probeRank,
  });
  await writeFile(join(dir, OPEN_SET_FILE), encodeBank(bank));
  // The density file ships only when it decides (a head deciding by its bank alone carries none).
  if (spec.density) await writeFile(join(dir, DENSITY_FILE), encodeDensity(density));
  else await rm(join(dir, DENSITY_FILE), { force: true });
  if (spec.probe && probe) await writeFile(join(dir, PROBE_DENSITY_FILE), encodeDensity(probe));
  else await rm(join(dir, PROBE_DENSITY_FILE), { force: true });
  if (spec.somethingElse && somethingElse)
    await writeFile(join(dir, SOMETHING_ELSE_FILE), encodeDensity(somethingElse));
  else await rm(join(dir, SOMETHING_ELSE_FILE), { force: true });
  const openSet = { file: OPEN_SET_FILE, ...spec, ...record, builtAt: new Date().toISOString() };
  await writeFile(join(dir, 'card.json'), `${JSON.stringify({ ...card, openSet }, null, 2)}\n`);
  return openSet;
}
