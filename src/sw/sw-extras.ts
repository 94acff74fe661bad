/**
 * Service-worker code that workbox's generated sw.js cannot express, loaded into it with
 * importScripts (built to /sw-extras.js by sw-extras-plugin.ts): deleting runtime caches of older
 * asset versions, and receiving photos shared from other apps.
 */
import { isOutdatedAssetCache } from '../app/pwa/cache-names';
import { receiveShare, SHARE_TARGET_PATH } from '../app/pwa/share-inbox';

const sw = self as unknown as ServiceWorkerGlobalScope;

// Workbox cleans up its own precache (cleanupOutdatedCaches); the models and data caches are ours.
sw.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys().then((names) => Promise.all(names.filter(isOutdatedAssetCache).map((n) => caches.delete(n)))),
  );
});

// Registered before workbox's router (importScripts runs first), so the share POST never reaches it.
sw.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'POST' || url.origin !== sw.location.origin || url.pathname !== SHARE_TARGET_PATH) return;
  event.respondWith(receiveShare(request));
  event.stopImmediatePropagation();
});
