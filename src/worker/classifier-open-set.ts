/**
 * "None of these" for a Teach classifier, rebuilt with every (re)train: its rejector from the
 * stored sample features (its classes' photos and the "something else" ones) and a temperature
 * fitted on its validation photos. A user copy of a bundled model adds its photos to the bundled
 * bank and keeps the bundled threshold.
 */
import { stratifiedSplit } from '../ml/core/split';
import { fitTemperature } from '../ml/photos/calibration';
import type { ClassifierProject } from '../ml/photos/classifier-project';
import { NEGATIVE_CLASS_ID } from '../ml/photos/classifier-project';
import { type LabelledFeatures, selectSamples, VALIDATION_FRACTION } from '../ml/photos/head-training';
import { NEGATIVE } from '../ml/photos/open-set';
import { isOpenSetSpec, type StoredOpenSet } from '../ml/photos/open-set-bank';
import { fitRejector, storedOpenSet, USER_FALSE_REJECTION } from '../ml/photos/open-set-fit';
import { EVAL_VIEWS } from '../ml/photos/sample-views';
import { averagedProbabilities } from '../ml/photos/tta';
import type { SampleRecord } from './classifier-store';
import { loadHead } from './head-cache';
import { bundledBank } from './open-sets';
import type { tf } from './tf-browser';

/** The "something else" photos' view-0 features. */
export const negativeFeatures = (samples: SampleRecord[], dim: number): Float32Array[] =>
  samples
    .filter((x) => x.classId === NEGATIVE_CLASS_ID && x.views > 0)
    .map((x) => new Float32Array(x.features, 0, dim).slice());

export async function fitClassifierOpenSet(o: {
  project: ClassifierProject;
  /** Class photos as trained (labels in class order). */
  all: LabelledFeatures;
  negatives: Float32Array[];
  validationIdx: number[];
  canValidate: boolean;
  /** The head just trained: the temperature is fitted on its validation probabilities. */
  model: tf.LayersModel;
  splitSeed: number;
}): Promise<StoredOpenSet | undefined> {
  const { all, negatives } = o;
  const dim = all.dim;
  const rows = Array.from(all.labels, (_, i) => all.features.slice(i * all.views * dim, i * all.views * dim + dim));
  const negLabels = new Uint8Array(negatives.length);
  // "Something else" photos are counted in validation too (the same fraction, seeded).
  const negValidation =
    o.canValidate && negatives.length >= 5
      ? stratifiedSplit(negLabels, [VALIDATION_FRACTION], o.splitSeed)[1].map((i) => rows.length + i)
      : [];
  const samples = {
    features: [...rows, ...negatives],
    labels: [...Array.from(all.labels), ...negatives.map(() => NEGATIVE)],
    validation: o.canValidate ? [...o.validationIdx, ...negValidation] : [],
  };
  let temperature = 1;
  if (o.canValidate && o.validationIdx.length) {
    const val = selectSamples(all, o.validationIdx, EVAL_VIEWS);
    const flat = await averagedProbabilities(o.model, val.features, val.labels.length, val.views, dim);
    const classes = flat.length / val.labels.length;
    const probs = Array.from(val.labels, (_, i) => flat.subarray(i * classes, (i + 1) * classes));
    temperature = fitTemperature(probs, Array.from(val.labels));
  }
  if (o.project.basedOn) {
    const { card } = await loadHead(o.project.basedOn);
    const base = await bundledBank(o.project.basedOn, card);
    // Without the bundled bank (not downloaded) a copy's few photos cannot stand for its classes.
    if (!base || !isOpenSetSpec(card.openSet)) return undefined;
    const fitted = fitRejector(samples, { base, baseThreshold: card.openSet.threshold, k: card.openSet.k });
    const t = o.canValidate ? temperature : card.openSet.temperature;
    return storedOpenSet(fitted, t, card.openSet.falseRejection);
  }
  return storedOpenSet(fitRejector(samples), temperature, USER_FALSE_REJECTION);
}
