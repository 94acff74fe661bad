/**
 * Runtime cache names shared by the service worker config and the page. Bump the version when
 * cached models or data change shape: the service worker then drops the old caches.
 */
export const ASSET_CACHE_VERSION = 'v1';
export const MODELS_CACHE = `pv-models-${ASSET_CACHE_VERSION}`;
export const DATA_CACHE = `pv-data-${ASSET_CACHE_VERSION}`;
