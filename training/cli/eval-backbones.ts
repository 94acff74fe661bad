/**
 * npm run eval:backbones -- [--heads cats-dogs,flowers5,cifar10] [--runs float16,uint8,float16@160,float16@112]
 *   [--max-held-out N] [--views 1|2] [--workers 1] [--write]
 *
 * Every bundled head (trained on float16 224 px features) on the features of each backbone variant
 * and input side, on the held-out photos its card was measured on (train:head's seeded split, so
 * the same images, never trained on). 224 px runs use the card's views (flip TTA); smaller sides are
 * for live mode, which answers without TTA, so they use one view and are compared with float16 at
 * 224 px without TTA. `--max-held-out` takes an evenly spaced share of a large held-out set (CIFAR).
 * `--views 1` measures 224 px runs without TTA too (half the work). `--write` records the figures in
 * each head's card under metrics.byBackbone, next to those of earlier runs on the same images.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type BackboneInputSize,
  type BackboneVariant,
  backboneFolder,
  BACKBONE_FEATURE_SIZE as DIM,
  isBackboneInputSize,
  isBackboneVariant,
} from '../../src/ml/photos/backbone-spec';
import { evaluateHead, type LabelledFeatures, trainHeadSplit } from '../../src/ml/photos/head-training';
import { cliArgs } from '../lib/args';
import { resizedBackbone } from '../lib/backbone-sizes';
import { extractFeatures } from '../lib/extract-features';
import { listImages } from '../lib/image-sources';
import { loadModel } from '../lib/model-files';
import { initNodeTf } from '../lib/node-tf';

interface Run {
  variant: BackboneVariant;
  size: BackboneInputSize;
}

const { flags } = cliArgs({
  strings: ['heads', 'runs', 'max-held-out', 'workers', 'views'],
  booleans: ['write'],
  usage: 'npm run eval:backbones -- [--heads a,b] [--runs float16,uint8,float16@160] [--max-held-out N] [--write]',
});
const list = (k: string, fallback: string) =>
  (typeof flags[k] === 'string' ? (flags[k] as string) : fallback).split(',');
const heads = list('heads', 'cats-dogs,flowers5,cifar10');
const runs: Run[] = list('runs', 'float16,uint8').map((r) => {
  const [variant, side = '224'] = r.split('@');
  const size = Number(side);
  if (!isBackboneVariant(variant) || !isBackboneInputSize(size)) {
    console.error(`--runs: "${r}" is not variant[@size] (float16|uint8, 224|160|112).`);
    process.exit(2);
  }
  return { variant, size };
});
const maxHeldOut = typeof flags['max-held-out'] === 'string' ? Number(flags['max-held-out']) : Infinity;
const workers = typeof flags.workers === 'string' ? Number(flags.workers) : 1;
const viewsFlag = typeof flags.views === 'string' ? Number(flags.views) : undefined;

const label = (r: Run) => (r.size === 224 ? r.variant : `${r.variant}@${r.size}`);
const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

await initNodeTf();
for (const id of heads) {
  const dir = join('models', 'heads', id);
  const card = JSON.parse(await readFile(join(dir, 'card.json'), 'utf8'));
  const { data, views: cardViews, seed } = card.training as { data: string; views: number; seed: number };
  const images = listImages(data);
  const [, , heldOut] = trainHeadSplit(images.labels, seed);
  // Evenly spaced, so a capped set keeps the stratified split's class balance.
  const step = Math.max(1, heldOut.length / Math.min(maxHeldOut, heldOut.length));
  const picked = Array.from({ length: Math.floor(heldOut.length / step) }, (_, k) => heldOut[Math.floor(k * step)]);
  const subset = {
    ...images,
    refs: picked.map((i) => images.refs[i]),
    labels: Uint8Array.from(picked, (i) => images.labels[i]),
  };
  const head = await loadModel(dir);
  const classes = images.classes.length;
  console.log(`${id}: ${picked.length} of ${heldOut.length} held-out images`);

  const results: Record<
    string,
    { images: number; accuracy?: number; accuracyWithoutTta: number; answersChanged?: number }
  > = {};
  // Answers (without TTA) that differ from float16 at 224 px on the same image: a paired measure,
  // finer than the difference of two accuracies.
  const predictions = new Map<string, Uint8Array>();
  for (const run of runs) {
    const views = run.size === 224 ? Math.min(viewsFlag ?? cardViews, cardViews) : 1;
    const backboneDir =
      run.size === 224 ? join('models', backboneFolder(run.variant)) : await resizedBackbone(run.variant, run.size);
    const t0 = performance.now();
    const got = await extractFeatures(subset, {
      views,
      workers,
      backboneDir,
      onProgress: (done, total) => {
        if (done % 100 < 8 || done === total)
          console.log(`  ${label(run)} features ${done}/${total}  ${((performance.now() - t0) / 1000).toFixed(0)} s`);
      },
    });
    if (got.failed.length) throw new Error(`${got.failed.length} held-out images could not be read.`);
    const set: LabelledFeatures = { features: got.features, labels: subset.labels, views, dim: DIM };
    const single: LabelledFeatures = views > 1 ? { ...set, features: firstView(set), views: 1 } : set;
    const evaluation = await evaluateHead(head, single, classes);
    const withoutTta = evaluation.accuracy;
    predictions.set(label(run), evaluation.predictions);
    const accuracy = views > 1 ? (await evaluateHead(head, set, classes)).accuracy : undefined;
    const reference = predictions.get('float16');
    const changed =
      reference && label(run) !== 'float16'
        ? evaluation.predictions.filter((p, i) => p !== reference[i]).length
        : undefined;
    results[label(run)] = {
      images: picked.length,
      ...(accuracy !== undefined && { accuracy: round(accuracy) }),
      accuracyWithoutTta: round(withoutTta),
      ...(changed !== undefined && { answersChanged: changed }),
    };
    console.log(
      `  ${label(run).padEnd(12)} ${accuracy !== undefined ? `${pct(accuracy)} with flip TTA, ` : ''}${pct(withoutTta)} without` +
        `${changed !== undefined ? `, ${changed}/${picked.length} answers differ from float16` : ''}  (${got.computed} computed)`,
    );
  }
  head.dispose();

  if (flags.write) {
    const earlier: Record<string, { images?: number }> = card.metrics.byBackbone ?? {};
    // A run on another number of images keeps the earlier figure and is stored as "label/images".
    const keyed = Object.entries(results).map(([k, r]) => [
      earlier[k]?.images !== undefined && earlier[k].images !== r.images ? `${k}/${r.images}` : k,
      r,
    ]);
    card.metrics.byBackbone = {
      ...earlier,
      note:
        'This head (trained on float16 224 px features) on each backbone variant (float16, uint8) and input side ' +
        '(@160, @112: live mode), on an evenly spaced share of its held-out images (`images`), one view, no TTA; ' +
        '`answersChanged`: answers that differ from float16 at 224 px on the same images. Measured by npm run eval:backbones.',
      ...Object.fromEntries(keyed),
      measuredAt: new Date().toISOString(),
    };
    await writeFile(join(dir, 'card.json'), `${JSON.stringify(card, null, 2)}\n`);
  }
}

/** View 0 of every sample (the photo as is, no mirror). */
function firstView(set: LabelledFeatures): Float32Array {
  const n = set.labels.length;
  const out = new Float32Array(n * set.dim);
  for (let i = 0; i < n; i++)
    out.set(set.features.subarray(i * set.views * set.dim, i * set.views * set.dim + set.dim), i * set.dim);
  return out;
}

function round(x: number): number {
  return Number(x.toFixed(4));
}
