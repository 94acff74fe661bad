import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeRng } from '../../src/ml/core/random';
import { stratifiedSplit } from '../../src/ml/core/split';
import { runTrainingLoop } from '../../src/ml/core/train-loop';
import { featureData } from '../../src/ml/core/training-data';
import { BACKBONE_FEATURE_SIZE as DIM } from '../../src/ml/photos/backbone-spec';
import { buildHead, DEFAULT_HEAD } from '../../src/ml/photos/head';
import { crossValidate } from '../../src/ml/photos/head-training';
import { accuracyWithViews } from '../../src/ml/photos/tta';
import { extractFeatures } from '../../training/lib/extract-features';
import { type LabelledImages, listImages } from '../../training/lib/image-sources';
import { initNodeTf, tf } from '../../training/lib/node-tf';

const PER_CLASS = 24;

/** The first photos of each class of the shared cats-vs-dogs set. */
function smallCatsDogs(): LabelledImages {
  const all = listImages('../shared/data/cats-dogs/train');
  const keep = [0, 1].flatMap((c) =>
    Array.from(all.labels.keys())
      .filter((i) => all.labels[i] === c)
      .slice(0, PER_CLASS),
  );
  return { ...all, refs: keep.map((i) => all.refs[i]), labels: Uint8Array.from(keep, (i) => all.labels[i]) };
}

beforeAll(async () => {
  await initNodeTf();
});

describe('a head on frozen ResNet50 features', () => {
  it('learns cats vs dogs from 16 photos per class, and cached features are reused', async () => {
    const images = smallCatsDogs();
    const cacheRoot = mkdtempSync(join(tmpdir(), 'pv-head-'));
    const first = await extractFeatures(images, { views: 1, cacheRoot });
    expect(first.computed).toBe(2 * PER_CLASS);
    expect(first.failed).toEqual([]);
    const again = await extractFeatures(images, { views: 1, cacheRoot });
    expect(again.computed).toBe(0);
    expect(Array.from(again.features.subarray(0, 16))).toEqual(Array.from(first.features.subarray(0, 16)));

    const [trainIdx, heldIdx] = stratifiedSplit(images.labels, [1 / 3], 5);
    const pick = (idx: number[]) => ({
      features: Float32Array.from(idx.flatMap((i) => Array.from(first.features.subarray(i * DIM, (i + 1) * DIM)))),
      labels: Uint8Array.from(idx, (i) => images.labels[i]),
    });
    const train = pick(trainIdx);
    const held = pick(heldIdx);
    const before = tf.memory().numTensors;
    const head = buildHead({ ...DEFAULT_HEAD, epochs: 30 }, DIM, 2);
    const untrained = await accuracyWithViews(head, held.features, held.labels, 1, DIM, 2);
    await runTrainingLoop(head, 2, featureData(train.features, DIM, train.labels), null, {
      ...DEFAULT_HEAD,
      epochs: 30,
      augment: false,
    });
    const trained = await accuracyWithViews(head, held.features, held.labels, 1, DIM, 2);
    console.log(
      `head: held-out accuracy ${untrained} untrained → ${trained} after training on ${trainIdx.length} photos`,
    );
    expect(trained).toBeGreaterThanOrEqual(0.9);
    head.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('cross-validates: every sample predicted once by a head that never saw it', async () => {
    const n = 80;
    const dim = 64;
    const rng = makeRng(3);
    const labels = Uint8Array.from({ length: n }, (_, i) => i % 2);
    // Two views per sample, like photo + mirror: the class shifts the first 8 dimensions.
    const features = Float32Array.from({ length: n * 2 * dim }, (_, k) => {
      const i = Math.floor(k / (2 * dim));
      const d = k % dim;
      return rng() + (d < 8 && labels[i] === 1 ? 1.5 : 0);
    });
    const config = { ...DEFAULT_HEAD, hidden: [], inputDropout: 0, epochs: 60, patience: undefined };
    const separable = await crossValidate({ features, labels, views: 2, dim }, { config, classes: 2, folds: 4 });
    expect(separable.folds).toBe(4);
    expect(separable.count).toBe(n);
    expect(separable.accuracy).toBeGreaterThan(0.9);
    // Labels that carry no signal: a head can learn them by heart, but not predict unseen ones.
    const shuffled = Uint8Array.from({ length: n }, () => (rng() < 0.5 ? 0 : 1));
    const noise = await crossValidate(
      { features, labels: shuffled, views: 2, dim },
      { config: { ...config, hidden: [128] }, classes: 2, folds: 4 },
    );
    console.log(`cross-validation: ${separable.accuracy} on separable data, ${noise.accuracy} on shuffled labels`);
    expect(noise.accuracy).toBeLessThan(0.75);
  });
});
