import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cacheOnlyWholeFiles } from '../../build/sw-cache-rules';
import type { OfflineFile, OfflineGroup } from '../../src/app/pwa/offline-index';
import { dropDamaged, isIntact } from '../../src/app/pwa/offline-verify';

const shard = Uint8Array.from({ length: 4096 }, (_, i) => (i * 31) % 256);
const file: OfflineFile = {
  url: '/models/x/group1-shard1of2.bin',
  bytes: shard.length,
  sha256: createHash('sha256').update(shard).digest('hex'),
};
const other: OfflineFile = { ...file, url: '/models/x/group1-shard2of2.bin' };
const group: OfflineGroup = { id: 'x', kind: 'head', title: 'X', cache: 'models', files: [file, other] };
const bin = (body: BodyInit, type = 'application/octet-stream') =>
  new Response(body, { headers: { 'Content-Type': type } });

/** Just enough of the Cache API: match and delete by URL. */
function fakeCache(entries: Record<string, () => Response>) {
  return {
    match: async (url: string) => entries[url]?.(),
    delete: async (url: string) => delete entries[url],
    urls: () => Object.keys(entries),
  };
}

describe('stored model files are checked against the offline index', () => {
  it('only the exact bytes of the build count as intact', async () => {
    expect(await isIntact(bin(shard), file)).toBe(true);
    expect(await isIntact(bin(shard.subarray(0, 4000)), file)).toBe(false); // cut off
    const flipped = shard.slice();
    flipped[7] ^= 1;
    expect(await isIntact(bin(flipped), file)).toBe(false); // same size, other bytes
    expect(await isIntact(bin('<!doctype html>', 'text/html; charset=utf-8'), file)).toBe(false);
  });

  it('drops damaged copies (so they are fetched again) and keeps intact ones', async () => {
    const cache = fakeCache({ [file.url]: () => bin(shard), [other.url]: () => bin('<!doctype html>', 'text/html') });
    const dropped = await dropDamaged(
      [group],
      () => 'pv-models',
      async () => cache as unknown as Cache,
    );
    expect(dropped).toEqual([other.url]);
    expect(cache.urls()).toEqual([file.url]);
  });
});

describe('the service worker stores only whole files', () => {
  const check = (r: Response) => cacheOnlyWholeFiles.cacheWillUpdate({ response: r });
  it('refuses HTML, errors and bodies that do not match their Content-Length', async () => {
    expect(await check(bin(shard))).not.toBeNull();
    expect(await check(new Response(shard, { headers: { 'Content-Length': String(shard.length) } }))).not.toBeNull();
    expect(await check(bin('<!doctype html>', 'text/html'))).toBeNull();
    expect(await check(new Response(shard, { status: 404 }))).toBeNull();
    expect(await check(new Response(shard, { headers: { 'Content-Length': '9999' } }))).toBeNull();
  });
});
