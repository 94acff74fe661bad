/** Loads each data set split once per worker and keeps it in memory (bytes, not tensors). */
import { loadSplit } from '../ml/digits/data-shards';
import type { DatasetId, Split } from '../ml/digits/datasets';
import type { GreyImageSet } from '../ml/digits/grey-image-set';
import { dataFetcher, fetchManifest } from './assets';

const cache = new Map<string, Promise<GreyImageSet>>();

export function loadDataset(
  dataset: DatasetId,
  split: Split,
  onProgress?: (loaded: number, total: number) => void,
): Promise<GreyImageSet> {
  const key = `${dataset}/${split}`;
  let entry = cache.get(key);
  if (!entry) {
    entry = fetchManifest(dataset).then((m) => loadSplit(m, split, dataFetcher(dataset), onProgress));
    entry.catch(() => cache.delete(key)); // a failed download may succeed later
    cache.set(key, entry);
  }
  return entry;
}
