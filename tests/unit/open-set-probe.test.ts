/**
 * The backbone's stage-3 probe (backbone.ts) and the bundled Flowers head that counts it: CIFAR
 * pictures, which sit close to flower photos in the last stage's features, are turned away by the
 * CLI (the same judge.ts as the app) while flower photos it never trained on are answered.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { BACKBONE_PROBE } from '../../src/ml/photos/backbone-spec';
import type { HeadCard } from '../../src/ml/photos/bundled-heads';
import { preprocessResnet } from '../../src/ml/photos/resnet-preprocess';
import { loadBackbone } from '../../training/lib/backbone-node';
import { decodeImageFile } from '../../training/lib/decode-image';
import { initNodeTf } from '../../training/lib/node-tf';
import { heldOutPhotos } from '../browser/held-out';

beforeAll(async () => {
  await initNodeTf();
});

describe('the stage-3 probe', () => {
  it('comes from the same pass: the features are unchanged, the probe is 512 pooled ReLU outputs', async () => {
    const backbone = await loadBackbone();
    const photo = preprocessResnet(
      await decodeImageFile('../shared/data/cats-dogs/train/cat/cat.1.jpg'),
      backbone.size,
    );
    const plain = await backbone.features(photo, 1);
    const { features, probe } = await backbone.featuresWithProbe(photo, 1);
    expect(features).toHaveLength(plain.length);
    let worst = 0;
    for (let i = 0; i < plain.length; i++) worst = Math.max(worst, Math.abs(features[i] - plain[i]));
    expect(worst).toBeLessThan(1e-4);
    expect(probe).toHaveLength(BACKBONE_PROBE.channels);
    expect(Math.min(...probe)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...probe)).toBeGreaterThan(0);
    backbone.dispose();
  }, 60_000);
});

type Line = { file: string; verdict?: string };
const classify = (model: string, files: string[]): Line[] =>
  execFileSync(
    process.execPath,
    ['--import', 'tsx', 'training/cli/classify.ts', '--model', model, '--json', ...files],
    {
      encoding: 'utf8',
    },
  )
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l));

describe('Flowers counts the probe (npm run classify -- --json)', () => {
  const card: HeadCard = JSON.parse(readFileSync('models/heads/flowers5/card.json', 'utf8'));

  it('ships the probe it counts', () => {
    expect(card.openSet?.probe?.dim).toBe(BACKBONE_PROBE.channels);
    expect(card.openSet?.doubt?.probe).toBeDefined();
  });

  it('turns away CIFAR pictures and answers flower photos, all never trained on', async () => {
    const cifar = await heldOutPhotos('cifar10', 2); // 20: two of each CIFAR class
    const flowers = await heldOutPhotos('flowers5', 4); // 20: four of each flower
    const none = (lines: Line[]) => lines.filter((l) => l.verdict === 'none').length;
    expect(
      none(
        classify(
          'flowers5',
          cifar.map((p) => p.path),
        ),
      ),
    ).toBeGreaterThanOrEqual(18);
    expect(
      none(
        classify(
          'flowers5',
          flowers.map((p) => p.path),
        ),
      ),
    ).toBeLessThanOrEqual(1);
  }, 180_000);
});
