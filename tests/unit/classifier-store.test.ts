import 'fake-indexeddb/auto';
import { IDBObjectStore as FakeObjectStore } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/ml/core/errors';
import { newId } from '../../src/ml/photos/classifier-project';
import { ClassifierStore } from '../../src/worker/classifier-store';
import { STORAGE_FULL_MESSAGE } from '../../src/worker/storage-error';
import { now, project, sample } from './classifier-store-fixtures';

let store: ClassifierStore;
afterEach(() => store?.close());

describe('the classifier store', () => {
  it('adds, counts, lists and removes samples, and marks the classifier as changed', async () => {
    store = await ClassifierStore.open(`test-${newId()}`);
    const p = project();
    await store.putProject(p);
    const samples = [sample(p.id, 'oak'), sample(p.id, 'oak', 2), sample(p.id, 'maple', 3)];
    await store.addSamples(p.id, samples);
    expect((await store.getProject(p.id)).stale).toBe(true);
    expect(Object.fromEntries(await store.sampleCounts(p.id))).toEqual({ oak: 2, maple: 1 });
    const stored = await store.samples(p.id);
    expect(stored.map((s) => new Float32Array(s.features)[0]).sort()).toEqual([1, 2, 3]);
    await store.deleteSamples(p.id, [samples[0].id]);
    expect(Object.fromEntries(await store.sampleCounts(p.id))).toEqual({ oak: 1, maple: 1 });
  });

  it('deletes a class with its samples and the now mismatched head', async () => {
    store = await ClassifierStore.open(`test-${newId()}`);
    const p = project();
    await store.putProject(p);
    await store.addSamples(p.id, [sample(p.id, 'oak'), sample(p.id, 'maple')]);
    await store.saveHead(
      {
        projectId: p.id,
        modelTopology: {},
        weightSpecs: [],
        weightData: new ArrayBuffer(0),
        classIds: ['oak', 'maple'],
        trainedAt: now(),
      },
      { at: now(), samples: 2, epochs: 1, validationAccuracy: null, seconds: 1, backend: 'cpu', warmStarted: false },
    );
    expect((await store.getProject(p.id)).history).toHaveLength(1);
    await store.deleteClass(p.id, 'oak');
    expect((await store.getProject(p.id)).classes.map((c) => c.id)).toEqual(['maple']);
    expect(Object.fromEntries(await store.sampleCounts(p.id))).toEqual({ maple: 1 });
    expect(await store.getHead(p.id)).toBeUndefined();
  });

  it('writes nothing when one sample of a batch does not belong to the classifier', async () => {
    store = await ClassifierStore.open(`test-${newId()}`);
    const p = project();
    await store.putProject(p);
    await expect(store.addSamples(p.id, [sample(p.id, 'oak'), sample(p.id, 'no-such-class')])).rejects.toThrow();
    expect((await store.samples(p.id)).length).toBe(0);
    expect((await store.getProject(p.id)).stale).toBe(false);
  });

  it('surfaces a full disk as a typed storage-full error and keeps no partial batch', async () => {
    store = await ClassifierStore.open(`test-${newId()}`);
    const p = project();
    await store.putProject(p);
    await store.addSamples(p.id, [sample(p.id, 'oak')]);
    const put = FakeObjectStore.prototype.put;
    let calls = 0;
    // The third write of the batch hits the quota, as a browser reports it.
    FakeObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (++calls === 3) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    } as typeof put;
    try {
      const error = await store
        .addSamples(p.id, [sample(p.id, 'oak'), sample(p.id, 'maple'), sample(p.id, 'maple')])
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).code).toBe('storage-full');
      expect((error as UserError).message).toBe(STORAGE_FULL_MESSAGE);
      expect((error as UserError).detail).toMatch(/quota has been exceeded/);
    } finally {
      FakeObjectStore.prototype.put = put;
    }
    expect(Object.fromEntries(await store.sampleCounts(p.id))).toEqual({ oak: 1 });
  });

  it('deletes a classifier with everything it owns', async () => {
    store = await ClassifierStore.open(`test-${newId()}`);
    const a = project();
    const b = project();
    await store.putProject(a);
    await store.putProject(b);
    await store.addSamples(a.id, [sample(a.id, 'oak')]);
    await store.addSamples(b.id, [sample(b.id, 'maple')]);
    await store.deleteProject(a.id);
    expect((await store.listProjects()).map((p) => p.id)).toEqual([b.id]);
    expect((await store.samples(a.id)).length).toBe(0);
    expect((await store.samples(b.id)).length).toBe(1);
    await expect(store.getProject(a.id)).rejects.toMatchObject({ code: 'not-found' });
  });
});
