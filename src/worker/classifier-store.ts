/**
 * The user's classifiers in IndexedDB (via idb): projects, samples (thumbnail + backbone
 * features, the original photo only if asked) and trained heads. Every change that touches more
 * than one record is one transaction, so a full disk or a crash never leaves half a change.
 *
 * Pictures are stored as bytes plus their MIME type, never as Blob/File: WebKit refuses Blobs in
 * IndexedDB in ephemeral sessions (Private Browsing, WebKit bug 156347), and the photo was lost.
 * Releases before DB version 2 stored Blobs; those records are converted after opening (see
 * migrateImagesToBytes) and every read accepts both shapes until then.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ClassifierProject, SampleSummary, TrainingRecord } from '../ml/photos/classifier-project';
import { UserError } from '../ml/core/errors';
import { storageError } from './storage-error';

/** A picture as stored: the encoded file's bytes (e.g. a JPEG) and its MIME type ('' if unknown). */
export interface StoredImage {
  type: string;
  bytes: ArrayBuffer;
}

export interface SampleRecord {
  id: string;
  projectId: string;
  classId: string;
  addedAt: string;
  /** Feature vectors stored for this sample (see SAMPLE_VIEWS). */
  views: number;
  /** views × dim float32. */
  features: ArrayBuffer;
  thumbnail: StoredImage;
  original?: StoredImage;
}

/** A sample as it may be found on disk: written by a release before DB version 2, its pictures are Blobs. */
type StoredSample = Omit<SampleRecord, 'thumbnail' | 'original'> & { thumbnail: StoredImage | Blob; original?: StoredImage | Blob };

export interface HeadRecord {
  projectId: string;
  modelTopology: unknown;
  weightSpecs: { name: string; shape: number[]; dtype: 'float32' }[];
  weightData: ArrayBuffer;
  /** Class names in output order when trained (classes may be renamed later; ids keep order). */
  classIds: string[];
  trainedAt: string;
}

interface Schema extends DBSchema {
  projects: { key: string; value: ClassifierProject };
  samples: { key: string; value: StoredSample; indexes: { byProject: string } };
  heads: { key: string; value: HeadRecord };
  /** Bookkeeping; `{ id: BYTES_MIGRATION }` while Blob-shaped samples may remain. */
  meta: { key: string; value: { id: string } };
}

export const STORE_NAME = 'pv-classifiers';
/** 1: pictures as Blobs. 2: pictures as bytes (StoredImage), plus the meta store. */
export const STORE_VERSION = 2;
const BYTES_MIGRATION = 'images-to-bytes';
/** Samples converted per transaction: bounded memory even with originals of several MB. */
const MIGRATION_BATCH = 8;

/** The bytes of a Blob (or File) as a StoredImage. */
export async function storedImage(blob: Blob): Promise<StoredImage> {
  return { type: blob.type, bytes: await blob.arrayBuffer() };
}

/** A stored picture as a Blob, for the UI (object URLs) or decoding; built on read, never stored. */
export function imageBlob(image: StoredImage | Blob): Blob {
  return image instanceof Blob ? image : new Blob([image.bytes], { type: image.type });
}

const toBytes = (image: StoredImage | Blob) => (image instanceof Blob ? storedImage(image) : Promise.resolve(image));
const hasBlobs = (s: StoredSample) => s.thumbnail instanceof Blob || s.original instanceof Blob;

/** The sample in the current shape (reads a Blob-shaped one's bytes; writes nothing). */
async function current(s: StoredSample): Promise<SampleRecord> {
  if (!hasBlobs(s)) return s as SampleRecord;
  const { thumbnail, original, ...rest } = s;
  return { ...rest, thumbnail: await toBytes(thumbnail), ...(original ? { original: await toBytes(original) } : {}) };
}

/** Refuses a record whose pictures are not plain bytes, before it reaches IndexedDB. */
function storable(s: SampleRecord): SampleRecord {
  for (const image of [s.thumbnail, s.original]) {
    if (image !== undefined && (image instanceof Blob || !(image.bytes instanceof ArrayBuffer) || typeof image.type !== 'string')) {
      throw new TypeError('sample pictures must be stored as bytes, not Blobs');
    }
  }
  return s;
}

/**
 * Converts samples stored with Blob pictures (DB version 1) to bytes. An upgrade transaction
 * commits as soon as it waits for anything but IndexedDB (blob.arrayBuffer()), so this runs after
 * opening, in small steps: read a batch, convert outside any transaction, then write each record
 * back in a new transaction only if it still exists and still holds Blobs (a sample deleted
 * meanwhile stays deleted). Idempotent and safe to interrupt: what is not converted yet stays as
 * it was, reads accept both shapes, and the next open carries on. The marker goes only when every
 * sample converted, so a Blob that cannot be read now (kept as it is) is tried again next time.
 * Resolves with the number of samples converted; never rejects.
 */
async function migrateImagesToBytes(db: IDBPDatabase<Schema>): Promise<number> {
  let converted = 0;
  try {
    if (!(await db.get('meta', BYTES_MIGRATION))) return 0;
    const keys = await db.getAllKeys('samples');
    let unreadable = 0;
    for (let i = 0; i < keys.length; i += MIGRATION_BATCH) {
      const read = db.transaction('samples');
      const batch = await Promise.all(keys.slice(i, i + MIGRATION_BATCH).map((k) => read.store.get(k)));
      await read.done;
      const fresh = new Map<string, SampleRecord>();
      for (const s of batch) {
        if (!s || !hasBlobs(s)) continue;
        try {
          fresh.set(s.id, await current(s));
        } catch (e) {
          unreadable++;
          console.warn(`Pocket Vision: sample ${s.id} could not be converted yet; it stays as it is.`, e);
        }
      }
      if (!fresh.size) continue;
      let written = 0;
      await atomic(db.transaction('samples', 'readwrite'), async (tx) => {
        for (const [id, s] of fresh) {
          const now = await tx.store.get(id);
          if (now && hasBlobs(now)) {
            await tx.store.put({ ...now, thumbnail: s.thumbnail, ...(s.original ? { original: s.original } : {}) });
            written++;
          }
        }
      });
      converted += written;
    }
    if (!unreadable) await db.delete('meta', BYTES_MIGRATION);
  } catch (e) {
    console.warn('Pocket Vision: converting stored photos paused; it continues next time.', e);
  }
  return converted;
}

async function write<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    throw storageError(e);
  }
}

/** Runs a transaction body; any failure aborts it, so none of its writes land. */
async function atomic<T extends { abort(): void; done: Promise<void> }>(tx: T, body: (tx: T) => Promise<void>): Promise<void> {
  try {
    await body(tx);
  } catch (e) {
    try {
      tx.abort();
    } catch {
      /* already finished or aborted */
    }
    await tx.done.catch(() => undefined);
    throw e;
  }
  await tx.done;
}

export class ClassifierStore {
  /** The conversion of Blob-shaped samples left by DB version 1 (see migrateImagesToBytes): the number converted. */
  readonly migrated: Promise<number>;

  private constructor(private readonly db: IDBPDatabase<Schema>) {
    this.migrated = migrateImagesToBytes(db);
  }

  static async open(name = STORE_NAME): Promise<ClassifierStore> {
    const db = await openDB<Schema>(name, STORE_VERSION, {
      upgrade(db, oldVersion, _newVersion, tx) {
        if (oldVersion < 1) {
          db.createObjectStore('projects', { keyPath: 'id' });
          db.createObjectStore('samples', { keyPath: 'id' }).createIndex('byProject', 'projectId');
          db.createObjectStore('heads', { keyPath: 'projectId' });
        }
        if (oldVersion < 2) {
          db.createObjectStore('meta', { keyPath: 'id' });
          // Version 1 stored pictures as Blobs: mark them for conversion after opening.
          if (oldVersion >= 1) tx.objectStore('meta').put({ id: BYTES_MIGRATION }).catch(() => undefined); // a failure aborts the upgrade
        }
      },
    });
    return new ClassifierStore(db);
  }

  close(): void {
    this.db.close();
  }

  async listProjects(): Promise<ClassifierProject[]> {
    const all = await this.db.getAll('projects');
    return all.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }

  async getProject(id: string): Promise<ClassifierProject> {
    const p = await this.db.get('projects', id);
    if (!p) throw new UserError('not-found', 'That classifier no longer exists on this device.');
    return p;
  }

  putProject(project: ClassifierProject): Promise<void> {
    return write(async () => void (await this.db.put('projects', { ...project, updatedAt: new Date().toISOString() })));
  }

  /** The project, its samples and its head go together. */
  deleteProject(id: string): Promise<void> {
    return write(async () => {
      await atomic(this.db.transaction(['projects', 'samples', 'heads'], 'readwrite'), async (tx) => {
        const keys = await tx.objectStore('samples').index('byProject').getAllKeys(id);
        await Promise.all([...keys.map((k) => tx.objectStore('samples').delete(k)), tx.objectStore('projects').delete(id), tx.objectStore('heads').delete(id)]);
      });
    });
  }

  /** Adds samples and marks the project as changed, all or nothing. */
  addSamples(projectId: string, samples: SampleRecord[]): Promise<void> {
    return write(async () => {
      await atomic(this.db.transaction(['projects', 'samples'], 'readwrite'), async (tx) => {
        const project = await tx.objectStore('projects').get(projectId);
        if (!project) throw new UserError('not-found', 'That classifier no longer exists on this device.');
        for (const s of samples) {
          if (s.projectId !== projectId || !project.classes.some((c) => c.id === s.classId)) throw new RangeError('sample does not belong to this classifier');
          await tx.objectStore('samples').put(storable(s));
        }
        await tx.objectStore('projects').put({ ...project, stale: true, updatedAt: new Date().toISOString() });
      });
    });
  }

  deleteSamples(projectId: string, ids: string[]): Promise<void> {
    return write(async () => {
      await atomic(this.db.transaction(['projects', 'samples'], 'readwrite'), async (tx) => {
        const project = await tx.objectStore('projects').get(projectId);
        for (const id of ids) {
          const s = await tx.objectStore('samples').get(id);
          if (s?.projectId === projectId) await tx.objectStore('samples').delete(id);
        }
        if (project) await tx.objectStore('projects').put({ ...project, stale: true, updatedAt: new Date().toISOString() });
      });
    });
  }

  /** Removes a class and its samples; the trained head no longer matches, so it goes too. */
  deleteClass(projectId: string, classId: string): Promise<void> {
    return write(async () => {
      await atomic(this.db.transaction(['projects', 'samples', 'heads'], 'readwrite'), async (tx) => {
        const project = await tx.objectStore('projects').get(projectId);
        if (!project) throw new UserError('not-found', 'That classifier no longer exists on this device.');
        const samples = await tx.objectStore('samples').index('byProject').getAll(projectId);
        for (const s of samples) if (s.classId === classId) await tx.objectStore('samples').delete(s.id);
        await tx.objectStore('heads').delete(projectId);
        await tx.objectStore('projects').put({ ...project, classes: project.classes.filter((c) => c.id !== classId), stale: true, updatedAt: new Date().toISOString() });
      });
    });
  }

  /** As stored, in the order added: Blob-shaped if not converted yet. */
  private async storedSamples(projectId: string): Promise<StoredSample[]> {
    const all = await this.db.getAllFromIndex('samples', 'byProject', projectId);
    return all.sort((a, b) => a.addedAt.localeCompare(b.addedAt) || a.id.localeCompare(b.id));
  }

  async samples(projectId: string): Promise<SampleRecord[]> {
    return Promise.all((await this.storedSamples(projectId)).map(current));
  }

  /** What the UI lists: the thumbnail as a Blob built here from the stored bytes. */
  async sampleSummaries(projectId: string): Promise<SampleSummary[]> {
    return (await this.storedSamples(projectId)).map((s) => ({ id: s.id, classId: s.classId, addedAt: s.addedAt, thumbnail: imageBlob(s.thumbnail), hasOriginal: !!s.original }));
  }

  async sampleCounts(projectId: string): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const s of await this.db.getAllFromIndex('samples', 'byProject', projectId)) counts.set(s.classId, (counts.get(s.classId) ?? 0) + 1);
    return counts;
  }

  getHead(projectId: string): Promise<HeadRecord | undefined> {
    return this.db.get('heads', projectId);
  }

  /** Saves a trained head and its history entry together. */
  saveHead(head: HeadRecord, record: TrainingRecord): Promise<void> {
    return write(async () => {
      await atomic(this.db.transaction(['projects', 'heads'], 'readwrite'), async (tx) => {
        const project = await tx.objectStore('projects').get(head.projectId);
        if (!project) throw new UserError('not-found', 'That classifier no longer exists on this device.');
        await tx.objectStore('heads').put(head);
        await tx.objectStore('projects').put({ ...project, stale: false, history: [...project.history, record], updatedAt: new Date().toISOString() });
      });
    });
  }

  /** Writes an imported classifier (already validated) in one go. */
  importProject(project: ClassifierProject, samples: SampleRecord[], head: HeadRecord | null): Promise<void> {
    return write(async () => {
      await atomic(this.db.transaction(['projects', 'samples', 'heads'], 'readwrite'), async (tx) => {
        await tx.objectStore('projects').put(project);
        for (const s of samples) await tx.objectStore('samples').put(storable(s));
        if (head) await tx.objectStore('heads').put(head);
      });
    });
  }
}
