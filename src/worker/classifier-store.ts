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
import { type IDBPDatabase, openDB } from 'idb';
import { UserError } from '../ml/core/errors';
import {
  type ClassifierProject,
  NEGATIVE_CLASS_ID,
  type SampleSummary,
  type TrainingRecord,
} from '../ml/photos/classifier-project';
import { SAMPLE_VIEWS } from '../ml/photos/sample-views';
import {
  BYTES_MIGRATION,
  current,
  type FeatureKind,
  type HeadRecord,
  imageBlob,
  isFeatureKind,
  redoneFromThumbnail,
  type SampleRecord,
  type Schema,
  STORE_NAME,
  STORE_VERSION,
  type StoredSample,
  storable,
} from './classifier-records';
import { migrateImagesToBytes } from './classifier-store-migration';
import { atomic, write } from './idb-transactions';

export {
  type HeadRecord,
  imageBlob,
  type SampleRecord,
  STORE_NAME,
  STORE_VERSION,
  type StoredImage,
  storedImage,
} from './classifier-records';

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
          if (oldVersion >= 1)
            tx.objectStore('meta')
              .put({ id: BYTES_MIGRATION })
              .catch(() => undefined); // a failure aborts the upgrade
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
        await Promise.all([
          ...keys.map((k) => tx.objectStore('samples').delete(k)),
          tx.objectStore('projects').delete(id),
          tx.objectStore('heads').delete(id),
        ]);
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
          if (
            s.projectId !== projectId ||
            (s.classId !== NEGATIVE_CLASS_ID && !project.classes.some((c) => c.id === s.classId))
          )
            throw new RangeError('sample does not belong to this classifier');
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
        if (project)
          await tx.objectStore('projects').put({ ...project, stale: true, updatedAt: new Date().toISOString() });
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
        await tx.objectStore('projects').put({
          ...project,
          classes: project.classes.filter((c) => c.id !== classId),
          stale: true,
          updatedAt: new Date().toISOString(),
        });
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
    return (await this.storedSamples(projectId)).map((s) => ({
      id: s.id,
      classId: s.classId,
      addedAt: s.addedAt,
      thumbnail: imageBlob(s.thumbnail),
      hasOriginal: !!s.original,
      views: s.views,
    }));
  }

  /**
   * Samples whose background features are unfinished (they still hold their source photo), oldest
   * first; views made another way than `kind` count as none (they are redone). Samples without a
   * source, of a classifier whose head sees thumbnails, are redone or completed from their thumbnail.
   */
  async unfinishedSamples(projectId: string, kind: FeatureKind): Promise<{ id: string; views: number }[]> {
    return (await this.storedSamples(projectId))
      .filter((s) => s.source || (redoneFromThumbnail(s, kind) && (!isFeatureKind(s, kind) || s.views < SAMPLE_VIEWS)))
      .map((s) => ({ id: s.id, views: isFeatureKind(s, kind) ? s.views : 0 }));
  }

  /** The stored sample, or undefined if it was deleted. */
  async sample(id: string): Promise<SampleRecord | undefined> {
    const s = await this.db.get('samples', id);
    return s ? current(s) : undefined;
  }

  /**
   * Appends feature vectors computed in the background to views [from, from + count); with `done`
   * the source photo is dropped. False when the sample was deleted (or changed) meanwhile: nothing is written.
   * Views made another way than `kind` are replaced (from 0), never appended to.
   */
  appendFeatures(
    id: string,
    from: number,
    count: number,
    features: Float32Array,
    done: boolean,
    kind: FeatureKind,
  ): Promise<boolean> {
    return write(async () => {
      let written = false;
      await atomic(this.db.transaction('samples', 'readwrite'), async (tx) => {
        const s = await tx.store.get(id);
        if (!s) return;
        if (isFeatureKind(s, kind) ? s.views !== from : from !== 0) return;
        const dim = features.length / count;
        const all = new Float32Array((from + count) * dim);
        all.set(new Float32Array(s.features, 0, from * dim));
        all.set(features, from * dim);
        const { source: _, ...rest } = s;
        const { seenAs: _seen, ...kept } = done ? rest : s;
        await tx.store.put({ ...kept, views: from + count, features: all.buffer, ...kind });
        written = true;
      });
      return written;
    });
  }

  async sampleCounts(projectId: string): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const s of await this.db.getAllFromIndex('samples', 'byProject', projectId))
      counts.set(s.classId, (counts.get(s.classId) ?? 0) + 1);
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
        await tx.objectStore('projects').put({
          ...project,
          stale: false,
          history: [...project.history, record],
          updatedAt: new Date().toISOString(),
        });
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
