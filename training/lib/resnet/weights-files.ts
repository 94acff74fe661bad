/**
 * Layers-model files: weights as plain arrays, topology as Keras JSON. Reads a model.json + shards
 * into named weights, encodes them (float16 where they fit), shards them and writes them back.
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { float16OverflowIndex, float32ToFloat16 } from '../../../src/ml/core/float16';
import { tf } from '../node-tf';

/**
 * model.json's `convertedBy`, frozen as the converter was first published (training/convert-resnet.ts,
 * now training/cli/convert-resnet.ts): the backbone's version is a hash of model.json, and every
 * bundled head card and every exported classifier file names that version. A new string here would
 * make the app refuse them all.
 */
export const CONVERTED_BY = 'pocket-vision training/convert-resnet.ts';

/** A service worker caches each shard as one response; 4 MiB keeps each one well within limits. */
export const MAX_SHARD_BYTES = 4 * 1024 * 1024;

export interface NamedWeight {
  name: string;
  shape: number[];
  values: Float32Array;
}

type InboundRef = [string, number, number, Record<string, unknown>];
export interface LayerJson {
  name: string;
  class_name: string;
  config: Record<string, unknown>;
  inbound_nodes: InboundRef[][];
}
export interface ModelTopology {
  keras_version?: string;
  backend?: string;
  model_config: {
    class_name: string;
    config: { name: string; layers: LayerJson[]; input_layers: unknown[]; output_layers: [string, number, number][] };
  };
}

interface ModelJson {
  modelTopology: ModelTopology;
  weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
}

export async function readModelFiles(dir: string): Promise<{ topology: ModelTopology; weights: NamedWeight[] }> {
  const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as ModelJson;
  const specs = json.weightsManifest.flatMap((g) => g.weights);
  const shards = await Promise.all(json.weightsManifest.flatMap((g) => g.paths.map((p) => readFile(join(dir, p)))));
  const tensors = tf.io.decodeWeights(new Uint8Array(Buffer.concat(shards)).buffer, specs);
  const weights = specs.map((s) => {
    const t = tensors[s.name];
    const values = t.dataSync() as Float32Array;
    t.dispose();
    return { name: s.name, shape: s.shape, values };
  });
  return { topology: json.modelTopology, weights };
}

export interface Float16Policy {
  /** Store a tensor in float16 when all its values fit; otherwise float32 and say so. */
  float16: boolean;
  /** Tensors to keep float32 regardless (why: see the card's storage note). */
  keepFloat32?: (w: NamedWeight) => boolean;
  /** Tensors to store as per-tensor affine uint8 (value = q·scale + min), the rest as above. */
  uint8?: (w: NamedWeight) => boolean;
}

/**
 * Kernels of at least 4096 values (99.8% of ResNet50's weights) except the first convolution, which
 * sees raw pixels and costs 9 KB more as float16; biases stay float16.
 */
export const isLargeKernel = (w: NamedWeight): boolean =>
  /\/kernel$/.test(w.name) && w.values.length >= 4096 && w.name !== 'conv1/kernel';

/**
 * Per-tensor affine uint8 as a TF.js weights manifest decodes it: value = q·scale + min, q in 0…255,
 * over the tensor's whole range (clipping outliers to get finer steps measured worse: feature
 * cosine mean 0.974 against 0.986 unclipped).
 */
export function quantizeUint8(values: Float32Array): { q: Uint8Array; min: number; scale: number } {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  // Stored as float32 in the manifest's JSON: round-trip both so encoding uses what decoding will.
  const min = Math.fround(lo);
  const scale = Math.fround(hi > lo ? (hi - lo) / 255 : 1);
  const q = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) q[i] = Math.min(255, Math.max(0, Math.round((values[i] - min) / scale)));
  return { q, min, scale };
}

export interface EncodedWeights {
  specs: tf.io.WeightsManifestEntry[];
  data: Uint8Array;
  /** Tensors stored float32 although float16 was asked for, with the reason. */
  keptFloat32: { name: string; reason: string }[];
}

export function encodeWeights(weights: NamedWeight[], policy: Float16Policy): EncodedWeights {
  const specs: tf.io.WeightsManifestEntry[] = [];
  const parts: Uint8Array[] = [];
  const keptFloat32: EncodedWeights['keptFloat32'] = [];
  for (const w of weights) {
    if (policy.uint8?.(w)) {
      const { q, min, scale } = quantizeUint8(w.values);
      specs.push({ name: w.name, shape: w.shape, dtype: 'float32', quantization: { dtype: 'uint8', min, scale } });
      parts.push(q);
      continue;
    }
    let reason = '';
    if (policy.float16) {
      const overflow = float16OverflowIndex(w.values);
      if (overflow >= 0) reason = `value ${w.values[overflow]} is outside the float16 range`;
      else if (policy.keepFloat32?.(w)) reason = 'kept float32 by policy';
    }
    if (policy.float16 && !reason) {
      specs.push({ name: w.name, shape: w.shape, dtype: 'float32', quantization: { dtype: 'float16' } });
      const halves = float32ToFloat16(w.values);
      parts.push(new Uint8Array(halves.buffer, halves.byteOffset, halves.byteLength));
    } else {
      specs.push({ name: w.name, shape: w.shape, dtype: 'float32' });
      parts.push(new Uint8Array(w.values.buffer, w.values.byteOffset, w.values.byteLength));
      if (reason) keptFloat32.push({ name: w.name, reason });
    }
  }
  return { specs, data: new Uint8Array(Buffer.concat(parts)), keptFloat32 };
}

/** Consecutive slices of at most maxBytes; TF.js concatenates the shards before decoding. */
export function splitIntoShards(data: Uint8Array, maxBytes = MAX_SHARD_BYTES): Uint8Array[] {
  if (!(maxBytes > 0)) throw new RangeError('The shard size must be positive.');
  const shards: Uint8Array[] = [];
  for (let at = 0; at < data.length; at += maxBytes) shards.push(data.subarray(at, at + maxBytes));
  return shards.length ? shards : [data];
}

export interface WrittenModel {
  files: string[];
  totalBytes: number;
  keptFloat32: EncodedWeights['keptFloat32'];
}

export async function writeModelFiles(
  dir: string,
  topology: ModelTopology,
  weights: NamedWeight[],
  policy: Float16Policy,
  maxShardBytes = MAX_SHARD_BYTES,
): Promise<WrittenModel> {
  await mkdir(dir, { recursive: true });
  // Old shards from a run with a different shard count would linger in the cache otherwise.
  for (const f of await readdir(dir)) if (/^group\d+-shard\d+of\d+\.bin$/.test(f)) await rm(join(dir, f));
  const encoded = encodeWeights(weights, policy);
  const shards = splitIntoShards(encoded.data, maxShardBytes);
  const paths = shards.map((_, i) => `group1-shard${i + 1}of${shards.length}.bin`);
  const json = {
    format: 'layers-model',
    generatedBy: `TensorFlow.js tfjs-layers v${tf.version.tfjs}`,
    convertedBy: CONVERTED_BY,
    modelTopology: topology,
    weightsManifest: [{ paths, weights: encoded.specs }],
  };
  const modelJson = JSON.stringify(json);
  await writeFile(join(dir, 'model.json'), modelJson);
  for (let i = 0; i < shards.length; i++) await writeFile(join(dir, paths[i]), shards[i]);
  const totalBytes = Buffer.byteLength(modelJson) + encoded.data.length;
  return { files: ['model.json', ...paths], totalBytes, keptFloat32: encoded.keptFloat32 };
}

/** The same topology + weights as a live float32 model, without writing files. */
export async function loadFromMemory(topology: ModelTopology, weights: NamedWeight[]): Promise<tf.LayersModel> {
  const encoded = encodeWeights(weights, { float16: false });
  const { buffer, byteOffset, byteLength } = encoded.data;
  return tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: topology as unknown as tf.io.ModelJSON['modelTopology'],
      weightSpecs: encoded.specs,
      weightData: buffer.slice(byteOffset, byteOffset + byteLength) as ArrayBuffer,
    }),
  );
}
