/**
 * Labelled image collections for head training (Node): a folder per class (torchvision's
 * ImageFolder layout) or CIFAR binary batches. Each image is a serialisable reference, so
 * extraction can run in other processes.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sha256Hex } from '../../src/ml/core/bytes';
import { dataFileError } from '../../src/ml/core/errors';
import { CIFAR_SIDE, parseCifarBatch } from '../../src/ml/photos/cifar';
import { type DecodedImage, decodeImageFile } from './decode-image';

export type ImageRef = { kind: 'file'; path: string } | { kind: 'cifar'; path: string; index: number };

export interface LabelledImages {
  kind: 'folders' | 'cifar';
  classes: string[];
  refs: ImageRef[];
  labels: Uint8Array;
}

const IMAGE_EXT = /\.(jpe?g|png|webp|gif|bmp|tiff?|avif|heic)$/i;
const RECORD = 1 + 3 * CIFAR_SIDE * CIFAR_SIDE;

export function listImages(dir: string): LabelledImages {
  const entries = readdirSync(dir).sort();
  const batches = entries.filter((f) => /^(data|test)_batch(_\d+)?\.bin$/.test(f));
  if (batches.length) return listCifar(dir, batches);
  const classes = entries.filter((f) => statSync(join(dir, f)).isDirectory());
  if (classes.length < 2)
    throw dataFileError(dir, 'it needs one folder per class (at least two) or CIFAR data_batch_*.bin files');
  const refs: ImageRef[] = [];
  const labels: number[] = [];
  classes.forEach((name, label) => {
    for (const f of readdirSync(join(dir, name)).sort()) {
      if (!IMAGE_EXT.test(f)) continue;
      refs.push({ kind: 'file', path: join(dir, name, f) });
      labels.push(label);
    }
  });
  return { kind: 'folders', classes, refs, labels: Uint8Array.from(labels) };
}

function listCifar(dir: string, batches: string[]): LabelledImages {
  const metaPath = join(dir, 'batches.meta.txt');
  const classes = readFileSync(metaPath, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const refs: ImageRef[] = [];
  const labels: number[] = [];
  for (const b of batches) {
    const path = join(dir, b);
    const set = parseCifarBatch(new Uint8Array(readFileSync(path)), path, classes.length);
    for (let i = 0; i < set.count; i++) {
      refs.push({ kind: 'cifar', path, index: i });
      labels.push(set.labels[i]);
    }
  }
  return { kind: 'cifar', classes, refs, labels: Uint8Array.from(labels) };
}

const batchCache = new Map<string, Uint8Array>();
function cifarBytes(path: string): Uint8Array {
  let bytes = batchCache.get(path);
  if (!bytes) batchCache.set(path, (bytes = new Uint8Array(readFileSync(path))));
  return bytes;
}

/** The bytes that identify an image: the file, or the CIFAR record. */
export function refBytes(ref: ImageRef): Uint8Array {
  return ref.kind === 'file'
    ? new Uint8Array(readFileSync(ref.path))
    : cifarBytes(ref.path).subarray(ref.index * RECORD, (ref.index + 1) * RECORD);
}

export const hashRef = (ref: ImageRef) => sha256Hex(refBytes(ref));

export async function loadRef(ref: ImageRef): Promise<DecodedImage> {
  if (ref.kind === 'file') return decodeImageFile(ref.path);
  const record = refBytes(ref);
  const one = parseCifarBatch(record, ref.path);
  return { width: one.width, height: one.height, channels: 3, data: one.pixels };
}
