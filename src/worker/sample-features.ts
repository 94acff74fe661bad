/**
 * Backbone features of Teach photos, computed in the background after the photo is stored and
 * shown: every queued photo's own view first, then their mirrors and jittered crops (feature-queue.ts).
 * Each stage is written as it finishes, so a reload keeps what was done; what was not is queued
 * again when the classifier is next opened. Training waits for the photo views and holds the
 * queue while it runs; export waits for every view.
 */
import type { FeatureJobTiming, FeatureProgress } from '../contract/ml-api';
import { UserError } from '../ml/core/errors';
import { asSeenBy } from '../ml/photos/resnet-preprocess';
import { FIRST_VIEWS, SAMPLE_VIEWS, sampleViews } from '../ml/photos/sample-views';
import { backboneVariant, prepareBackbone } from './backbone-cache';
import { type FeatureKind, isFeatureKind, redoneFromThumbnail } from './classifier-records';
import { imageBlob } from './classifier-store';
import { engineReady } from './engine';
import { type FeatureJob, FeatureQueue, type FeatureStage } from './feature-queue';
import { bundledPhotoSide } from './head-cache';
import { photoPixels } from './photo-input';
import { store } from './store';

const queue = new FeatureQueue();
let running = false;
/** Training holds the queue (the backbone would slow every batch); counted, so holds can overlap. */
let holds = 0;
let released: (() => void) | null = null;
/** The last jobs' timings, for `npm run bench` (a few numbers each; the oldest are dropped). */
let timings: FeatureJobTiming[] = [];

export function takeFeatureTimings(): FeatureJobTiming[] {
  const out = timings;
  timings = [];
  return out;
}

/** Woken after every job (waiters check their condition again). */
let listeners: (() => void)[] = [];

const notify = () => {
  const now = listeners;
  listeners = [];
  for (const l of now) l();
};
const changed = () => new Promise<void>((resolve) => listeners.push(resolve));

/** What a sample with `views` ready still needs. */
const stagesFor = (views: number): FeatureStage[] =>
  views < FIRST_VIEWS ? ['first', 'crops'] : views < SAMPLE_VIEWS ? ['crops'] : [];

/** Queues a sample's missing views and makes sure the queue runs. */
export function queueFeatures(projectId: string, sampleId: string, views = 0): void {
  queue.add(projectId, sampleId, stagesFor(views));
  void drain();
}

/** Queues again the samples of a classifier left unfinished (by a reload, a closed tab, a failure). */
export async function resumeFeatures(projectId: string): Promise<void> {
  const s = await store();
  for (const sample of await s.unfinishedSamples(projectId, await featureKind(projectId)))
    if (!queue.has(sample.id)) queueFeatures(projectId, sample.id, sample.views);
}

/** How this classifier's photos are seen: this device's photo model; a copy of CIFAR-10 as 32 px thumbnails. */
async function featureKind(projectId: string): Promise<FeatureKind> {
  const seenAs = await bundledPhotoSide((await (await store()).getProject(projectId)).basedOn);
  return { backbone: backboneVariant(), ...(seenAs ? { seenAs } : {}) };
}

export function dropFeatures(sampleIds: string[]): void {
  queue.remove(sampleIds);
  notify();
}

export function dropProjectFeatures(projectId: string): void {
  queue.removeProject(projectId);
  notify();
}

export function featureProgress(projectId: string): FeatureProgress {
  return queue.round(projectId);
}

/**
 * Resolves when none of the classifier's photos lacks its photo view (`'first'`) or any view
 * (`'all'`), telling `onWaiting` how many photos it waits for whenever that changes.
 */
export async function featuresReady(
  projectId: string,
  need: 'first' | 'all',
  onWaiting?: (photos: number) => void,
  signal?: AbortSignal,
): Promise<void> {
  await resumeFeatures(projectId);
  let told = -1;
  for (;;) {
    const r = queue.round(projectId);
    const left = need === 'first' ? r.preparing.length : r.preparing.length + r.finishing.length;
    if (!left) return;
    if (left !== told) onWaiting?.((told = left));
    if (signal?.aborted) throw new UserError('cancelled', 'Stopped before training started.');
    await Promise.race([changed(), new Promise((resolve) => signal?.addEventListener('abort', resolve))]);
  }
}

/** Pauses the queue until the returned function is called (training). */
export function holdFeatures(): () => void {
  holds++;
  let done = false;
  return () => {
    if (done) return;
    done = true;
    if (--holds === 0) released?.();
  };
}

async function drain(): Promise<void> {
  if (running) return;
  running = true;
  try {
    for (;;) {
      if (holds) await new Promise<void>((resolve) => (released = resolve));
      const job = queue.take();
      if (!job) break;
      queue.finish(job, await run(job));
      notify();
    }
  } finally {
    running = false;
  }
}

/** Computes one stage of one sample; false if the sample is gone or its photo could not be read. */
async function run(job: FeatureJob): Promise<boolean> {
  const started = performance.now();
  try {
    const s = await store();
    const sample = await s.sample(job.sampleId);
    if (!sample) return false;
    await engineReady();
    const backbone = await prepareBackbone();
    const kind = await featureKind(job.projectId);
    // Views made another way (photo model variant, photo side) are not appended to: this stage redoes them all from view 0.
    const redo = sample.views > 0 && !isFeatureKind(sample, kind);
    const to = job.stage === 'first' ? FIRST_VIEWS : SAMPLE_VIEWS;
    const from = redo ? 0 : job.stage === 'first' ? 0 : FIRST_VIEWS;
    if (!redo && sample.views >= to) return true;
    // A finished photo (source gone) of a copy of a thumbnail head is redone from its thumbnail.
    const photo = sample.source ?? (redoneFromThumbnail(sample, kind) ? sample.thumbnail : undefined);
    if (!photo) return false;
    // A copy of a thumbnail-trained bundled head (CIFAR-10) learns from photos as that head sees them.
    const pixels = asSeenBy(await photoPixels(imageBlob(photo), backbone.size), kind.seenAs);
    const views = sampleViews(pixels, backbone.size, sample.seed ?? 0, from, to);
    const passStarted = performance.now();
    const features = await backbone.features(views, to - from);
    const passMs = performance.now() - passStarted;
    const stored = await s.appendFeatures(job.sampleId, from, to - from, features, to === SAMPLE_VIEWS, kind);
    const endedAt = performance.now();
    timings = [
      ...timings.slice(-63),
      { stage: job.stage, views: to - from, passMs, jobMs: endedAt - started, endedAt },
    ];
    return stored;
  } catch (e) {
    console.warn('Teach: the features of a photo could not be computed; it is queued again on the next visit.', e);
    return false;
  }
}
