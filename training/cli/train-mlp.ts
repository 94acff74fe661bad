/**
 * npm run train:mlp -- --dataset mnist|fashion [--epochs N] [--seed S] [--out DIR] [--source DIR]
 *   [--hidden 1024,512] [--dropout 0.3] [--optimizer adam] [--lr 0.001] [--batch 128] [--shift 2] [--flip]
 * Trains with the same src/ml loop as the browser and prints per-epoch figures.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DATASETS, isDatasetId } from '../../src/ml/digits/datasets';
import { head } from '../../src/ml/digits/grey-image-set';
import { buildMlp, type MlpConfig } from '../../src/ml/digits/mlp';
import { recommendedMlp } from '../../src/ml/digits/mlp-presets';
import { mlpCard } from '../../src/ml/digits/mlp-run-card';
import { evaluate, trainMlp } from '../../src/ml/digits/mlp-training';
import { cliArgs, DEFAULT_SOURCE } from '../lib/args';
import { readSourceSplit } from '../lib/idx-source';
import { saveModel } from '../lib/model-files';
import { initNodeTf } from '../lib/node-tf';

const { flags } = cliArgs({
  strings: [
    'dataset',
    'hidden',
    'dropout',
    'optimizer',
    'lr',
    'batch',
    'epochs',
    'seed',
    'shift',
    'source',
    'limit',
    'out',
  ],
  booleans: ['flip'],
  usage:
    'npm run train:mlp -- [--dataset mnist|fashion] [--hidden 256,128] [--epochs N] [--lr X] [--batch N] [--dropout X] [--optimizer adam|sgd] [--seed S] [--shift N] [--flip] [--limit N] [--source DIR] [--out DIR]',
});
const dataset = flags.dataset ?? 'mnist';
if (!isDatasetId(dataset)) {
  console.error(`Unknown --dataset "${dataset}": use mnist or fashion.`);
  process.exit(2);
}
const info = DATASETS[dataset];
const num = (k: string) => (typeof flags[k] === 'string' ? Number(flags[k]) : undefined);
const preset = recommendedMlp(dataset);
const config: MlpConfig = {
  ...preset,
  hidden: typeof flags.hidden === 'string' ? flags.hidden.split(',').map(Number) : preset.hidden,
  dropout: num('dropout') ?? preset.dropout,
  optimizer: (flags.optimizer as MlpConfig['optimizer']) ?? preset.optimizer,
  learningRate: num('lr') ?? preset.learningRate,
  batchSize: num('batch') ?? preset.batchSize,
  epochs: num('epochs') ?? preset.epochs,
  seed: num('seed') ?? preset.seed,
  shift: num('shift') ?? preset.shift,
  flip: flags.flip === undefined ? preset.flip : flags.flip === true || flags.flip === 'true',
};
const source = typeof flags.source === 'string' ? flags.source : DEFAULT_SOURCE;
const limit = num('limit');
const out = typeof flags.out === 'string' ? flags.out : join('models', info.modelId);

const tf = await initNodeTf();
const train = await readSourceSplit(source, dataset, 'train');
const test = await readSourceSplit(source, dataset, 'test');
const trainSet = limit ? head(train, limit) : train;
console.log(`${info.title}: ${trainSet.count} train, ${test.count} test, backend ${tf.getBackend()}`);
console.log(`config ${JSON.stringify(config)}`);

const model = buildMlp(config);
const result = await trainMlp(model, trainSet, null, config, {
  onEpoch: async (r) => {
    const t = await evaluate(model, test);
    console.log(
      `epoch ${r.epoch + 1}/${r.epochs}  loss ${r.loss.toFixed(4)}  acc ${(r.accuracy * 100).toFixed(2)}%  ` +
        `test acc ${(t.accuracy * 100).toFixed(2)}%  lr ${r.learningRate.toExponential(2)}  ${r.seconds.toFixed(1)} s`,
    );
  },
});
const final = await evaluate(model, test);
const card = mlpCard({
  dataset,
  config,
  history: result.history,
  trainCount: trainSet.count,
  testAccuracy: final.accuracy,
  testCount: test.count,
  backend: tf.getBackend(),
  where: 'cli',
  dataChecksums: train.checksums,
});
console.log(
  `test accuracy ${(final.accuracy * 100).toFixed(2)}% on ${test.count}; ${card.training.secondsPerEpoch} s/epoch`,
);
await saveModel(model, out);
await writeFile(join(out, 'card.json'), `${JSON.stringify(card, null, 2)}\n`);
console.log(`saved ${out}`);
model.dispose();
