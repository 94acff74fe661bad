/** Reads the canonical IDX .gz files of a data set from a source folder (Node only). */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzip, sha256Hex } from '../../src/ml/core/bytes';
import { dataFileError } from '../../src/ml/core/errors';
import { DATASETS, type DatasetId, IDX_FILES, PIXELS, type Split } from '../../src/ml/digits/datasets';
import type { GreyImageSet } from '../../src/ml/digits/grey-image-set';
import { parseIdx } from '../../src/ml/digits/idx';

export interface SourceSplit extends GreyImageSet {
  /** SHA-256 of the uncompressed IDX files, by canonical name. */
  checksums: Record<string, string>;
}

async function readIdx(dir: string, name: string) {
  const path = join(dir, name);
  const gz = await readFile(path).catch(() => {
    throw dataFileError(path, 'the file is missing or unreadable');
  });
  const raw = await gunzip(new Uint8Array(gz)).catch(() => {
    throw dataFileError(path, 'it is not a gzip file');
  });
  return { idx: parseIdx(raw, path), sha256: await sha256Hex(raw) };
}

export async function readSourceSplit(source: string, dataset: DatasetId, split: Split): Promise<SourceSplit> {
  const dir = join(source, DATASETS[dataset].sourceFolder);
  const names = IDX_FILES[split];
  const images = await readIdx(dir, names.images);
  const labels = await readIdx(dir, names.labels);
  const [n, h, w] = images.idx.dims;
  if (images.idx.dims.length !== 3 || h * w !== PIXELS)
    throw dataFileError(names.images, `expected N×28×28 images, got ${images.idx.dims.join('×')}`);
  if (labels.idx.dims.length !== 1 || labels.idx.dims[0] !== n)
    throw dataFileError(names.labels, `expected ${n} labels, got ${labels.idx.dims.join('×')}`);
  if (labels.idx.data.some((l) => l > 9)) throw dataFileError(names.labels, 'a label is outside 0–9');
  return {
    count: n,
    images: images.idx.data,
    labels: labels.idx.data,
    checksums: { [names.images]: images.sha256, [names.labels]: labels.sha256 },
  };
}
