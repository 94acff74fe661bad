/** Registers the service worker (workbox-window); the app shell is then served offline. */
import { Workbox } from 'workbox-window';

export function registerServiceWorker(): Workbox | null {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return null;
  const wb = new Workbox('/sw.js', { scope: '/' });
  void wb.register();
  return wb;
}
