import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatasetId } from '../../src/ml/digits/datasets';
import type { MlpCard } from '../../src/ml/digits/mlp-card';
import { evaluate } from '../../src/ml/digits/mlp-training';
import { DEFAULT_SOURCE } from '../../training/lib/args';
import { readSourceSplit } from '../../training/lib/idx-source';
import { loadModel } from '../../training/lib/model-files';
import { initNodeTf } from '../../training/lib/node-tf';

beforeAll(async () => {
  await initNodeTf();
});

/** The committed models must reach their targets on the official test sets, as their cards say. */
describe.each([
  ['mnist', 'models/mnist-mlp', 0.985],
  ['fashion', 'models/fashion-mlp', 0.895],
] as [DatasetId, string, number][])('bundled %s MLP', (dataset, dir, target) => {
  it(`scores ≥ ${target * 100}% on the 10,000 test images, matching its card`, async () => {
    const card = JSON.parse(readFileSync(`${dir}/card.json`, 'utf8')) as MlpCard;
    const model = await loadModel(dir);
    const test = await readSourceSplit(DEFAULT_SOURCE, dataset, 'test');
    const { accuracy } = await evaluate(model, test);
    model.dispose();
    expect(accuracy).toBeGreaterThanOrEqual(target);
    expect(accuracy).toBeCloseTo(card.metrics.testAccuracy!, 3);
    expect(card.input.shape).toEqual([-1, 784]);
  });
});
