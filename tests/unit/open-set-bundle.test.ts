/** A classifier file carries its "none of these" rejector (card.openSet + open-set.bin); older files still import. */
import { readFileSync } from 'node:fs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type BundleExpectations,
  type ClassifierBundle,
  readClassifierBundle,
  writeClassifierBundle,
} from '../../src/ml/formats/classifier-bundle';
import { BACKBONE_ID, BACKBONE_FEATURE_SIZE as DIM } from '../../src/ml/photos/backbone-spec';
import { makeBank } from '../../src/ml/photos/open-set';
import { decodeBank, encodeBank, type OpenSetSpec } from '../../src/ml/photos/open-set-bank';
import { bundleFromHeadDir } from '../../training/lib/head-bundle-files';

const VERSION = JSON.parse(readFileSync('models/heads/cats-dogs/card.json', 'utf8')).backbone.version;
const EXPECT: BundleExpectations = { backboneId: BACKBONE_ID, backboneVersion: VERSION, featureDim: DIM };
const rows = [0, 1, 2].map((s) => Float32Array.from({ length: DIM }, (_, i) => ((i * 7 + s * 13) % 11) / 11));
const bank = encodeBank(makeBank(rows, [0, 1, -1]));
const spec: OpenSetSpec = { rows: 3, dim: DIM, k: 3, threshold: 0.4, falseRejection: 0.02, temperature: 1.5 };
let head: ClassifierBundle;
beforeAll(async () => {
  head = await bundleFromHeadDir('models/heads/cats-dogs');
});
/** Cats vs dogs as a file made before the rejector existed. */
const base = (): ClassifierBundle => {
  const { openSet: _, ...card } = head.card;
  return { ...head, card: { ...card, backbone: { id: BACKBONE_ID, version: VERSION } }, openSetBank: undefined };
};

describe('classifier file: the rejector', () => {
  it('round-trips the bank and its spec', async () => {
    const bytes = await writeClassifierBundle({
      ...base(),
      card: { ...base().card, openSet: spec },
      openSetBank: bank,
    });
    const back = await readClassifierBundle(bytes, EXPECT);
    expect(back.card.openSet).toEqual(spec);
    const decoded = decodeBank(back.openSetBank!, spec.rows, spec.dim);
    expect(Array.from(decoded.labels)).toEqual([0, 1, -1]);
  });

  it('an older file without one imports, with no bank', async () => {
    const back = await readClassifierBundle(await writeClassifierBundle(base()), EXPECT);
    expect(back.openSetBank).toBeUndefined();
    expect(back.card.openSet).toBeUndefined();
  });

  it('refuses a declared bank of the wrong size, or a spec without its bank', async () => {
    const short = bank.subarray(0, bank.byteLength - 2);
    const wrong = await writeClassifierBundle({
      ...base(),
      card: { ...base().card, openSet: spec },
      openSetBank: short,
    });
    await expect(readClassifierBundle(wrong, EXPECT)).rejects.toThrow(/none of these/);
    // A spec whose bank was taken out of the zip (and off the list).
    const good = await writeClassifierBundle({ ...base(), card: { ...base().card, openSet: spec }, openSetBank: bank });
    const entries = unzipSync(good);
    const manifest = JSON.parse(strFromU8(entries['manifest.json']));
    delete manifest.files['open-set.bin'];
    delete entries['open-set.bin'];
    entries['manifest.json'] = strToU8(JSON.stringify(manifest));
    await expect(readClassifierBundle(zipSync(entries), EXPECT)).rejects.toThrow(/cannot be found/);
  });
});
