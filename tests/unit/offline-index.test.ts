import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { offlineIndex } from '../../build/offline-index-plugin';
import { DATA_CACHE, isOutdatedAssetCache, MODELS_CACHE } from '../../src/app/pwa/cache-names';
import { isIos } from '../../src/app/pwa/install';
import { BUNDLED_HEADS } from '../../src/ml/photos/bundled-heads';

describe('what "Make available offline" downloads', () => {
  const groups = offlineIndex();
  const ids = groups.map((g) => g.id);

  it('covers the backbone, every bundled head, both MLPs and both data sets', () => {
    expect(ids).toEqual(
      expect.arrayContaining([
        'resnet50',
        ...BUNDLED_HEADS.map((h) => `heads/${h}`),
        'mnist-mlp',
        'fashion-mlp',
        'data/mnist',
        'data/fashion',
      ]),
    );
    expect(ids[0]).toBe('resnet50'); // Classify and Teach need it first
  });

  it('lists the data saver photo model as a backbone too (the app downloads only the variant in use)', () => {
    expect(groups.filter((g) => g.kind === 'backbone').map((g) => g.id)).toEqual(['resnet50', 'resnet50-uint8']);
  });

  it('takes its heads from BUNDLED_HEADS, which names every head folder', () => {
    const folders = readdirSync('models/heads', { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    expect(BUNDLED_HEADS).toEqual(expect.arrayContaining(folders));
    const heads = groups.filter((g) => g.kind === 'head').map((g) => g.id);
    expect(heads).toEqual(
      BUNDLED_HEADS.filter((h) => folders.includes(h))
        .sort()
        .map((h) => `heads/${h}`),
    );
  });

  it('lists every file with its real size under the URL the app loads it from', () => {
    for (const g of groups) {
      expect(g.cache).toBe(g.kind === 'data' ? 'data' : 'models');
      for (const f of g.files) {
        const path = f.url.startsWith('/data/') ? `public${f.url}` : f.url.slice(1);
        expect(statSync(path).size, f.url).toBe(f.bytes);
        expect(createHash('sha256').update(readFileSync(path)).digest('hex'), f.url).toBe(f.sha256);
      }
    }
    const backbone = groups[0].files.map((f) => f.url);
    expect(backbone).toEqual(
      expect.arrayContaining(['/models/resnet50/model.json', '/models/resnet50/group1-shard12of12.bin']),
    );
    expect(groups.find((g) => g.id === 'data/mnist')!.files.map((f) => f.url)).toContain('/data/mnist/manifest.json');
  });
});

describe('runtime cache versions', () => {
  it('deletes older models/data caches only', () => {
    expect(isOutdatedAssetCache('pv-models-v0')).toBe(true);
    expect(isOutdatedAssetCache('pv-data-v0')).toBe(true);
    expect(isOutdatedAssetCache(MODELS_CACHE)).toBe(false);
    expect(isOutdatedAssetCache(DATA_CACHE)).toBe(false);
    expect(isOutdatedAssetCache('pv-share-inbox')).toBe(false);
    expect(isOutdatedAssetCache('workbox-precache-v2-http://x/')).toBe(false);
  });
});

describe('iOS detection for the Add to Home Screen help', () => {
  it('knows iPhones and iPads (which say Macintosh), not Android', () => {
    expect(
      isIos(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1',
        5,
      ),
    ).toBe(true);
    expect(
      isIos('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 Version/17.0 Safari/605.1.15', 5),
    ).toBe(true);
    expect(
      isIos('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 Version/17.0 Safari/605.1.15', 0),
    ).toBe(false);
    expect(
      isIos('Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36', 5),
    ).toBe(false);
  });
});
