/**
 * The user's classifiers in IndexedDB (via idb): projects, samples (thumbnail + backbone
 * features, the original photo only if asked) and trained heads. Every change that touches more
 * than one record is one transaction, so a full disk or a crash never leaves half a change.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ClassifierProject, SampleSummary, TrainingRecord } from '../ml/classifier-project';
import { UserError } from '../ml/errors';
import { storageError } from './storage-error';

export interface SampleRecord {
  id: string;
  projectId: string;
  classId: string;
  addedAt: string;
  /** Feature vectors stored for this sample (see SAMPLE_VIEWS). */
  views: number;
  /** views × dim float32. */
  features: ArrayBuffer;
  thumbnail: Blob;
  original?: Blob;
}

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
  samples: { key: string; value: SampleRecord; indexes: { byProject: string } };
  heads: { key: string; value: HeadRecord };
}

export const STORE_NAME = 'pv-classifiers';

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
  private constructor(private readonly db: IDBPDatabase<Schema>) {}

  static async open(name = STORE_NAME): Promise<ClassifierStore> {
    const db = await openDB<Schema>(name, 1, {
      upgrade(db) {
        db.createObjectStore('projects', { keyPath: 'id' });
        db.createObjectStore('samples', { keyPath: 'id' }).createIndex('byProject', 'projectId');
        db.createObjectStore('heads', { keyPath: 'projectId' });
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
          await tx.objectStore('samples').put(s);
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

  async samples(projectId: string): Promise<SampleRecord[]> {
    const all = await this.db.getAllFromIndex('samples', 'byProject', projectId);
    return all.sort((a, b) => a.addedAt.localeCompare(b.addedAt) || a.id.localeCompare(b.id));
  }

  async sampleSummaries(projectId: string): Promise<SampleSummary[]> {
    return (await this.samples(projectId)).map((s) => ({ id: s.id, classId: s.classId, addedAt: s.addedAt, thumbnail: s.thumbnail, hasOriginal: !!s.original }));
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
        for (const s of samples) await tx.objectStore('samples').put(s);
        if (head) await tx.objectStore('heads').put(head);
      });
    });
  }
}
