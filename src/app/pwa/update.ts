/**
 * "Update available → Reload": a new release's service worker installs in the background and
 * waits; it takes over only when the user taps Reload, so an open session (a training run, a
 * half-taught classifier) is never swapped out from under them.
 */
import type { Workbox } from 'workbox-window';

/** Long-open sessions look for a new release this often (the browser also checks on navigation). */
const CHECK_MS = 60 * 60 * 1000;

let wb: Workbox | null = null;
let waiting = false;
export const updates = new EventTarget();

/** Call before wb.register(), so a worker already waiting from an earlier visit is seen too. */
export function watchForUpdates(workbox: Workbox): void {
  wb = workbox;
  workbox.addEventListener('waiting', () => {
    waiting = true;
    updates.dispatchEvent(new Event('change'));
  });
  setInterval(() => void workbox.update().catch(() => undefined), CHECK_MS);
}

export const updateWaiting = () => waiting;

/** Activates the waiting worker, then reloads once it controls the page. */
export function applyUpdate(): void {
  if (!wb || !waiting) {
    location.reload();
    return;
  }
  wb.addEventListener('controlling', () => location.reload());
  wb.messageSkipWaiting();
}
