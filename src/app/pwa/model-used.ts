/** Sections say when a model gave its first answer; the shell then offers to make the app work offline. */
import { cacheNameOf, offlineGroups } from './offline-assets';
import { dropDamaged } from './offline-verify';

export const MODEL_USED_EVENT = 'pv-model-used';

let checked = false;

export function noteModelUsed(): void {
  window.dispatchEvent(new Event(MODEL_USED_EVENT));
  // What the service worker stored on first use is checked against the build, once a session:
  // a damaged copy is dropped, so the next use fetches it again instead of failing from the cache.
  if (checked || !('caches' in self)) return;
  checked = true;
  void dropDamaged(offlineGroups(), cacheNameOf).catch(() => undefined);
}
