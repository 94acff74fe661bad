/**
 * The reader's caps (src/ml/formats/classifier-bundle-limits.ts) leave room for the largest file
 * the app can legitimately write: 1,000 training photos with 4 views, thumbnails and a 200-
 * character name per class, plus a 4 MB extra part (an fp16 open-set feature bank).
 */
import { readFileSync } from 'node:fs';
import { strToU8, zipSync } from 'fflate';
import { expect, it } from 'vitest';
import { type BundleSample, readClassifierBundle, writeClassifierBundle } from '../../src/ml/formats/classifier-bundle';
import { unzipBounded } from '../../src/ml/formats/classifier-bundle-zip';
import { BACKBONE_ID, BACKBONE_FEATURE_SIZE as DIM } from '../../src/ml/photos/backbone-spec';
import { SAMPLE_VIEWS } from '../../src/ml/photos/sample-views';
import { bundleFromHeadDir } from '../../training/lib/head-bundle-files';

const JPEG = Uint8Array.from({ length: 5000 }, (_, i) => (i < 2 ? [0xff, 0xd8][i] : (i * 7919) % 251));

it('an export with 1,000 samples round-trips, and a 4 MB extra part unzips', async () => {
  const real = await bundleFromHeadDir('models/heads/cats-dogs');
  // One view each but the first (the caps on parts are far above 4 views' 32 KB; this keeps the test quick).
  const views = (i: number) => (i === 0 ? SAMPLE_VIEWS : 1);
  const samples: BundleSample[] = Array.from({ length: 1000 }, (_, i) => ({
    classIndex: i % 2,
    views: views(i),
    features: Float32Array.from({ length: views(i) * DIM }, (_, j) => (i * 31 + j) % 97),
    thumbnail: JPEG,
    addedAt: '2026-11-01T10:00:00.000Z',
  }));
  const classes = ['c'.repeat(200), 'd'.repeat(200)];
  const bytes = await writeClassifierBundle({ ...real, card: { ...real.card, classes }, samples });
  const back = await readClassifierBundle(bytes, {
    backboneId: BACKBONE_ID,
    backboneVersion: real.card.backbone.version,
    featureDim: DIM,
  });
  expect(back.samples).toHaveLength(1000);
  expect(back.samples![999].features).toEqual(samples[999].features);

  const bank = new Uint8Array(readFileSync('models/heads/cats-dogs/weights.bin').subarray(0, 4 * 1024 * 1024));
  const parts = unzipBounded(zipSync({ 'manifest.json': strToU8('{}'), 'openset/bank.f16': bank }), 200 * 2 ** 20);
  // Buffer.equals: toEqual walks 4 MB one element at a time.
  expect(Buffer.from(parts.get('openset/bank.f16')!).equals(bank)).toBe(true);
});
