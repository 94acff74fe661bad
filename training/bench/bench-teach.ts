/**
 * npm run bench:teach -- [--source DIR] [--classes daisy,dandelion,rose] [--per-class 100] [--photos 8] [--only app|node]
 * First, in the production build (dist/, built beforehand; teach-timing.ts): seconds per photo from
 * choosing `--photos` gallery photos until each shows, until it can be trained on (its photo view,
 * one backbone pass) and until all its views are ready, cold (backbone loading on the way) and warm.
 * Then what the Teach section does on a phone, measured in Node on the same code: each photo through
 * the backbone with its augmented views (sampleViews), then the on-device head settings
 * (userHeadConfig, seeded 20% validation split). Reports time per photo added, training time,
 * validation accuracy, and accuracy on every other photo of those classes (never trained on).
 * Features are cached (.cache/features/), so a second run measures training only.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { stratifiedSplit } from '../../src/ml/core/split';
import { BACKBONE_ID, BACKBONE_FEATURE_SIZE as DIM } from '../../src/ml/photos/backbone-spec';
import {
  evaluateHead,
  type LabelledFeatures,
  selectSamples,
  trainHead,
  userHeadConfig,
  VALIDATION_FRACTION,
} from '../../src/ml/photos/head-training';
import { EVAL_VIEWS, SAMPLE_VIEWS, sampleViews } from '../../src/ml/photos/sample-views';
import { cliArgs, DEFAULT_SOURCE } from '../lib/args';
import { backboneVersion, loadBackbone } from '../lib/backbone-node';
import { extractFeatures, FEATURE_CACHE_ROOT } from '../lib/extract-features';
import { FeatureCache } from '../lib/feature-cache';
import { hashRef, listImages, loadRef } from '../lib/image-sources';
import { initNodeTf, tf } from '../lib/node-tf';
import { meanGap, measureTeachPhotos } from './teach-timing';

const { flags } = cliArgs({
  strings: ['source', 'classes', 'per-class', 'photos', 'only'],
  usage: 'npm run bench:teach -- [--source DIR] [--classes a,b,c] [--per-class N] [--photos 8] [--only app|node]',
});
const source = typeof flags.source === 'string' ? flags.source : DEFAULT_SOURCE;
const wanted = (typeof flags.classes === 'string' ? flags.classes : 'daisy,dandelion,rose').split(',');
const perClass = Number(typeof flags['per-class'] === 'string' ? flags['per-class'] : 100);

const only = typeof flags.only === 'string' ? flags.only : '';
const photoCount = Number(typeof flags.photos === 'string' ? flags.photos : 8);

if (only !== 'node') {
  const photos = (name: string) =>
    readdirSync(join(source, 'flowers5', 'train', name))
      .sort()
      .slice(0, photoCount)
      .map((f) => join(source, 'flowers5', 'train', name, f));
  const t = await measureTeachPhotos([photos(wanted[0]), photos(wanted[1])]);
  const mean = (xs: number[]) => Number((xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(2));
  const perPhoto = (xs: number[]) => Number((Math.max(...xs) / xs.length).toFixed(2));
  console.log(`Teach in the app (${t.backend}), ${t.photos} gallery photos at once, seconds from choosing them:`);
  for (const [name, r] of [
    ['cold (backbone loads on the way)', t.cold],
    ['warm', t.warm],
  ] as const) {
    console.log(`  ${name}:`);
    console.log(`    visible:                  ${r.visible.join(' ')} (mean ${mean(r.visible)})`);
    console.log(
      `    usable (photo view):      ${r.usable.join(' ')} (mean ${mean(r.usable)}, ${perPhoto(r.usable)} s per photo, mean gap ${meanGap(r.usable)} s)`,
    );
    console.log(
      `    worker, photo view:       backbone pass ${r.passMs} ms, one photo stored every ${r.workerGapMs} ms`,
    );
    console.log(
      `    all views ready:          ${r.ready.join(' ')} (mean ${mean(r.ready)}, ${perPhoto(r.ready)} s per photo)`,
    );
  }
  console.log(JSON.stringify({ app: t }));
  if (only === 'app') process.exit(0);
}

await initNodeTf('wasm');
const all = listImages(join(source, 'flowers5', 'train'));
const cache = new FeatureCache(FEATURE_CACHE_ROOT, `${BACKBONE_ID}-${await backboneVersion()}-teach`, DIM);
const backbone = await loadBackbone();
let backboneSeconds = 0;
let computed = 0;

/** The Teach section's stored features for one photo (SAMPLE_VIEWS vectors). */
async function teachFeatures(i: number): Promise<Float32Array> {
  const ref = all.refs[i];
  const hash = await hashRef(ref);
  const out = new Float32Array(SAMPLE_VIEWS * DIM);
  if (Array.from({ length: SAMPLE_VIEWS }, (_, v) => cache.has(hash, v)).every(Boolean)) {
    for (let v = 0; v < SAMPLE_VIEWS; v++) out.set((await cache.get(hash, v))!, v * DIM);
    return out;
  }
  const t = performance.now();
  const f = await backbone.features(
    sampleViews(await loadRef(ref), backbone.size, parseInt(hash.slice(0, 8), 16)),
    SAMPLE_VIEWS,
  );
  backboneSeconds += (performance.now() - t) / 1000;
  computed++;
  for (let v = 0; v < SAMPLE_VIEWS; v++) await cache.set(hash, v, f.subarray(v * DIM, (v + 1) * DIM));
  return f;
}

function select(pick: (c: number, k: number) => boolean) {
  const idx: number[] = [];
  const labels: number[] = [];
  const seen = new Map<number, number>();
  all.labels.forEach((l, i) => {
    const c = wanted.indexOf(all.classes[l]);
    if (c < 0) return;
    const k = seen.get(c) ?? 0;
    seen.set(c, k + 1);
    if (!pick(c, k)) return;
    idx.push(i);
    labels.push(c);
  });
  return { idx, labels: Uint8Array.from(labels) };
}

async function collect(pick: (c: number, k: number) => boolean): Promise<LabelledFeatures> {
  const { idx, labels } = select(pick);
  const features = new Float32Array(idx.length * SAMPLE_VIEWS * DIM);
  for (let j = 0; j < idx.length; j++) {
    features.set(await teachFeatures(idx[j]), j * SAMPLE_VIEWS * DIM);
    if ((j + 1) % 50 === 0) console.log(`  features ${j + 1}/${idx.length}`);
  }
  return { features, labels, views: SAMPLE_VIEWS, dim: DIM };
}

/** The photo and its mirror (what classification uses), from the train:head feature cache. */
async function evalFeatures(pick: (c: number, k: number) => boolean): Promise<LabelledFeatures> {
  const { idx, labels } = select(pick);
  const got = await extractFeatures({ ...all, refs: idx.map((i) => all.refs[i]), labels }, { views: EVAL_VIEWS });
  return { features: got.features, labels, views: EVAL_VIEWS, dim: DIM };
}

const taught = await collect((_, k) => k < perClass);
const rest = await evalFeatures((_, k) => k >= perClass);
const [trainIdx, validationIdx] = stratifiedSplit(taught.labels, [VALIDATION_FRACTION], 1);
const t0 = performance.now();
const { model, result } = await trainHead(selectSamples(taught, trainIdx), {
  config: userHeadConfig({ seed: 1, fineTune: false, fineTuneOnly: false, canValidate: true }),
  classes: wanted.length,
  validation: selectSamples(taught, validationIdx, 1),
});
const trainSeconds = (performance.now() - t0) / 1000;
const validation = await evaluateHead(model, selectSamples(taught, validationIdx, EVAL_VIEWS), wanted.length);
const heldOut = await evaluateHead(
  model,
  selectSamples(rest, Array.from(rest.labels.keys()), EVAL_VIEWS),
  wanted.length,
);
const figures = {
  classes: wanted,
  photosPerClass: perClass,
  backend: tf.getBackend(),
  secondsPerPhotoAdded: computed ? Number((backboneSeconds / computed).toFixed(2)) : null,
  trainingSeconds: Number(trainSeconds.toFixed(1)),
  epochs: result.history.length,
  validationAccuracy: Number(validation.accuracy.toFixed(4)),
  heldOutAccuracy: Number(heldOut.accuracy.toFixed(4)),
  heldOutPhotos: rest.labels.length,
};
console.log(`Teach, ${wanted.length} classes × ${perClass} photos (${wanted.join(', ')}), ${figures.backend}:`);
console.log(
  `  adding a photo (backbone, ${SAMPLE_VIEWS} views): ${figures.secondsPerPhotoAdded ?? 'cached'} s · training: ${figures.trainingSeconds} s, ${figures.epochs} epochs`,
);
console.log(
  `  validation ${(validation.accuracy * 100).toFixed(1)}% · held out (${rest.labels.length} other photos of these classes) ${(heldOut.accuracy * 100).toFixed(1)}%`,
);
console.log(JSON.stringify(figures));
model.dispose();
