import { describe, expect, it } from 'vitest';
import { gzip, sha256Hex } from '../../src/ml/core/bytes';
import { type DataManifest, decodeShard, encodeShard, loadSplit } from '../../src/ml/digits/data-shards';

const set = (n: number, seed: number) => ({
  count: n,
  images: Uint8Array.from({ length: n * 784 }, (_, i) => (i * seed) % 256),
  labels: Uint8Array.from({ length: n }, (_, i) => (i + seed) % 10),
});

async function manifestFor(parts: ReturnType<typeof set>[]) {
  const files: Record<string, Uint8Array> = {};
  const shards = [];
  for (const [k, part] of parts.entries()) {
    const raw = encodeShard(part);
    files[`train-${k}.bin.gz`] = await gzip(raw);
    shards.push({
      file: `train-${k}.bin.gz`,
      count: part.count,
      bytes: files[`train-${k}.bin.gz`].length,
      sha256: await sha256Hex(raw),
    });
  }
  const count = parts.reduce((a, p) => a + p.count, 0);
  const manifest = {
    format: 1,
    dataset: 'mnist',
    classes: [],
    imageShape: [28, 28],
    splits: { train: { count, shards }, test: { count: 0, shards: [] } },
    source: {},
  } as DataManifest;
  return { manifest, files };
}

describe('data shards', () => {
  it('round-trips a shard', () => {
    const s = set(3, 7);
    const back = decodeShard(encodeShard(s), 'x');
    expect(back.count).toBe(3);
    expect(Array.from(back.labels)).toEqual(Array.from(s.labels));
    expect(Array.from(back.images)).toEqual(Array.from(s.images));
  });

  it('rejects foreign and truncated shards', () => {
    expect(() => decodeShard(new Uint8Array(100), 'a.bin')).toThrow(
      /a\.bin is not a valid data file: it is not a data shard/,
    );
    expect(() => decodeShard(encodeShard(set(2, 1)).subarray(0, 500), 'b.bin')).toThrow(/truncated/);
  });

  it('loads a split from several shards in order, reporting progress', async () => {
    const parts = [set(4, 3), set(2, 5)];
    const { manifest, files } = await manifestFor(parts);
    const progress: number[] = [];
    const loaded = await loadSplit(
      manifest,
      'train',
      async (f) => files[f],
      (l) => progress.push(l),
    );
    expect(loaded.count).toBe(6);
    expect(Array.from(loaded.labels)).toEqual([...parts[0].labels, ...parts[1].labels]);
    expect(Array.from(loaded.images.subarray(4 * 784))).toEqual(Array.from(parts[1].images));
    expect(progress).toHaveLength(2);
  });

  it('accepts a shard the server already unpacked (Content-Encoding: gzip)', async () => {
    const parts = [set(3, 9)];
    const { manifest } = await manifestFor(parts);
    const loaded = await loadSplit(manifest, 'train', async () => encodeShard(parts[0]));
    expect(Array.from(loaded.labels)).toEqual(Array.from(parts[0].labels));
  });

  it('refuses a shard whose checksum does not match', async () => {
    const { manifest, files } = await manifestFor([set(2, 3)]);
    const other = await gzip(encodeShard(set(2, 4)));
    await expect(loadSplit(manifest, 'train', async () => other)).rejects.toThrow(/checksum does not match/);
    await expect(loadSplit(manifest, 'train', async () => files['train-0.bin.gz'].subarray(0, 50))).rejects.toThrow(
      /could not be decompressed/,
    );
  });
});
