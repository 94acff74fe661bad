import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { type ClassifierProject, newId } from '../../src/ml/photos/classifier-project';
import { ClassifierStore, type SampleRecord } from '../../src/worker/classifier-store';

const now = () => new Date().toISOString();
const DIM = 4;

function project(): ClassifierProject {
  return {
    id: newId(),
    name: 'Leaves',
    classes: [{ id: 'oak', name: 'oak leaf' }],
    createdAt: now(),
    updatedAt: now(),
    stale: false,
    history: [],
    keepOriginals: false,
  };
}

/** A photo as Teach stores it at once: thumbnail and source, no features yet. */
function pending(projectId: string): SampleRecord {
  return {
    id: newId(),
    projectId,
    classId: 'oak',
    addedAt: now(),
    views: 0,
    features: new ArrayBuffer(0),
    thumbnail: { type: 'image/jpeg', bytes: new Uint8Array([1, 2]).buffer },
    source: { type: 'image/jpeg', bytes: new Uint8Array([3, 4, 5]).buffer },
    seed: 7,
  };
}

let store: ClassifierStore;
afterEach(() => store?.close());

describe('photos whose features are computed later', () => {
  it('are listed as unfinished until every view is appended; the source goes with the last views', async () => {
    store = await ClassifierStore.open(`pending-${newId()}`);
    const p = project();
    await store.putProject(p);
    const s = pending(p.id);
    await store.addSamples(p.id, [s]);
    expect(await store.unfinishedSamples(p.id, 'float16')).toEqual([{ id: s.id, views: 0 }]);
    expect((await store.sampleSummaries(p.id))[0].views).toBe(0);

    expect(
      await store.appendFeatures(
        s.id,
        0,
        2,
        Float32Array.from({ length: 2 * DIM }, (_, i) => i),
        false,
        'float16',
      ),
    ).toBe(true);
    expect(await store.unfinishedSamples(p.id, 'float16')).toEqual([{ id: s.id, views: 2 }]);
    // Appending at the wrong place (a stale job) writes nothing.
    expect(await store.appendFeatures(s.id, 0, 2, new Float32Array(2 * DIM), false, 'float16')).toBe(false);

    expect(
      await store.appendFeatures(
        s.id,
        2,
        2,
        Float32Array.from({ length: 2 * DIM }, (_, i) => 100 + i),
        true,
        'float16',
      ),
    ).toBe(true);
    expect(await store.unfinishedSamples(p.id, 'float16')).toEqual([]);
    const done = (await store.samples(p.id))[0];
    expect(done.views).toBe(4);
    expect(done.source).toBeUndefined();
    expect(Array.from(new Float32Array(done.features))).toEqual([
      ...Array.from({ length: 2 * DIM }, (_, i) => i),
      ...Array.from({ length: 2 * DIM }, (_, i) => 100 + i),
    ]);
  });

  it('records which photo model made the views, and redoes views from the other one from the start', async () => {
    store = await ClassifierStore.open(`pending-${newId()}`);
    const p = project();
    await store.putProject(p);
    const s = pending(p.id);
    await store.addSamples(p.id, [s]);
    expect(await store.appendFeatures(s.id, 0, 2, new Float32Array(2 * DIM).fill(1), false, 'float16')).toBe(true);
    // Under the other variant its views count as none, so the queue starts it again…
    expect(await store.unfinishedSamples(p.id, 'uint8')).toEqual([{ id: s.id, views: 0 }]);
    // …and appending after them is refused: uint8 crops must not follow float16 photo + mirror.
    expect(await store.appendFeatures(s.id, 2, 2, new Float32Array(2 * DIM), true, 'uint8')).toBe(false);
    expect(await store.appendFeatures(s.id, 0, 4, new Float32Array(4 * DIM).fill(2), true, 'uint8')).toBe(true);
    const done = (await store.samples(p.id))[0];
    expect(done.backbone).toBe('uint8');
    expect(done.views).toBe(4);
    expect(new Float32Array(done.features).every((x) => x === 2)).toBe(true);
  });

  it('writes nothing for a photo deleted while its features were computed', async () => {
    store = await ClassifierStore.open(`pending-${newId()}`);
    const p = project();
    await store.putProject(p);
    const s = pending(p.id);
    await store.addSamples(p.id, [s]);
    await store.deleteSamples(p.id, [s.id]);
    expect(await store.appendFeatures(s.id, 0, 2, new Float32Array(2 * DIM), false, 'float16')).toBe(false);
    expect(await store.samples(p.id)).toEqual([]);
  });
});
