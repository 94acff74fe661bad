/**
 * npm run open-set:head -- --head ID [--others ID[:class+class],…] [--false-rejection 0.01]
 *   [--bank-rows 240] [--validation 160] [--held-out 160] [--workers N]
 * (The shipped heads: cats-dogs --others flowers5,cifar10:airplane+automobile+ship+truck --validation 100;
 * flowers5 --others cats-dogs,cifar10 --validation 300; cifar10 --others flowers5 --validation 300;
 * all with --held-out 100 --bank-rows 240, the rates in each card.)
 * Builds what "None of these" needs for an existing bundled head without retraining it: a float16
 * feature bank (models/heads/ID/open-set.bin), k, threshold and temperature chosen on the head's
 * own validation split (the seeded split in its card), and the rates measured on held-out photos
 * (its own and other heads' collections), written into card.json under `openSet`.
 */
import { join } from 'node:path';
import { cliArgs } from '../lib/args';
import { loadModel } from '../lib/model-files';
import { initNodeTf } from '../lib/node-tf';
import { type SampleSizes, writeOpenSet } from '../lib/open-set-build';

const { flags } = cliArgs({
  strings: ['head', 'others', 'false-rejection', 'bank-rows', 'validation', 'held-out', 'workers'],
  usage: 'npm run open-set:head -- --head ID [--others ID[:class+class],…] [--false-rejection 0.01]',
});
const str = (k: string) => (typeof flags[k] === 'string' ? (flags[k] as string) : undefined);
const num = (k: string, d: number) => (str(k) !== undefined ? Number(str(k)) : d);
const headId = str('head');
if (!headId) {
  console.error('Usage: npm run open-set:head -- --head ID [--others ID[:class+class],…]');
  process.exit(2);
}
const totals: SampleSizes = {
  bankRows: num('bank-rows', 240),
  validation: num('validation', 160),
  heldOut: num('held-out', 160),
};
const falseRejection = num('false-rejection', 0.01);
const workers = str('workers') ? Number(str('workers')) : undefined;

await initNodeTf();
const dir = join('models', 'heads', headId);
const head = await loadModel(dir);
const openSet = await writeOpenSet(dir, head, { others: str('others'), totals, falseRejection, workers });
console.log(JSON.stringify(openSet, null, 2));
