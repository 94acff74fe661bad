/**
 * Stored model and data files are checked against the offline index (size and SHA-256, computed
 * when the app was built): a truncated download, or an error page a host sent with status 200,
 * must not be served from the cache as a model until the cache version changes.
 */
import type { OfflineFile, OfflineGroup } from './offline-index';

async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Whether a response holds exactly the file the index lists (reads its body). */
export async function isIntact(res: Response, file: OfflineFile): Promise<boolean> {
  if (/^text\/html/i.test(res.headers.get('Content-Type') ?? '')) return false;
  const body = await res.arrayBuffer();
  return body.byteLength === file.bytes && (await sha256Hex(body)) === file.sha256;
}

/**
 * Deletes every stored copy that differs from the index, one file at a time (a shard is a few MB),
 * so the next use or "Make available offline" fetches it again. Returns the URLs it dropped.
 */
export async function dropDamaged(
  groups: readonly OfflineGroup[],
  cacheOf: (g: OfflineGroup) => string,
  open: (name: string) => Promise<Cache> = (name) => caches.open(name),
): Promise<string[]> {
  const dropped: string[] = [];
  for (const g of groups) {
    const cache = await open(cacheOf(g));
    for (const file of g.files) {
      const stored = await cache.match(file.url);
      if (stored && !(await isIntact(stored, file))) {
        await cache.delete(file.url);
        dropped.push(file.url);
      }
    }
  }
  return dropped;
}
