/** "Something else" photos are stored like other samples; a head's rejector is stored with it. */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { NEGATIVE_CLASS_ID, newId } from '../../src/ml/photos/classifier-project';
import { makeBank } from '../../src/ml/photos/open-set';
import { encodeBank } from '../../src/ml/photos/open-set-bank';
import { ClassifierStore } from '../../src/worker/classifier-store';
import { now, project, sample } from './classifier-store-fixtures';

let store: ClassifierStore;
afterEach(() => store?.close());

describe('open-set data in the classifier store', () => {
  it('keeps "something else" samples beside the classes, and still refuses an unknown class', async () => {
    store = await ClassifierStore.open(`test-${newId()}`);
    const p = project();
    await store.putProject(p);
    await store.addSamples(p.id, [sample(p.id, 'oak'), sample(p.id, NEGATIVE_CLASS_ID)]);
    expect(Object.fromEntries(await store.sampleCounts(p.id))).toEqual({ oak: 1, [NEGATIVE_CLASS_ID]: 1 });
    await expect(store.addSamples(p.id, [sample(p.id, 'birch')])).rejects.toThrow();
  });

  it('stores a head with its rejector and reads it back', async () => {
    store = await ClassifierStore.open(`test-${newId()}`);
    const p = project();
    await store.putProject(p);
    const bank = encodeBank(makeBank([new Float32Array([1, 0, 0]), new Float32Array([0, 1, 0])], [0, -1]));
    const spec = { rows: 2, dim: 3, k: 1, threshold: 0.3, falseRejection: 0.02, temperature: 1.2 };
    await store.saveHead(
      {
        projectId: p.id,
        modelTopology: {},
        weightSpecs: [],
        weightData: new ArrayBuffer(0),
        classIds: ['oak', 'maple'],
        trainedAt: now(),
        openSet: { spec, bank: bank.slice().buffer },
      },
      { at: now(), samples: 2, epochs: 1, validationAccuracy: null, seconds: 1, backend: 'cpu', warmStarted: false },
    );
    const head = await store.getHead(p.id);
    expect(head?.openSet?.spec).toEqual(spec);
    expect(new Uint8Array(head!.openSet!.bank)).toEqual(bank);
  });
});
