import { mkdtempSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FeatureCache } from '../../training/lib/feature-cache';

const root = () => mkdtempSync(join(tmpdir(), 'pv-features-'));
const vec = (seed: number) => Float32Array.from({ length: 8 }, (_, i) => seed + i / 10);

describe('feature cache', () => {
  it('returns what was stored, per image hash and view', async () => {
    const cache = new FeatureCache(root(), 'resnet50@abc/224', 8);
    await cache.set('ff00aa', 0, vec(1));
    await cache.set('ff00aa', 1, vec(2));
    expect(Array.from((await cache.get('ff00aa', 0))!)).toEqual(Array.from(vec(1)));
    expect(Array.from((await cache.get('ff00aa', 1))!)).toEqual(Array.from(vec(2)));
    expect(await cache.get('ee11bb', 0)).toBeNull();
  });

  it('is invalidated by a new backbone version', async () => {
    const dir = root();
    await new FeatureCache(dir, 'resnet50@v1/224', 8).set('ff00aa', 0, vec(1));
    expect(await new FeatureCache(dir, 'resnet50@v1/224', 8).get('ff00aa', 0)).not.toBeNull();
    expect(await new FeatureCache(dir, 'resnet50@v2/224', 8).get('ff00aa', 0)).toBeNull();
    expect(await new FeatureCache(dir, 'resnet50@v1/160', 8).get('ff00aa', 0)).toBeNull();
  });

  it('ignores a torn file and refuses vectors of the wrong length', async () => {
    const cache = new FeatureCache(root(), 'k', 8);
    await cache.set('ab12', 0, vec(1));
    await writeFile(join(cache.dir, 'ab', 'ab12-0.f32'), new Uint8Array(10));
    expect(await cache.get('ab12', 0)).toBeNull();
    await expect(cache.set('ab12', 0, new Float32Array(3))).rejects.toThrow(/expected 8/);
  });
});
