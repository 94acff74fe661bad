/**
 * Hostile classifier files, one maker per family of issue 16, for the fuzz suite
 * (tests/unit/hostile-bundles.test.ts) and the measurements (training/bench/hostile-files.ts).
 * Each maker builds a file from a valid export, or from nothing, the way an attacker would.
 */
import { Deflate, deflateSync, strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { type ClassifierBundle, writeClassifierBundle } from '../../src/ml/formats/classifier-bundle';
import { rawZip } from './raw-zip';

/** 1. Many parts whose directory entries all point at one stored blob. */
export function overlapping(parts: number, blobBytes: number, declareZero: boolean): Uint8Array {
  const blob = new Uint8Array(blobBytes).fill(0x41);
  return rawZip([
    { name: 'weights.bin', data: blob },
    ...Array.from({ length: parts - 1 }, (_, i) => ({
      name: `samples/${i}.f32`,
      data: blob,
      sharesWith: 0,
      ...(declareZero ? { size: 0, packed: 0 } : {}),
    })),
  ]);
}

/** 2. Deflate parts that declare `declared` bytes but inflate to `inflates` bytes each. */
export function lyingDeflate(parts: number, inflates: number, declared: number): Uint8Array {
  const data = deflateSync(new Uint8Array(inflates), { level: 9 });
  return rawZip(
    Array.from({ length: parts }, (_, i) => ({
      name: i ? `samples/${i}.f32` : 'manifest.json',
      data,
      method: 8 as const,
      size: declared,
    })),
  );
}

/** 3. A manifest small zipped and huge parsed: `bytes` of `{},` or of numbers; sizes declared honestly or not. */
export function hugeJson(kind: 'objects' | 'numbers', bytes: number, honest: boolean): Uint8Array {
  const head = strToU8('{"format":"pocket-vision-classifier","version":1,"pad":[');
  const unit = strToU8(kind === 'objects' ? '{},' : '12345678,');
  const tail = strToU8(kind === 'objects' ? '{}]}' : '1]}');
  const block = new Uint8Array(Math.floor((1 << 20) / unit.length) * unit.length);
  for (let i = 0; i < block.length; i += unit.length) block.set(unit, i);
  const chunks: Uint8Array[] = [];
  const d = new Deflate({ level: 9 }, (c) => chunks.push(c));
  d.push(head);
  let total = head.length + tail.length;
  const perBlock = block.length / unit.length;
  for (let units = Math.ceil(bytes / unit.length); units > 0; units -= perBlock) {
    const part = block.subarray(0, Math.min(units, perBlock) * unit.length);
    d.push(part);
    total += part.length;
  }
  d.push(tail, true);
  const data = concat(chunks);
  return rawZip([{ name: 'manifest.json', data, method: 8, size: honest ? total : Math.min(total, 1000) }]);
}

/** 4. A valid export whose card field holds `depth` nested arrays. */
export function deepNesting(valid: Uint8Array, depth: number, field: 'id' | 'classes' | 'backbone'): Uint8Array {
  return editManifest(valid, (m) => {
    m.card[field] = '\u0000DEEP';
    return JSON.stringify(m).replace('"\\u0000DEEP"', '['.repeat(depth) + ']'.repeat(depth));
  });
}

export type TopologyAttack = 'repeat-vector' | 'linear-output' | 'huge-weights' | 'functional' | 'no-hidden-relu';

/** 5. A head of a shape the app never makes, with checksums that match. */
export function strangeHead(base: ClassifierBundle, attack: TopologyAttack): Promise<Uint8Array> {
  const topology = structuredClone(base.modelTopology) as { class_name: string; config: { layers: Layer[] } };
  const layers = topology.config.layers;
  let weightData = base.weightData;
  if (attack === 'repeat-vector')
    layers.push(
      { class_name: 'RepeatVector', config: { n: 1_000_000, name: 'repeat' } },
      { class_name: 'GlobalAveragePooling1D', config: { name: 'pool' } },
    );
  if (attack === 'linear-output') layers.at(-1)!.config.activation = 'linear';
  if (attack === 'no-hidden-relu') layers[1].config.activation = 'linear';
  if (attack === 'functional') topology.class_name = 'Model';
  if (attack === 'huge-weights')
    weightData = Float32Array.from({ length: base.weightData.byteLength / 4 }, (_, i) => 3e38 * Math.sin(i + 1)).buffer;
  return writeClassifierBundle({ ...base, modelTopology: topology, weightData });
}
type Layer = { class_name: string; config: Record<string, unknown> };

/** 6. Class names that look alike or look like nothing. */
export function lookAlikeNames(base: ClassifierBundle, classes: string[]): Promise<Uint8Array> {
  return writeClassifierBundle({ ...base, card: { ...base.card, classes } });
}

/** Mutation: bytes flipped at the given (position, xor) pairs, positions taken modulo the length. */
export function flipBytes(valid: Uint8Array, flips: [number, number][]): Uint8Array {
  const out = valid.slice();
  for (const [at, x] of flips) out[at % out.length] ^= x || 1;
  return out;
}

/** Mutation: one manifest value (a path of keys) replaced, the parts' checksums left valid. */
export function replaceInManifest(valid: Uint8Array, path: readonly string[], value: unknown): Uint8Array {
  return editManifest(valid, (m) => {
    let at = m;
    for (const k of path.slice(0, -1)) at = typeof at[k] === 'object' && at[k] !== null ? at[k] : (at[k] = {});
    at[path.at(-1)!] = value;
    return JSON.stringify(m);
  });
}

// biome-ignore lint/suspicious/noExplicitAny: a manifest being broken on purpose has any shape
function editManifest(valid: Uint8Array, change: (m: any) => string): Uint8Array {
  const files = unzipSync(valid);
  files['manifest.json'] = strToU8(change(JSON.parse(strFromU8(files['manifest.json']))));
  return zipSync(files, { level: 1 });
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
