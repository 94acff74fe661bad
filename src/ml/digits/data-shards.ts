import { gunzip, sha256Hex } from '../core/bytes';
import { dataFileError } from '../core/errors';
import { type DatasetId, PIXELS, type Split } from './datasets';
import type { GreyImageSet } from './grey-image-set';

/**
 * The app's compact data assets: each split is cut into gzip shards of at most 10,000 images,
 * small enough for a runtime cache and a progress bar. A shard is
 * "PVDS" | u32 LE count | count label bytes | count × 784 pixel bytes.
 */
export const SHARD_MAGIC = 'PVDS';
export const SHARD_SIZE = 10_000;
const HEADER = 8;

export interface ShardInfo {
  file: string;
  count: number;
  /** Size of the gzip file, for progress and "how much to download". */
  bytes: number;
  /** SHA-256 of the uncompressed shard. */
  sha256: string;
}

export interface DataManifest {
  format: 1;
  dataset: DatasetId;
  classes: string[];
  imageShape: [28, 28];
  splits: Record<Split, { count: number; shards: ShardInfo[] }>;
  /** SHA-256 of the uncompressed canonical IDX files this was built from. */
  source: Record<string, string>;
}

export function encodeShard(set: GreyImageSet): Uint8Array {
  const out = new Uint8Array(HEADER + set.count * (1 + PIXELS));
  out.set(new TextEncoder().encode(SHARD_MAGIC), 0);
  new DataView(out.buffer).setUint32(4, set.count, true);
  out.set(set.labels.subarray(0, set.count), HEADER);
  out.set(set.images.subarray(0, set.count * PIXELS), HEADER + set.count);
  return out;
}

export function decodeShard(bytes: Uint8Array, name: string): GreyImageSet {
  if (bytes.length < HEADER || new TextDecoder().decode(bytes.subarray(0, 4)) !== SHARD_MAGIC) {
    throw dataFileError(name, 'it is not a data shard of this app');
  }
  const count = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true);
  if (bytes.length !== HEADER + count * (1 + PIXELS)) throw dataFileError(name, 'it is truncated');
  return {
    count,
    labels: bytes.subarray(HEADER, HEADER + count),
    images: bytes.subarray(HEADER + count),
  };
}

const isGzip = (b: Uint8Array) => b.length > 2 && b[0] === 0x1f && b[1] === 0x8b;

/** Some servers send the shard with Content-Encoding: gzip, so it may arrive already unpacked. */
async function unpack(bytes: Uint8Array, file: string): Promise<Uint8Array> {
  if (!isGzip(bytes)) return bytes;
  return gunzip(bytes).catch(() => {
    throw dataFileError(file, 'it could not be decompressed');
  });
}

export type FetchBytes = (file: string, onProgress?: (loaded: number) => void) => Promise<Uint8Array>;

/** Loads a whole split: fetches each shard, checks its checksum, joins them. */
export async function loadSplit(
  manifest: DataManifest,
  split: Split,
  fetchBytes: FetchBytes,
  onProgress?: (loadedBytes: number, totalBytes: number) => void,
): Promise<GreyImageSet> {
  const { count, shards } = manifest.splits[split];
  const total = shards.reduce((a, s) => a + s.bytes, 0);
  const images = new Uint8Array(count * PIXELS);
  const labels = new Uint8Array(count);
  let offset = 0;
  let loaded = 0;
  for (const shard of shards) {
    const raw = await unpack(await fetchBytes(shard.file), shard.file);
    if ((await sha256Hex(raw)) !== shard.sha256)
      throw dataFileError(shard.file, 'its checksum does not match the manifest');
    const part = decodeShard(raw, shard.file);
    if (part.count !== shard.count || offset + part.count > count)
      throw dataFileError(shard.file, 'its image count does not match the manifest');
    images.set(part.images, offset * PIXELS);
    labels.set(part.labels, offset);
    offset += part.count;
    loaded += shard.bytes;
    onProgress?.(loaded, total);
  }
  if (offset !== count) throw dataFileError(`${manifest.dataset} ${split}`, 'shards are missing');
  return { count, images, labels };
}
