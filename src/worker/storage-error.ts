import { UserError } from '../ml/core/errors';

export const STORAGE_FULL_MESSAGE =
  'Your device has no space left for the app, so nothing was saved. Free some space (or delete photos you do not need) and try again.';
export const STORAGE_FAILED_MESSAGE =
  'Pocket Vision could not save this on your device. Nothing was changed; try again.';

/**
 * Maps a failed write (IndexedDB, TF.js model storage) to words a phone user understands: a full
 * disk is the likely cause on a phone; anything else gets a plain sentence too. The engine's own
 * text ("Error preparing Blob/File data to be stored in object store", "UnknownError"...) is kept
 * only as `detail` (and logged) for diagnostics: the UI shows `message`, never `detail`.
 *
 * `fullMessage` / `failedMessage` say what was not saved, in the caller's terms. A UserError
 * raised on purpose inside the write (e.g. "That classifier no longer exists") passes unchanged.
 */
export function storageError(
  e: unknown,
  fullMessage = STORAGE_FULL_MESSAGE,
  failedMessage = STORAGE_FAILED_MESSAGE,
): UserError {
  if (e instanceof UserError) return e;
  const { name, message } = partsOf(e);
  const detail = name && !message.startsWith(name) ? `${name}: ${message}` : message;
  if (name === 'QuotaExceededError' || /quota/i.test(`${name} ${message}`))
    return new UserError('storage-full', fullMessage, detail);
  console.warn('Pocket Vision: a storage write failed:', detail);
  return new UserError('storage-failed', failedMessage, detail);
}

/** Name and text of anything thrown (DOMException is not an Error subclass in every engine). */
function partsOf(e: unknown): { name: string; message: string } {
  if (typeof e === 'object' && e !== null) {
    const x = e as { name?: unknown; message?: unknown };
    return {
      name: typeof x.name === 'string' ? x.name : '',
      message: typeof x.message === 'string' ? x.message : String(e),
    };
  }
  return { name: '', message: String(e) };
}
