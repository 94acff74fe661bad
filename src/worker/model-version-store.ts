/**
 * Kept versions of the user's models (Teach heads and retrained MLPs), in their own IndexedDB
 * database: what each was (date, accuracy, photos) and its weights, so that any kept version can
 * be put back in use. Which one is in use is not stored here: the model in use carries its
 * version id (the classifier's head record, the MLP's metadata), one source of truth.
 */
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import { addVersion, VERSIONS_KEPT, type VersionMeta } from '../ml/core/model-versions';
import type { DatasetId } from '../ml/digits/datasets';
import type { MlpCard } from '../ml/digits/mlp-card';
import type { HeadBundleParts } from '../ml/formats/head-bundle';
import type { TrainingRecord } from '../ml/photos/classifier-project';
import type { StoredOpenSet } from '../ml/photos/open-set-bank';
import { atomic, write } from './idb-transactions';

/** Whose version it is: a classifier's head or a data set's MLP. */
export type VersionOwner = `head:${string}` | `mlp:${DatasetId}`;
export const headOwner = (projectId: string): VersionOwner => `head:${projectId}`;
export const mlpOwner = (dataset: DatasetId): VersionOwner => `mlp:${dataset}`;

export interface VersionRecord extends VersionMeta {
  owner: VersionOwner;
  /** A head's class ids in output order: it can only be put back while the classes are the same. */
  classIds?: string[];
  /** A head's training record, put back in the history when the version is used again. */
  record?: TrainingRecord;
  /** An MLP's card. */
  card?: MlpCard;
}

interface VersionSchema extends DBSchema {
  versions: { key: string; value: VersionRecord; indexes: { byOwner: string } };
  /** Weights apart, so that listing versions never reads megabytes. */
  weights: { key: string; value: VersionParts & { id: string } };
}

/** A version's weights, and for a Teach head the "none of these" rejector fitted with it. */
export type VersionParts = HeadBundleParts & { openSet?: StoredOpenSet };

export const VERSION_STORE_NAME = 'pv-model-versions';

export class ModelVersionStore {
  private constructor(private readonly db: IDBPDatabase<VersionSchema>) {}

  static async open(name = VERSION_STORE_NAME): Promise<ModelVersionStore> {
    const db = await openDB<VersionSchema>(name, 1, {
      upgrade(db) {
        db.createObjectStore('versions', { keyPath: 'id' }).createIndex('byOwner', 'owner');
        db.createObjectStore('weights', { keyPath: 'id' });
      },
    });
    return new ModelVersionStore(db);
  }

  close(): void {
    this.db.close();
  }

  /** Newest first. */
  async list(owner: VersionOwner): Promise<VersionRecord[]> {
    const all = await this.db.getAllFromIndex('versions', 'byOwner', owner);
    return all.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
  }

  async get(id: string): Promise<{ version: VersionRecord; parts: VersionParts } | null> {
    const [version, weights] = await Promise.all([this.db.get('versions', id), this.db.get('weights', id)]);
    if (!version || !weights) return null;
    const { id: _, ...parts } = weights;
    return { version, parts };
  }

  /**
   * Keeps a new version; the oldest beyond `keep` go (never the one in use, `inUseId`).
   * One transaction: a full disk leaves the list as it was.
   */
  add(version: VersionRecord, parts: VersionParts, inUseId: string | null, keep = VERSIONS_KEPT): Promise<string[]> {
    return write(async () => {
      let dropped: string[] = [];
      await atomic(this.db.transaction(['versions', 'weights'], 'readwrite'), async (tx) => {
        const list = await tx.objectStore('versions').index('byOwner').getAll(version.owner);
        ({ dropped } = addVersion(list, version, inUseId, keep));
        await tx.objectStore('versions').put(version);
        await tx.objectStore('weights').put({ id: version.id, ...parts });
        for (const id of dropped) {
          await tx.objectStore('versions').delete(id);
          await tx.objectStore('weights').delete(id);
        }
      });
      return dropped;
    });
  }

  /** Every version of a classifier or data set (the classifier was deleted). */
  deleteOwner(owner: VersionOwner): Promise<void> {
    return write(async () => {
      await atomic(this.db.transaction(['versions', 'weights'], 'readwrite'), async (tx) => {
        const ids = await tx.objectStore('versions').index('byOwner').getAllKeys(owner);
        for (const id of ids) {
          await tx.objectStore('versions').delete(id);
          await tx.objectStore('weights').delete(id);
        }
      });
    });
  }
}

let opened: Promise<ModelVersionStore> | null = null;
/** The worker's one connection, opened on first use. */
export const versionStore = () => (opened ??= ModelVersionStore.open());
