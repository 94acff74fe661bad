/** Training a user classifier's head on its stored samples, and corrections from Classify that retrain it. */
import type { ClassifierTrainCallbacks, ClassifierTrainingReport } from '../contract/ml-api';
import { UserError } from '../ml/core/errors';
import { perClassAccuracy } from '../ml/core/metrics';
import { compareWithInUse } from '../ml/core/model-versions';
import { stratifiedSplit } from '../ml/core/split';
import { headFromParts, headToBundleParts } from '../ml/formats/head-bundle';
import { BACKBONE_FEATURE_SIZE } from '../ml/photos/backbone-spec';
import { headAccuracy } from '../ml/photos/bundled-heads';
import {
  type ClassifierProject,
  MIN_SAMPLES_PER_CLASS,
  NEGATIVE_CLASS_ID,
  projectIdOf,
  type TrainingRecord,
  userModelId,
} from '../ml/photos/classifier-project';
import {
  evaluateHead,
  type LabelledFeatures,
  selectSamples,
  trainHead,
  userHeadConfig,
  VALIDATION_FRACTION,
} from '../ml/photos/head-training';
import { EVAL_VIEWS, SAMPLE_VIEWS } from '../ml/photos/sample-views';
import { requireMatchingFeatures } from './backbone-match';
import { fitClassifierOpenSet, negativeFeatures } from './classifier-open-set';
import { addSamples, createClassifier } from './classifier-session';
import type { SampleRecord } from './classifier-store';
import { loadHead } from './head-cache';
import { keepHead } from './head-versions';
import { featuresReady, holdFeatures } from './sample-features';
import { store } from './store';
import { tf } from './tf-browser';

/** All samples as training rows: classes in project order, every sample with the same view count. */
function asFeatures(
  project: ClassifierProject,
  samples: SampleRecord[],
  dim: number,
): LabelledFeatures & { ids: string[] } {
  const views = SAMPLE_VIEWS;
  const kept = samples.filter((x) => project.classes.some((c) => c.id === x.classId));
  const features = new Float32Array(kept.length * views * dim);
  kept.forEach((x, k) => {
    const f = new Float32Array(x.features);
    // An imported sample may carry fewer views: repeat its photo view.
    for (let v = 0; v < views; v++) {
      const from = (v < x.views ? v : 0) * dim;
      features.set(f.subarray(from, from + dim), (k * views + v) * dim);
    }
  });
  const labels = Uint8Array.from(kept, (x) => project.classes.findIndex((c) => c.id === x.classId));
  return { features, labels, views, dim, ids: kept.map((x) => x.id) };
}

/** Which photos are held out for validation: fixed, so that every training is measured on the same ones. */
const SPLIT_SEED = 1;
/** Trainings whose head was worse and not put in use this session: the next one starts from another seed. */
let trainingsNotKept = 0;
/** Test hook (?test): the next classifier training ends with a useless head, to check that it does not replace a better one. */
let spoilNext = false;
export const spoilNextTrainingForTest = () => {
  spoilNext = true;
};

/**
 * Trains (or continues training) the classifier's head on its stored samples, holding out a
 * seeded 20% of each class for validation when every class has enough photos.
 */
export async function trainClassifierHead(
  id: string,
  callbacks: ClassifierTrainCallbacks = {},
  signal?: AbortSignal,
  backendName = tf.getBackend(),
): Promise<ClassifierTrainingReport> {
  // Never trains on missing features: waits for every photo's own view, then holds the background
  // queue (its backbone passes would slow every batch); a mirror or crop not ready yet is stood in
  // for by the photo view, as for an imported photo.
  await featuresReady(id, 'first', callbacks.onWaiting, signal);
  const release = holdFeatures();
  try {
    return await trainReady(id, callbacks, signal, backendName);
  } finally {
    release();
  }
}

async function trainReady(
  id: string,
  callbacks: ClassifierTrainCallbacks,
  signal: AbortSignal | undefined,
  backendName: string,
): Promise<ClassifierTrainingReport> {
  const started = performance.now();
  const s = await store();
  const project = await s.getProject(id);
  const counts = await s.sampleCounts(id);
  const filled = project.classes.filter((c) => (counts.get(c.id) ?? 0) > 0);
  const stored = (await s.samples(id)).filter((x) => x.views > 0); // a photo whose features failed waits for a later visit
  requireMatchingFeatures(stored, project.name);
  const negatives = negativeFeatures(stored, BACKBONE_FEATURE_SIZE);
  // A user copy whose only corrections are "something else": its head stays, its rejector learns them.
  if (project.basedOn && !filled.length && negatives.length)
    return rejectorOnly(project, negatives, started, backendName);
  // A user copy of a bundled model already knows every class: a few corrections are enough.
  if (project.classes.length < 2 || (!project.basedOn && filled.length < project.classes.length) || !filled.length) {
    throw new UserError(
      'not-enough-samples',
      'Every class needs at least one photo, and a classifier needs at least two classes, before it can learn.',
    );
  }
  const dim = BACKBONE_FEATURE_SIZE;
  const all = asFeatures(project, stored, dim);
  const classes = project.classes.length;
  const canValidate = project.classes.every((c) => (counts.get(c.id) ?? 0) >= MIN_SAMPLES_PER_CLASS);
  const seed = project.history.length + 1 + trainingsNotKept;
  // The same photos stay held out from one training to the next (a new split each time made
  // "train again" swing 100% → 75% → 100% on 4 photos), so the head in use is compared fairly.
  const [trainIdx, validationIdx] = canValidate
    ? stratifiedSplit(all.labels, [VALIDATION_FRACTION], SPLIT_SEED)
    : [Array.from(all.labels.keys()), []];

  // Continue from the saved head when the classes are unchanged; a user copy of a bundled model starts from it.
  const saved = await s.getHead(id);
  let initial: tf.LayersModel | null = null;
  // Loaded here from the saved head (disposed here), or the bundled head from the shared cache (not ours to dispose).
  const ownsInitial = !!saved && saved.classIds.join() === project.classes.map((c) => c.id).join();
  if (ownsInitial) initial = await headFromParts(saved);
  else if (project.basedOn) initial = (await loadHead(project.basedOn)).model;
  const fineTuneOnly = !!project.basedOn && !canValidate && !!initial;
  const config = userHeadConfig({ seed, fineTune: !!project.basedOn, fineTuneOnly, canValidate });

  const { model, result, warmStarted } = await trainHead(selectSamples(all, trainIdx), {
    config,
    classes,
    validation: canValidate
      ? selectSamples(all, validationIdx, 1)
      : fineTuneOnly
        ? selectSamples(all, trainIdx, 1)
        : null,
    initial,
    callbacks: { onEpoch: callbacks.onEpoch, onBatch: callbacks.onBatch, signal, yieldEvery: 1 },
  });
  // The head in use: the saved one for these classes, or for a fresh copy the bundled head it copies.
  const inUseHead = ownsInitial || (project.basedOn && !saved) ? initial : null;
  try {
    if (spoilNext) {
      spoilNext = false;
      tf.tidy(() => {
        for (const w of model.trainableWeights) w.write(tf.zerosLike(w.read()));
      });
    }
    const measuredOn = canValidate ? 'validation' : 'training';
    const evalIdx = canValidate ? validationIdx : trainIdx;
    const evalSet = selectSamples(all, evalIdx, EVAL_VIEWS);
    const evaluation = await evaluateHead(model, evalSet, classes);
    const inUseAccuracy =
      inUseHead && inUseHead.outputs[0].shape[1] === classes
        ? (await evaluateHead(inUseHead, evalSet, classes)).accuracy
        : null;
    const comparison = compareWithInUse(evaluation.accuracy, inUseAccuracy, evalIdx.length);
    const cells: string[][][] = project.classes.map(() => project.classes.map(() => []));
    evalIdx.forEach((i, k) => cells[all.labels[i]][evaluation.predictions[k]].push(all.ids[i]));
    const seconds = (performance.now() - started) / 1000;
    const record: TrainingRecord = {
      at: new Date().toISOString(),
      samples: all.labels.length,
      epochs: result.history.length,
      validationAccuracy: canValidate ? evaluation.accuracy : null,
      seconds,
      backend: backendName,
      warmStarted,
    };
    let decision: ClassifierTrainingReport['decision'] = { comparison, adopted: false, versionId: '' };
    if (!result.stopped || result.history.length) {
      const openSet = await fitClassifierOpenSet({
        project,
        all,
        negatives,
        validationIdx,
        canValidate,
        model,
        splitSeed: SPLIT_SEED,
      });
      const parts = { ...(await headToBundleParts(model)), ...(openSet ? { openSet } : {}) };
      const classIds = project.classes.map((c) => c.id);
      decision = await keepHead(id, parts, classIds, record, comparison, saved);
      if (!decision.adopted) trainingsNotKept++;
    }
    return {
      history: result.history,
      stopped: result.stopped,
      accuracy: evaluation.accuracy,
      measuredOn,
      confusion: evaluation.confusion,
      perClass: perClassAccuracy(evaluation.confusion),
      cells,
      classes: project.classes.map((c) => c.name),
      seconds,
      samples: all.labels.length,
      warmStarted,
      backend: backendName,
      decision,
    };
  } finally {
    model.dispose();
    if (ownsInitial) initial?.dispose();
  }
}

/**
 * A user copy whose corrections are all "something else": the bundled head is kept as it is (no
 * class photo to learn from) and only its rejector is rebuilt, with the new negatives.
 */
async function rejectorOnly(
  project: ClassifierProject,
  negatives: Float32Array[],
  started: number,
  backendName: string,
): Promise<ClassifierTrainingReport> {
  const s = await store();
  const bundled = await loadHead(project.basedOn!);
  const dim = BACKBONE_FEATURE_SIZE;
  const none: LabelledFeatures = { features: new Float32Array(0), labels: new Uint8Array(0), views: SAMPLE_VIEWS, dim };
  const openSet = await fitClassifierOpenSet({
    project,
    all: none,
    negatives,
    validationIdx: [],
    canValidate: false,
    model: bundled.model,
    splitSeed: SPLIT_SEED,
  });
  const saved = await s.getHead(project.id);
  const classes = project.classes.length;
  const accuracy = headAccuracy(bundled.card) ?? 0;
  const seconds = (performance.now() - started) / 1000;
  const record: TrainingRecord = {
    at: new Date().toISOString(),
    samples: 0,
    epochs: 0,
    validationAccuracy: null,
    seconds,
    backend: backendName,
    warmStarted: true,
  };
  // Same weights as the head in use: never "worse", so the new rejector always goes in use.
  const comparison = compareWithInUse(accuracy, saved ? accuracy : null, 0);
  const parts = { ...(await headToBundleParts(bundled.model)), ...(openSet ? { openSet } : {}) };
  const decision = await keepHead(
    project.id,
    parts,
    project.classes.map((c) => c.id),
    record,
    comparison,
    saved,
  );
  const confusion = project.classes.map(() => new Array<number>(classes).fill(0));
  return {
    history: [],
    stopped: false,
    accuracy,
    measuredOn: 'validation',
    confusion,
    perClass: perClassAccuracy(confusion),
    cells: project.classes.map(() => project.classes.map(() => [])),
    classes: project.classes.map((c) => c.name),
    seconds,
    samples: 0,
    warmStarted: true,
    backend: backendName,
    decision,
  };
}

/** The user's copy of a bundled model, made on first correction with the bundled classes. */
async function userCopyOf(bundledId: string): Promise<ClassifierProject> {
  const s = await store();
  const existing = (await s.listProjects()).find((p) => p.basedOn === bundledId);
  if (existing) return existing;
  const { card } = await loadHead(bundledId);
  return createClassifier(`${card.title} (mine)`, card.classes, bundledId);
}

export async function correctClassification(
  image: Blob | ImageBitmap,
  modelId: string,
  className: string | null,
): Promise<{ modelId: string; report: ClassifierTrainingReport }> {
  const projectId = projectIdOf(modelId);
  // The ImageNet top is a plain 1000-way layer, not a head this app can fine-tune.
  if (modelId === 'imagenet')
    throw new UserError(
      'not-found',
      'The general model cannot be corrected. Make your own classifier in Teach instead.',
    );
  const s = await store();
  const project = projectId ? await s.getProject(projectId) : await userCopyOf(modelId);
  // null: "Something else", kept as a negative example that the rejector learns.
  const target = className === null ? { id: NEGATIVE_CLASS_ID } : project.classes.find((c) => c.name === className);
  if (!target) throw new UserError('not-found', `“${className}” is not one of this model's classes.`);
  const added = await addSamples(project.id, target.id, [image]);
  if (!added.added.length)
    throw new UserError('bad-image', added.failed[0]?.message ?? 'This photo could not be added.');
  const report = await trainClassifierHead(project.id);
  // Worse than the model in use on the same photos: the one in use stays (the copy's earlier head, or the bundled one).
  const kept = report.decision.adopted || (await s.getHead(project.id));
  return { modelId: kept ? userModelId(project.id) : modelId, report };
}
