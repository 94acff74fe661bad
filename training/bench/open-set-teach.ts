/**
 * npm run bench:open-set -- [--per-class 15] [--fixture tests/unit/fixtures/open-set-features.bin]
 * "None of these" for a Teach classifier as the app builds it (open-set-fit.ts): N photos per class
 * of Cats vs dogs as its samples, threshold by leave-one-out at its false-rejection rate, then
 * measured on cats and dogs it never saw and on far-away photos (flowers, CIFAR vehicles) from
 * the collections' held-out parts. Features come from the on-disk cache (computed if missing).
 * With --fixture it also writes a small set of those real features for the unit tests.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { makeBank, rejects } from '../../src/ml/photos/open-set';
import { encodeBank } from '../../src/ml/photos/open-set-bank';
import { fitRejector, USER_FALSE_REJECTION, USER_K } from '../../src/ml/photos/open-set-fit';
import { cliArgs } from '../lib/args';
import { sampleCollection } from '../lib/open-set-build';

const { flags } = cliArgs({
  strings: ['per-class', 'fixture', 'k', 'rate'],
  usage: 'npm run bench:open-set -- [--per-class 15]',
});
/** What each fixture row is (stored as its bank label); tests/unit/open-set-real.test.ts reads the same. */
const FIXTURE = { cat: 0, dog: 1, unseenCat: 10, unseenDog: 11, flower: 20, vehicle: 21 } as const;
const perClass = typeof flags['per-class'] === 'string' ? Number(flags['per-class']) : 15;
const k = typeof flags.k === 'string' ? Number(flags.k) : USER_K;

const pets = await sampleCollection(
  { dir: '../shared/data/cats-dogs/train', seed: 1 },
  { trainPerClass: perClass, validationPerClass: 0, heldOutPerClass: 50 },
);
const flowers = await sampleCollection(
  { dir: '../shared/data/flowers5/train', seed: 1 },
  { trainPerClass: 0, validationPerClass: 0, heldOutPerClass: 20 },
);
const vehicles = await sampleCollection(
  { dir: '../shared/data/cifar10', seed: 1, classes: ['airplane', 'automobile', 'ship', 'truck'] },
  { trainPerClass: 0, validationPerClass: 0, heldOutPerClass: 10 },
);
const falseRejection = typeof flags.rate === 'string' ? Number(flags.rate) : USER_FALSE_REJECTION;
const fitted = fitRejector(
  { features: pets.train.features, labels: pets.train.labels, validation: [] },
  { k, falseRejection },
);
const rejector = { bank: fitted.bank, k: fitted.k, threshold: fitted.threshold };
const rate = (rows: Float32Array[]) => rows.filter((f) => rejects(rejector, f)).length / rows.length;
const far = [...flowers.heldOut.features, ...vehicles.heldOut.features];
console.log(
  JSON.stringify(
    {
      photosPerClass: perClass,
      k,
      thresholdFrom: fitted.thresholdFrom,
      statedFalseRejection: falseRejection,
      threshold: Number(fitted.threshold.toFixed(4)),
      ownClassUnseen: { photos: pets.heldOut.features.length, falseRejection: rate(pets.heldOut.features) },
      farAway: {
        photos: far.length,
        rejected: rate(far),
        flowers: rate(flowers.heldOut.features),
        vehicles: rate(vehicles.heldOut.features),
      },
    },
    null,
    2,
  ),
);

const fixture = typeof flags.fixture === 'string' ? flags.fixture : undefined;
if (fixture) {
  // Rows: 15 cats + 15 dogs (samples), 4 unseen of each, 4 flowers, 4 vehicles; labels say which.
  const take = (rows: Float32Array[], labels: number[], cls: number, n: number) =>
    rows.filter((_, i) => labels[i] === cls).slice(0, n);
  const groups: [Float32Array[], number][] = [
    [take(pets.train.features, pets.train.labels, 0, 15), FIXTURE.cat],
    [take(pets.train.features, pets.train.labels, 1, 15), FIXTURE.dog],
    [take(pets.heldOut.features, pets.heldOut.labels, 0, 4), FIXTURE.unseenCat],
    [take(pets.heldOut.features, pets.heldOut.labels, 1, 4), FIXTURE.unseenDog],
    [flowers.heldOut.features.filter((_, i) => i % 5 === 0).slice(0, 4), FIXTURE.flower],
    [vehicles.heldOut.features.filter((_, i) => i % 10 === 0).slice(0, 4), FIXTURE.vehicle],
  ];
  const rows = groups.flatMap(([r]) => r);
  const labels = groups.flatMap(([r, l]) => r.map(() => l));
  await mkdir(dirname(fixture), { recursive: true });
  await writeFile(fixture, encodeBank(makeBank(rows, labels)));
  console.log(`wrote ${fixture}: ${rows.length} rows`);
}
