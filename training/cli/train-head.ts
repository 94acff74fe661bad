/**
 * npm run train:head -- --data DIR --out DIR [--epochs N] [--seed S] [--id ID] [--title T]
 *   [--hidden 512 | 0] [--dropout 0.5] [--lr 0.001] [--views 2] [--limit-per-class N] [--workers N] [--folds K]
 * Trains a classifier head on frozen ResNet50 features (cached on disk) with the shared loop,
 * holds out a stratified 15% it never trains on, and reports accuracy there (with flip TTA).
 * `--folds K` also cross-validates the same settings over every image (a steadier figure for small sets).
 * Then, as `npm run open-set:head` does for a head already trained, it writes what "None of these"
 * needs (open-set.bin, card.openSet): `--others ID[:class+class],…` names the collections to
 * measure rejection on, `--false-rejection` the rate on validation (default 1%), `--no-open-set` skips it.
 */
import { writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { sha256Hex } from '../../src/ml/core/bytes';
import { BACKBONE_ID, BACKBONE_FEATURE_SIZE as DIM } from '../../src/ml/photos/backbone-spec';
import { ttaFields } from '../../src/ml/photos/bundled-heads';
import { CIFAR_SIDE } from '../../src/ml/photos/cifar';
import { DEFAULT_HEAD, type HeadConfig } from '../../src/ml/photos/head';
import {
  type CrossValidation,
  crossValidate,
  evaluateHead,
  type LabelledFeatures,
  selectSamples,
  trainHead,
  trainHeadSplit,
} from '../../src/ml/photos/head-training';
import { cliArgs } from '../lib/args';
import { backboneVersion } from '../lib/backbone-node';
import { extractFeatures } from '../lib/extract-features';
import { listImages } from '../lib/image-sources';
import { saveModel } from '../lib/model-files';
import { initNodeTf } from '../lib/node-tf';
import { DEFAULT_TOTALS, writeOpenSet } from '../lib/open-set-build';

const { flags } = cliArgs({
  strings: [
    'data',
    'id',
    'title',
    'out',
    'hidden',
    'dropout',
    'input-dropout',
    'lr',
    'epochs',
    'seed',
    'views',
    'folds',
    'workers',
    'limit-per-class',
    'others',
    'false-rejection',
  ],
  booleans: ['no-open-set'],
  usage:
    'npm run train:head -- --data DIR [--id ID] [--title TEXT] [--out DIR] [--epochs N] [--seed S] [--hidden N,…] [--views N] [--folds N] [--workers N]',
});
const str = (k: string) => (typeof flags[k] === 'string' ? (flags[k] as string) : undefined);
const num = (k: string) => (str(k) !== undefined ? Number(str(k)) : undefined);
const data = str('data');
if (!data) {
  console.error('Usage: npm run train:head -- --data DIR --out DIR [--epochs N] [--seed S]');
  process.exit(2);
}
const id = str('id') ?? basename(data.replace(/\/(train)?\/?$/, ''));
const out = str('out') ?? join('models', 'heads', id);
const views = num('views') ?? 2;
const config: HeadConfig = {
  ...DEFAULT_HEAD,
  // `--hidden 0`: no hidden layer (a linear head on the features).
  hidden:
    str('hidden') !== undefined
      ? str('hidden')!
          .split(',')
          .map(Number)
          .filter((n) => n > 0)
      : DEFAULT_HEAD.hidden,
  dropout: num('dropout') ?? DEFAULT_HEAD.dropout,
  inputDropout: num('input-dropout') ?? DEFAULT_HEAD.inputDropout,
  learningRate: num('lr') ?? DEFAULT_HEAD.learningRate,
  epochs: num('epochs') ?? DEFAULT_HEAD.epochs,
  seed: num('seed') ?? DEFAULT_HEAD.seed,
  l2: num('l2') ?? DEFAULT_HEAD.l2,
};

const tf = await initNodeTf();
const images = listImages(data);
const limit = num('limit-per-class');
if (limit) {
  const kept: number[] = [];
  const seen = new Map<number, number>();
  images.labels.forEach((l, i) => {
    const n = seen.get(l) ?? 0;
    if (n < limit) kept.push(i);
    seen.set(l, n + 1);
  });
  images.refs = kept.map((i) => images.refs[i]);
  images.labels = Uint8Array.from(kept, (i) => images.labels[i]);
}
console.log(`${id}: ${images.refs.length} images in ${images.classes.length} classes (${images.classes.join(', ')})`);

const t0 = performance.now();
const extracted = await extractFeatures(images, {
  views,
  workers: num('workers'),
  onProgress: (done, total) => {
    if (done % 200 < 8 || done === total)
      console.log(`  features ${done}/${total}  ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  },
});
console.log(
  `features: ${extracted.computed} computed, ${images.refs.length - extracted.computed} from cache, ${extracted.failed.length} unreadable`,
);

const usable = new Set(Array.from(images.labels.keys()).filter((i) => !extracted.failed.includes(i)));
const usableIdx = [...usable];
const all: LabelledFeatures = {
  features: selectSamples({ features: extracted.features, labels: images.labels, views, dim: DIM }, usableIdx).features,
  labels: Uint8Array.from(usableIdx, (i) => images.labels[i]),
  views,
  dim: DIM,
};
const [trainPart, validationPart, holdoutPart] = trainHeadSplit(all.labels, config.seed);
const classes = images.classes.length;

const { model: head, result } = await trainHead(selectSamples(all, trainPart), {
  config,
  classes,
  validation: selectSamples(all, validationPart),
  callbacks: {
    onEpoch: (r) =>
      console.log(
        `epoch ${r.epoch + 1}/${r.epochs}  loss ${r.loss.toFixed(4)}  acc ${(r.accuracy * 100).toFixed(2)}%  val ${((r.valAccuracy ?? 0) * 100).toFixed(2)}%  ${r.seconds.toFixed(1)} s`,
      ),
  },
});
const heldOut = (await evaluateHead(head, selectSamples(all, holdoutPart), classes)).accuracy;
const heldOutNoTta = (await evaluateHead(head, selectSamples(all, holdoutPart, 1), classes)).accuracy;
const valAcc = (await evaluateHead(head, selectSamples(all, validationPart), classes)).accuracy;
console.log(
  `held-out accuracy ${(heldOut * 100).toFixed(2)}% with flip TTA, ${(heldOutNoTta * 100).toFixed(2)}% without (${holdoutPart.length} images never trained on)`,
);

let crossValidated: CrossValidation | undefined;
const folds = num('folds');
if (folds && folds > 1) {
  crossValidated = await crossValidate(all, { config, classes, folds });
  console.log(
    `${folds}-fold cross-validated accuracy ${(crossValidated.accuracy * 100).toFixed(2)}% with flip TTA, ${(crossValidated.accuracyWithoutTta * 100).toFixed(2)}% without (${crossValidated.count} images, each predicted by a head that never saw it)`,
  );
}

const card = {
  id,
  title: str('title') ?? id,
  task: 'image-head',
  classes: images.classes,
  backbone: { id: BACKBONE_ID, version: await backboneVersion() },
  input: {
    shape: [-1, DIM],
    dtype: 'float32',
    description: 'ResNet50 avg_pool features (see models/resnet50/card.json)',
  },
  // Learnt from 32 px thumbnails: the app and the CLI shrink a photo to one before asking this head.
  ...(images.kind === 'cifar' ? { photoSide: CIFAR_SIDE } : {}),
  output: { description: `${classes} softmax probabilities in class order` },
  architecture: { type: 'head', ...config },
  training: {
    data: data,
    dataKind: images.kind,
    dataChecksum: await sha256Hex(new TextEncoder().encode([...extracted.hashes].sort().join('\n'))),
    counts: {
      train: trainPart.length,
      validation: validationPart.length,
      heldOut: holdoutPart.length,
      unreadable: extracted.failed.length,
    },
    views,
    epochs: result.history.length,
    earlyStopped: result.converged,
    seed: config.seed,
    trainedAt: new Date().toISOString(),
    where: 'cli',
  },
  metrics: {
    heldOutAccuracy: Number(heldOut.toFixed(4)),
    heldOutAccuracyWithoutTta: Number(heldOutNoTta.toFixed(4)),
    validationAccuracy: Number(valAcc.toFixed(4)),
    heldOutCount: holdoutPart.length,
    ...(crossValidated && {
      crossValidated: {
        folds: crossValidated.folds,
        count: crossValidated.count,
        accuracy: Number(crossValidated.accuracy.toFixed(4)),
        accuracyWithoutTta: Number(crossValidated.accuracyWithoutTta.toFixed(4)),
      },
    }),
  },
  ...ttaFields(views > 1 ? 'flip' : 'none'),
  confidenceThreshold: 0.5,
};
await saveModel(head, out);
await writeFile(join(out, 'card.json'), `${JSON.stringify(card, null, 2)}\n`);
console.log(`saved ${out}`);
if (flags['no-open-set'] !== true) {
  // The same seeded split as above: the bank comes from training photos, the threshold from validation ones.
  const openSet = await writeOpenSet(out, head, {
    others: str('others'),
    totals: DEFAULT_TOTALS,
    falseRejection: num('false-rejection') ?? 0.01,
    workers: num('workers'),
  });
  console.log(`open set: ${JSON.stringify(openSet.heldOut)}`);
}
head.dispose();
tf.disposeVariables();
