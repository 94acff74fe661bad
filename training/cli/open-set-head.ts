/**
 * npm run open-set:head -- --head ID [--others ID[:class+class],…] [--false-rejection 0.01]
 *   [--bank-rows 240] [--validation 160] [--held-out 160] [--workers N]
 * Builds what "None of these" needs for an existing bundled head without retraining it: a float16
 * feature bank (models/heads/ID/open-set.bin), k, threshold and temperature chosen on the head's
 * own validation split (the seeded split in its card), and the rates measured on held-out photos
 * (its own and other heads' collections), written into card.json under `openSet`.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { encodeBank, OPEN_SET_FILE } from '../../src/ml/photos/open-set-bank';
import { cliArgs } from '../lib/args';
import { loadModel } from '../lib/model-files';
import { initNodeTf } from '../lib/node-tf';
import {
  buildOpenSet,
  type CollectionRef,
  perClassSizes,
  type SampleSizes,
  sampleCollection,
} from '../lib/open-set-build';

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

interface Card {
  classes: string[];
  training: { data: string; seed: number };
  openSet?: unknown;
}
const cardOf = async (id: string) =>
  JSON.parse(await readFile(join('models', 'heads', id, 'card.json'), 'utf8')) as Card;
const refOf = (card: Card, classes?: string[]): CollectionRef => ({
  dir: card.training.data,
  seed: card.training.seed,
  classes,
});

await initNodeTf();
const dir = join('models', 'heads', headId);
const card = await cardOf(headId);
const own = await sampleCollection(refOf(card), perClassSizes(card.classes.length, totals, true), workers);
const others = [];
for (const o of (str('others') ?? '').split(',').filter(Boolean)) {
  const [id, cls] = o.split(':');
  const c = await cardOf(id);
  const classes = cls?.split('+');
  const sampled = await sampleCollection(refOf(c, classes), perClassSizes(c.classes.length, totals, false), workers);
  others.push({ label: cls ? `${id} (${classes?.join(', ')})` : id, sampled });
}
const head = await loadModel(dir);
const { bank, spec, record } = await buildOpenSet(head, own, others, falseRejection);
await writeFile(join(dir, OPEN_SET_FILE), encodeBank(bank));
card.openSet = { file: OPEN_SET_FILE, ...spec, ...record, builtAt: new Date().toISOString() };
await writeFile(join(dir, 'card.json'), `${JSON.stringify(card, null, 2)}\n`);
console.log(JSON.stringify(card.openSet, null, 2));
