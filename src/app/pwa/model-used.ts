/** Sections say when a model gave its first answer; the shell then offers to make the app work offline. */
import { cacheNameOf, offlineGroups } from './offline-assets';
import { dropDamaged } from './offline-verify';

export const MODEL_USED_EVENT = 'pv-model-used';

let check: Promise<string[]> | null = null;

/**
 * Checks what the service worker stored against the build's offline index, once a session, and
 * drops every damaged copy so the next use fetches it again instead of failing from the cache.
 * Resolves to the URLs it dropped (none when there is no cache or the check itself failed).
 */
export function dropDamagedStoredFiles(): Promise<string[]> {
  if (!('caches' in self)) return Promise.resolve([]);
  check ??= dropDamaged(offlineGroups(), cacheNameOf).catch(() => []);
  return check;
}

export function noteModelUsed(): void {
  window.dispatchEvent(new Event(MODEL_USED_EVENT));
  void dropDamagedStoredFiles();
}
