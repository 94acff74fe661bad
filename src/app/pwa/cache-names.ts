/**
 * Runtime cache names shared by the service worker config and the page. Bump the version when
 * cached models or data change shape: the service worker then drops the old caches.
 */
export const ASSET_CACHE_VERSION = 'v1';
export const MODELS_CACHE = `pv-models-${ASSET_CACHE_VERSION}`;
export const DATA_CACHE = `pv-data-${ASSET_CACHE_VERSION}`;
/** Photos shared from other apps wait here until the Classify page picks them up (not versioned). */
export const SHARE_CACHE = 'pv-share-inbox';

/** A models/data cache of an older version: the service worker deletes these on activate. */
export function isOutdatedAssetCache(name: string): boolean {
  return /^pv-(models|data)-/.test(name) && name !== MODELS_CACHE && name !== DATA_CACHE;
}
