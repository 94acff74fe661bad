/**
 * npm run data -- [--source DIR] [--out DIR] [--dataset mnist|fashion]
 * Turns the canonical IDX .gz files into the app's gzip shards plus a manifest with checksums.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzip, sha256Hex } from '../../src/ml/core/bytes';
import { type DataManifest, encodeShard, SHARD_SIZE, type ShardInfo } from '../../src/ml/digits/data-shards';
import { DATASETS, type DatasetId, isDatasetId, PIXELS, type Split } from '../../src/ml/digits/datasets';
import { cliArgs, DEFAULT_SOURCE } from '../lib/args';
import { readSourceSplit } from '../lib/idx-source';

export const DEFAULT_DATA_OUT = 'public/data';

export async function buildDataAssets(dataset: DatasetId, source: string, outRoot: string): Promise<DataManifest> {
  const out = join(outRoot, dataset);
  await mkdir(out, { recursive: true });
  const splits = {} as DataManifest['splits'];
  const sourceSums: Record<string, string> = {};
  for (const split of ['train', 'test'] as Split[]) {
    const set = await readSourceSplit(source, dataset, split);
    Object.assign(sourceSums, set.checksums);
    const shards: ShardInfo[] = [];
    for (let start = 0, k = 0; start < set.count; start += SHARD_SIZE, k++) {
      const end = Math.min(set.count, start + SHARD_SIZE);
      const raw = encodeShard({
        count: end - start,
        images: set.images.subarray(start * PIXELS, end * PIXELS),
        labels: set.labels.subarray(start, end),
      });
      const file = `${split}-${k}.pvz`; // not .gz: servers would add Content-Encoding
      const packed = await gzip(raw);
      await writeFile(join(out, file), packed);
      shards.push({ file, count: end - start, bytes: packed.length, sha256: await sha256Hex(raw) });
    }
    splits[split] = { count: set.count, shards };
  }
  const manifest: DataManifest = {
    format: 1,
    dataset,
    classes: DATASETS[dataset].classes,
    imageShape: [28, 28],
    splits,
    source: sourceSums,
  };
  // The manifest is written last: its presence means the shards are complete.
  await writeFile(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { flags } = cliArgs({
    strings: ['source', 'out', 'dataset'],
    usage: 'npm run data -- [--source DIR] [--out DIR] [--dataset mnist|fashion]',
  });
  const source = typeof flags.source === 'string' ? flags.source : DEFAULT_SOURCE;
  const out = typeof flags.out === 'string' ? flags.out : DEFAULT_DATA_OUT;
  const only = flags.dataset;
  if (only !== undefined && !isDatasetId(only)) {
    console.error(`Unknown --dataset "${only}": use mnist or fashion.`);
    process.exit(2);
  }
  try {
    for (const id of only ? [only] : (Object.keys(DATASETS) as DatasetId[])) {
      const m = await buildDataAssets(id, source, out);
      const bytes = [...m.splits.train.shards, ...m.splits.test.shards].reduce((a, s) => a + s.bytes, 0);
      console.log(
        `${id}: ${m.splits.train.count} train + ${m.splits.test.count} test → ${join(out, id)} (${(bytes / 1e6).toFixed(1)} MB)`,
      );
    }
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
}
