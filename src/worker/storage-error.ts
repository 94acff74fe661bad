import { UserError } from '../ml/errors';

const FULL = 'Your device has no space left for the app, so nothing was saved. Free some space (or delete photos you do not need) and try again.';

/**
 * Maps a failed write (IndexedDB, TF.js model storage) to words: a full disk is the likely cause
 * on a phone. `message` says what was not saved, in the caller's terms.
 */
export function storageError(e: unknown, message = FULL): Error {
  const name = e instanceof Error || e instanceof DOMException ? e.name : '';
  const detail = e instanceof Error ? e.message : String(e);
  if (name === 'QuotaExceededError' || /quota/i.test(`${name} ${detail}`)) return new UserError('storage-full', message, detail);
  return e instanceof Error ? e : new Error(detail);
}
