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

/** A fresh store with one classifier and one photo just added to it (thumbnail and source, no features). */
async function storeWithPendingPhoto() {
  store = await ClassifierStore.open(`pending-${newId()}`);
  const p = project();
  await store.putProject(p);
  const s = pending(p.id);
  await store.addSamples(p.id, [s]);
  return { p, s };
}

describe('photos whose features are computed later', () => {
  it('are listed as unfinished until every view is appended; the source goes with the last views', async () => {
    const { p, s } = await storeWithPendingPhoto();
    expect(await store.unfinishedSamples(p.id, { backbone: 'float16' })).toEqual([{ id: s.id, views: 0 }]);
    expect((await store.sampleSummaries(p.id))[0].views).toBe(0);

    expect(
      await store.appendFeatures(
        s.id,
        0,
        2,
        Float32Array.from({ length: 2 * DIM }, (_, i) => i),
        false,
        { backbone: 'float16' },
      ),
    ).toBe(true);
    expect(await store.unfinishedSamples(p.id, { backbone: 'float16' })).toEqual([{ id: s.id, views: 2 }]);
    // Appending at the wrong place (a stale job) writes nothing.
    expect(await store.appendFeatures(s.id, 0, 2, new Float32Array(2 * DIM), false, { backbone: 'float16' })).toBe(
      false,
    );

    expect(
      await store.appendFeatures(
        s.id,
        2,
        2,
        Float32Array.from({ length: 2 * DIM }, (_, i) => 100 + i),
        true,
        { backbone: 'float16' },
      ),
    ).toBe(true);
    expect(await store.unfinishedSamples(p.id, { backbone: 'float16' })).toEqual([]);
    const done = (await store.samples(p.id))[0];
    expect(done.views).toBe(4);
    expect(done.source).toBeUndefined();
    expect(Array.from(new Float32Array(done.features))).toEqual([
      ...Array.from({ length: 2 * DIM }, (_, i) => i),
      ...Array.from({ length: 2 * DIM }, (_, i) => 100 + i),
    ]);
  });

  it('records which photo model made the views, and redoes views from the other one from the start', async () => {
    const { p, s } = await storeWithPendingPhoto();
    expect(
      await store.appendFeatures(s.id, 0, 2, new Float32Array(2 * DIM).fill(1), false, { backbone: 'float16' }),
    ).toBe(true);
    // Under the other variant its views count as none, so the queue starts it again…
    expect(await store.unfinishedSamples(p.id, { backbone: 'uint8' })).toEqual([{ id: s.id, views: 0 }]);
    // …and appending after them is refused: uint8 crops must not follow float16 photo + mirror.
    expect(await store.appendFeatures(s.id, 2, 2, new Float32Array(2 * DIM), true, { backbone: 'uint8' })).toBe(false);
    expect(await store.appendFeatures(s.id, 0, 4, new Float32Array(4 * DIM).fill(2), true, { backbone: 'uint8' })).toBe(
      true,
    );
    const done = (await store.samples(p.id))[0];
    expect(done.backbone).toBe('uint8');
    expect(done.views).toBe(4);
    expect(new Float32Array(done.features).every((x) => x === 2)).toBe(true);
  });

  it('redoes a thumbnail-seeing copy’s photos made from the sharp photo, from their thumbnail, and finishes them', async () => {
    const { p, s } = await storeWithPendingPhoto();
    // Finished before copies saw thumbnails: every view made from the sharp photo, source dropped.
    expect(
      await store.appendFeatures(s.id, 0, 4, new Float32Array(4 * DIM).fill(1), true, { backbone: 'float16' }),
    ).toBe(true);
    const thumbnailSeeing = { backbone: 'float16', seenAs: 32 } as const;
    expect(await store.unfinishedSamples(p.id, { backbone: 'float16' })).toEqual([]);
    expect(await store.unfinishedSamples(p.id, thumbnailSeeing)).toEqual([{ id: s.id, views: 0 }]);
    // Sharp views are never followed by thumbnail ones: only a redo from view 0 is written.
    expect(await store.appendFeatures(s.id, 4, 1, new Float32Array(DIM), false, thumbnailSeeing)).toBe(false);
    expect(await store.appendFeatures(s.id, 0, 1, new Float32Array(DIM).fill(2), false, thumbnailSeeing)).toBe(true);
    // Still short of its crops, and without a source: listed until they are added from the thumbnail.
    expect(await store.unfinishedSamples(p.id, thumbnailSeeing)).toEqual([{ id: s.id, views: 1 }]);
    expect(await store.appendFeatures(s.id, 1, 3, new Float32Array(3 * DIM).fill(3), true, thumbnailSeeing)).toBe(true);
    expect(await store.unfinishedSamples(p.id, thumbnailSeeing)).toEqual([]);
    const done = (await store.samples(p.id))[0];
    expect(done.seenAs).toBe(32);
    expect(done.views).toBe(4);
    expect(Array.from(new Float32Array(done.features)).slice(0, DIM + 1)).toEqual([2, 2, 2, 2, 3]);
    // Back to sharp photos (the head's card unreadable): the thumbnail views are kept, not redone sharp from a thumbnail.
    expect(await store.unfinishedSamples(p.id, { backbone: 'float16' })).toEqual([]);
  });

  it('writes nothing for a photo deleted while its features were computed', async () => {
    const { p, s } = await storeWithPendingPhoto();
    await store.deleteSamples(p.id, [s.id]);
    expect(await store.appendFeatures(s.id, 0, 2, new Float32Array(2 * DIM), false, { backbone: 'float16' })).toBe(
      false,
    );
    expect(await store.samples(p.id)).toEqual([]);
  });
});
