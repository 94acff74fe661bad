/**
 * "Make available offline": downloads every missing model and data file into the runtime caches
 * the service worker serves them from. One download for the whole app, so the Settings panel and
 * the prompt after first use show the same progress.
 */
import { cacheNameOf, missingFiles, offlineGroups } from './offline-assets';
import type { OfflineFile } from './offline-index';
import { dropDamaged, isIntact } from './offline-verify';

export interface DownloadState {
  phase: 'idle' | 'running' | 'done' | 'error';
  loadedBytes: number;
  totalBytes: number;
  error: string;
}

/** A few files at once keeps the connection busy without holding 47 MB of shards in memory. */
const PARALLEL = 3;
/** At most ~10 progress events a second, however fast chunks arrive. */
const EMIT_MS = 100;

const megabytes = (b: number) => `${Math.round(b / 1e6)} MB`;

class OfflineDownload extends EventTarget {
  state: DownloadState = { phase: 'idle', loadedBytes: 0, totalBytes: 0, error: '' };
  private lastEmit = 0;

  private set(change: Partial<DownloadState>, force = true) {
    this.state = { ...this.state, ...change };
    const now = performance.now();
    if (force || now - this.lastEmit >= EMIT_MS) {
      this.lastEmit = now;
      this.dispatchEvent(new Event('change'));
    }
  }

  async start(): Promise<void> {
    if (this.state.phase === 'running') return;
    this.set({ phase: 'running', loadedBytes: 0, totalBytes: 0, error: '' });
    try {
      // A damaged stored copy counts as missing, so it is fetched again.
      await dropDamaged(offlineGroups(), cacheNameOf);
      const todo = await missingFiles();
      const totalBytes = todo.reduce((a, t) => a + t.file.bytes, 0);
      this.set({ totalBytes });
      await checkSpace(totalBytes);
      // Ask the browser not to evict ~100 MB under storage pressure (granted silently or not at all in Chromium).
      await navigator.storage?.persist?.().catch(() => false);
      const queue = [...todo];
      const worker = async () => {
        for (let t = queue.shift(); t; t = queue.shift()) await this.fetchInto(t.file, t.cache);
      };
      await Promise.all(Array.from({ length: PARALLEL }, worker));
      this.set({ phase: 'done', loadedBytes: totalBytes });
    } catch (e) {
      this.set({ phase: 'error', error: explain(e) });
    }
  }

  private async fetchInto(file: OfflineFile, cacheName: string) {
    const res = await fetch(file.url).catch(() => {
      throw new Error('offline');
    });
    if (!res.ok || !res.body) throw new Error(`HTTP ${res.status} for ${file.url}`);
    const reader = res.body.getReader();
    const parts: Uint8Array[] = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      this.set({ loadedBytes: this.state.loadedBytes + value.byteLength }, false);
    }
    const blob = new Blob(parts as BlobPart[], { type: res.headers.get('Content-Type') ?? 'application/octet-stream' });
    // Nothing that differs from the build is stored: the user hears which file, and can try again.
    if (!(await isIntact(new Response(blob, { headers: { 'Content-Type': blob.type } }), file)))
      throw new Error(`damaged:${file.url}`);
    const cache = await caches.open(cacheName);
    // When the service worker controls the page its Cache First route has usually stored it already.
    const stored = await cache.match(file.url);
    if (stored && (await isIntact(stored, file))) return;
    await cache.put(
      file.url,
      new Response(blob, { headers: { 'Content-Type': blob.type, 'Content-Length': String(blob.size) } }),
    );
  }
}

async function checkSpace(needed: number) {
  const est = await navigator.storage?.estimate?.().catch(() => undefined);
  if (!est?.quota) return;
  const free = est.quota - (est.usage ?? 0);
  if (free < needed) throw new Error(`space:${needed}:${free}`);
}

function explain(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  if (msg === 'offline')
    return 'The download stopped because there is no internet connection. What was already downloaded is kept: try again when you are back online.';
  if (msg.startsWith('damaged:'))
    return 'A file arrived damaged, so it was not kept. Try again later; what was downloaded so far is kept.';
  if (msg.startsWith('space:')) {
    const [, needed, free] = msg.split(':').map(Number);
    return `Not enough free storage: this needs ${megabytes(needed)} but only ${megabytes(free)} is free for Pocket Vision. Free up some space and try again.`;
  }
  if (e instanceof DOMException && e.name === 'QuotaExceededError')
    return 'Your phone ran out of storage space for Pocket Vision. Free up some space and try again; what was downloaded so far is kept.';
  return `The download failed (${msg}). Try again; what was downloaded so far is kept.`;
}

export const offlineDownload = new OfflineDownload();
