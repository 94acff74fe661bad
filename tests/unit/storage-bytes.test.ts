/**
 * Pictures go into IndexedDB as bytes, never Blobs (WebKit refuses Blobs there in private
 * browsing, bug 156347); samples stored as Blobs by DB version 1 are converted without loss; and a
 * failed write reaches the user as a sentence, not as the engine's text.
 *
 * fake-indexeddb 6 clones values with Node's structuredClone, which keeps Blobs (Node 20), so the
 * version 1 shape can be written for real here, through idb, bypassing ClassifierStore.
 */
import 'fake-indexeddb/auto';
import { IDBObjectStore as FakeObjectStore } from 'fake-indexeddb';
import { openDB } from 'idb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UserError } from '../../src/ml/core/errors';
import { type ClassifierProject, newId } from '../../src/ml/photos/classifier-project';
import { ClassifierStore, type SampleRecord, STORE_VERSION } from '../../src/worker/classifier-store';
import { STORAGE_FAILED_MESSAGE, STORAGE_FULL_MESSAGE, storageError } from '../../src/worker/storage-error';

const now = () => new Date().toISOString();
const jpeg = (n: number, marker = 0) =>
  Uint8Array.from({ length: n }, (_, i) => (i < 3 ? [0xff, 0xd8, 0xff][i] : (i * 31 + marker) & 0xff));

function project(): ClassifierProject {
  return {
    id: newId(),
    name: 'Leaves',
    classes: [
      { id: 'oak', name: 'oak' },
      { id: 'maple', name: 'maple' },
    ],
    createdAt: now(),
    updatedAt: now(),
    stale: false,
    history: [],
    keepOriginals: true,
  };
}

/** Every Blob anywhere inside a stored value, with its path. */
function blobsIn(value: unknown, path = '$', found: string[] = []): string[] {
  if (value instanceof Blob) found.push(path);
  else if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return found;
  else if (Array.isArray(value)) value.forEach((v, i) => blobsIn(v, `${path}[${i}]`, found));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) blobsIn(v, `${path}.${k}`, found);
  return found;
}

/** The database exactly as this code left it, read without ClassifierStore. */
async function raw(name: string) {
  const db = await openDB(name);
  const all = {
    samples: await db.getAll('samples'),
    projects: await db.getAll('projects'),
    heads: await db.getAll('heads'),
    meta: db.objectStoreNames.contains('meta') ? await db.getAll('meta') : [],
  };
  db.close();
  return all;
}

const bytesOf = async (b: Blob) => new Uint8Array(await b.arrayBuffer());

/** Version 1 of the store (the release before this one), written without the new code. */
async function writeVersion1(
  name: string,
  p: ClassifierProject,
  samples: {
    id: string;
    classId: string;
    thumbnail: Uint8Array<ArrayBuffer>;
    original?: Uint8Array<ArrayBuffer>;
    originalType?: string;
  }[],
) {
  const db = await openDB(name, 1, {
    upgrade(db) {
      db.createObjectStore('projects', { keyPath: 'id' });
      db.createObjectStore('samples', { keyPath: 'id' }).createIndex('byProject', 'projectId');
      db.createObjectStore('heads', { keyPath: 'projectId' });
    },
  });
  await db.put('projects', p);
  await db.put('heads', {
    projectId: p.id,
    modelTopology: { layers: 1 },
    weightSpecs: [],
    weightData: new Float32Array([1, 2]).buffer,
    classIds: ['oak', 'maple'],
    trainedAt: now(),
  });
  for (const [i, s] of samples.entries()) {
    await db.put('samples', {
      id: s.id,
      projectId: p.id,
      classId: s.classId,
      addedAt: new Date(Date.UTC(2024, 0, 1, 0, 0, i)).toISOString(),
      views: 1,
      features: new Float32Array(4).fill(i).buffer,
      thumbnail: new Blob([s.thumbnail], { type: 'image/jpeg' }),
      original: s.original ? new Blob([s.original], { type: s.originalType ?? '' }) : undefined,
    });
  }
  const stored = await db.getAll('samples');
  db.close();
  // The old shape really is on disk: the test below is about Blobs, so make sure there are some.
  expect(stored.every((s) => s.thumbnail instanceof Blob)).toBe(true);
}

let store: ClassifierStore | undefined;
beforeEach(() => void vi.spyOn(console, 'warn').mockImplementation(() => undefined));
afterEach(() => {
  store?.close();
  store = undefined;
  vi.restoreAllMocks();
});

describe('pictures in IndexedDB', () => {
  it('stores a sample with no Blob anywhere and round-trips its thumbnail and original bytes exactly', async () => {
    const name = `bytes-${newId()}`;
    store = await ClassifierStore.open(name);
    const p = project();
    await store.putProject(p);
    const thumb = jpeg(1500, 7);
    const original = jpeg(40_000, 9);
    const record: SampleRecord = {
      id: newId(),
      projectId: p.id,
      classId: 'oak',
      addedAt: now(),
      views: 1,
      features: new Float32Array(4).fill(0.5).buffer,
      thumbnail: { type: 'image/jpeg', bytes: thumb.slice().buffer },
      original: { type: 'image/png', bytes: original.slice().buffer },
    };
    await store.addSamples(p.id, [record]);

    const disk = await raw(name);
    expect(disk.samples).toHaveLength(1);
    expect(blobsIn(disk)).toEqual([]);
    expect(disk.samples[0].thumbnail.bytes).toBeInstanceOf(ArrayBuffer);
    expect(new Uint8Array(disk.samples[0].thumbnail.bytes)).toEqual(thumb);

    const [read] = await store.samples(p.id);
    expect(new Uint8Array(read.thumbnail.bytes)).toEqual(thumb);
    expect(read.thumbnail.type).toBe('image/jpeg');
    expect(new Uint8Array(read.original!.bytes)).toEqual(original);
    expect(read.original!.type).toBe('image/png');

    // The UI still gets a Blob (for an object URL), built from the bytes when read.
    const [summary] = await store.sampleSummaries(p.id);
    expect(summary.thumbnail).toBeInstanceOf(Blob);
    expect(summary.thumbnail.type).toBe('image/jpeg');
    expect(await bytesOf(summary.thumbnail)).toEqual(thumb);
    expect(summary.hasOriginal).toBe(true);
  });

  it('stores imported samples as bytes too', async () => {
    const name = `bytes-${newId()}`;
    store = await ClassifierStore.open(name);
    const p = project();
    const thumb = jpeg(900, 3);
    await store.importProject(
      p,
      [
        {
          id: newId(),
          projectId: p.id,
          classId: 'maple',
          addedAt: now(),
          views: 1,
          features: new ArrayBuffer(16),
          thumbnail: { type: 'image/jpeg', bytes: thumb.slice().buffer },
        },
      ],
      null,
    );
    const disk = await raw(name);
    expect(blobsIn(disk)).toEqual([]);
    expect(new Uint8Array(disk.samples[0].thumbnail.bytes)).toEqual(thumb);
  });

  it('refuses a Blob picture before it reaches IndexedDB, with a sentence and nothing written', async () => {
    const name = `bytes-${newId()}`;
    store = await ClassifierStore.open(name);
    const p = project();
    await store.putProject(p);
    const bad = {
      id: newId(),
      projectId: p.id,
      classId: 'oak',
      addedAt: now(),
      views: 1,
      features: new ArrayBuffer(16),
      thumbnail: new Blob([jpeg(10)]),
    } as unknown as SampleRecord;
    const error = await store.addSamples(p.id, [bad]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toBe(STORAGE_FAILED_MESSAGE);
    expect((await raw(name)).samples).toEqual([]);
  });
});

describe('the migration of version 1 samples (Blob pictures) to bytes', () => {
  it('converts every Blob to the same bytes and type, keeping projects, heads and sample order', async () => {
    const name = `migrate-${newId()}`;
    const p = project();
    const samples = [
      { id: 's1', classId: 'oak', thumbnail: jpeg(700, 1), original: jpeg(30_000, 2), originalType: 'image/jpeg' },
      { id: 's2', classId: 'maple', thumbnail: jpeg(800, 3) },
      { id: 's3', classId: 'maple', thumbnail: jpeg(900, 4), original: jpeg(5_000, 5) }, // imported original: no type
      ...Array.from({ length: 17 }, (_, i) => ({
        id: `t${String(i).padStart(2, '0')}`,
        classId: 'oak',
        thumbnail: jpeg(100 + i, i),
      })),
    ];
    await writeVersion1(name, p, samples);

    store = await ClassifierStore.open(name);
    // Reads made before the conversion finishes see the right bytes too.
    const early = await store.samples(p.id);
    expect(early.map((s) => s.id)).toEqual(samples.map((s) => s.id));
    expect(new Uint8Array(early[0].original!.bytes)).toEqual(samples[0].original);
    expect(await store.migrated).toBe(samples.length);

    const disk = await raw(name);
    expect(blobsIn(disk)).toEqual([]);
    expect(disk.meta).toEqual([]);
    expect(disk.projects).toHaveLength(1);
    expect(disk.heads).toHaveLength(1);
    expect(new Float32Array(disk.heads[0].weightData)).toEqual(new Float32Array([1, 2]));
    const byId = new Map(disk.samples.map((s) => [s.id, s]));
    for (const s of samples) {
      const d = byId.get(s.id)!;
      expect(d.thumbnail.bytes).toBeInstanceOf(ArrayBuffer);
      expect(new Uint8Array(d.thumbnail.bytes)).toEqual(s.thumbnail);
      expect(d.thumbnail.type).toBe('image/jpeg');
      if (s.original) {
        expect(new Uint8Array(d.original.bytes)).toEqual(s.original);
        expect(d.original.type).toBe(s.originalType ?? '');
      } else expect(d.original).toBeUndefined();
      expect(d.classId).toBe(s.classId);
    }
    expect(new Float32Array(byId.get('s2')!.features)).toEqual(new Float32Array(4).fill(1));

    const summaries = await store.sampleSummaries(p.id);
    expect(await bytesOf(summaries[1].thumbnail)).toEqual(samples[1].thumbnail);
    expect(summaries.map((s) => s.hasOriginal).slice(0, 3)).toEqual([true, false, true]);

    // Opening again finds nothing left to do.
    store.close();
    store = await ClassifierStore.open(name);
    expect(await store.migrated).toBe(0);
    expect(await raw(name).then((d) => d.samples.length)).toBe(samples.length);
  });

  it('keeps a Blob it cannot read yet (reads still work), and converts it on a later open', async () => {
    const name = `migrate-${newId()}`;
    const p = project();
    const samples = [
      { id: 'a', classId: 'oak', thumbnail: jpeg(600, 1) },
      { id: 'b', classId: 'oak', thumbnail: jpeg(613, 2) }, // 613 bytes: the one that fails to read below
    ];
    await writeVersion1(name, p, samples);
    const arrayBuffer = Blob.prototype.arrayBuffer;
    const spy = vi.spyOn(Blob.prototype, 'arrayBuffer').mockImplementation(function (this: Blob) {
      return this.size === 613
        ? Promise.reject(new DOMException('The file could not be read.', 'NotReadableError'))
        : arrayBuffer.call(this);
    });
    store = await ClassifierStore.open(name);
    expect(await store.migrated).toBe(1);
    let disk = await raw(name);
    expect(blobsIn(disk)).toEqual(['$.samples[1].thumbnail']);
    expect(disk.meta).toHaveLength(1); // still to do
    const summaries = await store.sampleSummaries(p.id);
    expect(summaries.map((s) => s.id)).toEqual(['a', 'b']);
    expect(summaries[1].thumbnail.size).toBe(613);

    spy.mockRestore();
    store.close();
    store = await ClassifierStore.open(name);
    expect(await store.migrated).toBe(1);
    disk = await raw(name);
    expect(blobsIn(disk)).toEqual([]);
    expect(disk.meta).toEqual([]);
    expect(new Uint8Array(disk.samples[1].thumbnail.bytes)).toEqual(samples[1].thumbnail);
  });

  it('does not bring back a sample deleted while it was being converted', async () => {
    const name = `migrate-${newId()}`;
    const p = project();
    await writeVersion1(name, p, [
      { id: 'keep', classId: 'oak', thumbnail: jpeg(500, 1) },
      { id: 'gone', classId: 'oak', thumbnail: jpeg(521, 2) },
    ]);
    const arrayBuffer = Blob.prototype.arrayBuffer;
    let deleting: Promise<void> | undefined;
    vi.spyOn(Blob.prototype, 'arrayBuffer').mockImplementation(function (this: Blob) {
      // The user deletes "gone" while its bytes are being read.
      if (this.size === 521) deleting ??= store!.deleteSamples(p.id, ['gone']);
      return arrayBuffer.call(this);
    });
    store = await ClassifierStore.open(name);
    await store.migrated;
    await deleting;
    const disk = await raw(name);
    expect(disk.samples.map((s) => s.id)).toEqual(['keep']);
    expect(blobsIn(disk)).toEqual([]);
  });

  it('opens a version 1 database at the current version', async () => {
    const name = `migrate-${newId()}`;
    await writeVersion1(name, project(), []);
    store = await ClassifierStore.open(name);
    await store.migrated;
    const db = await openDB(name);
    expect(db.version).toBe(STORE_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['heads', 'meta', 'projects', 'samples']);
    db.close();
  });
});

describe('failed writes as sentences', () => {
  const engineText = 'Error preparing Blob/File data to be stored in object store';

  async function failingPut(error: () => unknown, run: (s: ClassifierStore, p: ClassifierProject) => Promise<unknown>) {
    store = await ClassifierStore.open(`errors-${newId()}`);
    const p = project();
    await store.putProject(p);
    const put = FakeObjectStore.prototype.put;
    FakeObjectStore.prototype.put = (() => {
      throw error();
    }) as typeof put;
    try {
      return {
        error: await run(store, p).then(
          () => null,
          (e: unknown) => e,
        ),
        project: p,
      };
    } finally {
      FakeObjectStore.prototype.put = put;
    }
  }
  const oneSample = (p: ClassifierProject): SampleRecord => ({
    id: newId(),
    projectId: p.id,
    classId: 'oak',
    addedAt: now(),
    views: 1,
    features: new ArrayBuffer(16),
    thumbnail: { type: 'image/jpeg', bytes: jpeg(20).buffer },
  });

  it('turns an engine error into a plain sentence, keeping the engine text only as detail', async () => {
    const { error, project: p } = await failingPut(
      () => new DOMException(engineText, 'UnknownError'),
      (s, p) => s.addSamples(p.id, [oneSample(p)]),
    );
    expect(error).toBeInstanceOf(UserError);
    const e = error as UserError;
    expect(e.code).toBe('storage-failed');
    expect(e.message).toBe(STORAGE_FAILED_MESSAGE);
    expect(e.message).not.toMatch(/Blob|object store|UnknownError/);
    expect(e.detail).toBe(`UnknownError: ${engineText}`);
    expect((await store!.samples(p.id)).length).toBe(0);
    expect((await store!.getProject(p.id)).stale).toBe(false);
  });

  it('says the disk is full for a quota error, on every kind of write', async () => {
    const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    for (const run of [
      (s: ClassifierStore, p: ClassifierProject) => s.addSamples(p.id, [oneSample(p)]),
      (s: ClassifierStore, p: ClassifierProject) => s.putProject({ ...p, name: 'x' }),
    ]) {
      const error = (await failingPut(quota, run)).error as UserError;
      expect(error).toBeInstanceOf(UserError);
      expect(error.code).toBe('storage-full');
      expect(error.message).toBe(STORAGE_FULL_MESSAGE);
      store!.close();
    }
    store = undefined;
  });

  it('maps what browsers throw, keeps callers’ messages and passes deliberate UserErrors through', () => {
    // Firefox reports a full disk on the transaction as "QuotaExceededError"; older engines only say "quota" in the text.
    expect(storageError(new DOMException('x', 'QuotaExceededError')).message).toBe(STORAGE_FULL_MESSAGE);
    expect(storageError(new Error('Quota exceeded for this origin')).code).toBe('storage-full');
    expect(
      storageError(new DOMException('x', 'QuotaExceededError'), 'The model was not saved: no space.').message,
    ).toBe('The model was not saved: no space.');
    expect(storageError(new TypeError('boom'), 'full', 'The model was not saved.').message).toBe(
      'The model was not saved.',
    );
    const plain = storageError('Internal error opening backing store');
    expect([plain.code, plain.message, plain.detail]).toEqual([
      'storage-failed',
      STORAGE_FAILED_MESSAGE,
      'Internal error opening backing store',
    ]);
    // A thrown object that is not an Error (some engines' DOMException) still gives name and text.
    expect(storageError({ name: 'DataCloneError', message: engineText }).detail).toBe(`DataCloneError: ${engineText}`);
    const notFound = new UserError('not-found', 'That classifier no longer exists on this device.');
    expect(storageError(notFound)).toBe(notFound);
  });
});
