/** Converts samples stored by releases before DB version 2 (pictures as Blobs) to bytes. */
import type { IDBPDatabase } from 'idb';
import {
  BYTES_MIGRATION,
  current,
  hasBlobs,
  MIGRATION_BATCH,
  type SampleRecord,
  type Schema,
} from './classifier-records';
import { atomic } from './idb-transactions';

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
export async function migrateImagesToBytes(db: IDBPDatabase<Schema>): Promise<number> {
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
