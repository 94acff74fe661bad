/**
 * npm run open-set:head -- --head ID [--others ID[:class+class],…] [--false-rejection 0.01]
 *   [--fit-rows 1000] [--rank 128] [--probe-rank 64 (0: none)] [--negatives ID[:class+class]]
 *   [--negative-rows 500] [--bank-rows 110] [--validation 300] [--held-out 500] [--workers N]
 * The shipped heads, run once each:
 *   npm run open-set:head -- --head cats-dogs --others flowers5,cifar10:airplane+automobile+ship+truck --workers 2
 *   npm run open-set:head -- --head flowers5 --others cats-dogs,cifar10 --validation 500 --rank 64 --workers 2
 *   npm run open-set:head -- --head cifar10 --others flowers5 --negatives flowers5 --rank 64 --workers 2
 * (flowers5 has 346 validation photos: --validation 500 takes them all; --rank 64 keeps the
 * download within 1 MB with the probe's file.)
 * Builds what "None of these" needs for an existing bundled head without retraining it: the
 * density rejector (open-set-density.ts: class means and shared covariance fitted on --fit-rows
 * training photos, threshold at the stated false-rejection rate on the head's own validation
 * split, the seeded split in its card; feature space chosen on validation), the same on the
 * backbone's stage-3 probe (backbone.ts), a small float16 kNN bank (models/heads/ID/open-set.bin)
 * that user copies of the head build on, whether the probe and the head's doubt count too
 * (open-set-doubt.ts, chosen on validation), the temperature (on probabilities averaged over photo
 * and mirror for a flip-TTA head, as the app answers), and the rates measured once on held-out
 * photos (its own and other heads' collections), written into card.json under `openSet`. Other
 * collections' validation and held-out photos are only measured, never fitted on; --negatives
 * lets the density models learn one collection's training-split photos as "something else".
 */
import { join } from 'node:path';
import { cliArgs } from '../lib/args';
import { loadModel } from '../lib/model-files';
import { initNodeTf } from '../lib/node-tf';
import { DEFAULT_TOTALS, type SampleSizes, writeOpenSet } from '../lib/open-set-build';

const { flags } = cliArgs({
  strings: [
    'head',
    'others',
    'false-rejection',
    'bank-rows',
    'fit-rows',
    'rank',
    'probe-rank',
    'negatives',
    'negative-rows',
    'validation',
    'held-out',
    'workers',
  ],
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
  bankRows: num('bank-rows', DEFAULT_TOTALS.bankRows),
  fitRows: num('fit-rows', DEFAULT_TOTALS.fitRows),
  rank: num('rank', DEFAULT_TOTALS.rank),
  probeRank: num('probe-rank', DEFAULT_TOTALS.probeRank),
  negativeRows: num('negative-rows', DEFAULT_TOTALS.negativeRows),
  validation: num('validation', DEFAULT_TOTALS.validation),
  heldOut: num('held-out', DEFAULT_TOTALS.heldOut),
};
const falseRejection = num('false-rejection', 0.01);
const workers = str('workers') ? Number(str('workers')) : undefined;

await initNodeTf();
const dir = join('models', 'heads', headId);
const head = await loadModel(dir);
const openSet = await writeOpenSet(dir, head, {
  others: str('others'),
  negatives: str('negatives'),
  totals,
  falseRejection,
  workers,
});
console.log(JSON.stringify(openSet, null, 2));
