/** Registers the service worker (workbox-window); the app shell is then served offline. */
import { Workbox } from 'workbox-window';
import { cacheEssentials } from './offline-essentials';
import { watchForUpdates } from './update';

export function registerServiceWorker(): Workbox | null {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return null;
  const wb = new Workbox('/sw.js', { scope: '/' });
  watchForUpdates(wb);
  void wb
    .register()
    .then(() => navigator.serviceWorker.ready)
    .then(cacheEssentials)
    .catch((e) => console.warn('Offline caching is not available:', e));
  return wb;
}
