/** IndexedDB transactions that land whole or not at all, and write errors in the user's words. */
import { storageError } from './storage-error';

/** Runs a write; a failure (a full disk, a blocked database) becomes a clear UserError. */
export async function write<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    throw storageError(e);
  }
}

/** Runs a transaction body; any failure aborts it, so none of its writes land. */
export async function atomic<T extends { abort(): void; done: Promise<void> }>(
  tx: T,
  body: (tx: T) => Promise<void>,
): Promise<void> {
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
