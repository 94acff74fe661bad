import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Float16OverflowError,
  float16OverflowIndex,
  float16ToFloat32,
  float32ToFloat16,
  fromFloat16Bits,
  toFloat16Bits,
} from '../../src/ml/core/float16';
import { BACKBONE_FEATURE_SIZE } from '../../src/ml/photos/backbone-spec';
import { BUNDLED_HEADS } from '../../src/ml/photos/bundled-heads';
import { backboneVersion } from '../../training/lib/backbone-node';
import { loadModel } from '../../training/lib/model-files';
import { initNodeTf, tf } from '../../training/lib/node-tf';
import { MIN_FEATURE_COSINE, MIN_UINT8_FEATURE_COSINE } from '../../training/lib/resnet/agreement';
import { equalizeReluChains, reluChains } from '../../training/lib/resnet/equalize';
import { foldBatchNorm } from '../../training/lib/resnet/surgery';
import {
  encodeWeights,
  MAX_SHARD_BYTES,
  type ModelTopology,
  type NamedWeight,
  quantizeUint8,
  splitIntoShards,
  writeModelFiles,
} from '../../training/lib/resnet/weights-files';

let scratch = '';
beforeAll(async () => {
  await initNodeTf();
  scratch = await mkdtemp(join(tmpdir(), 'pv-resnet-'));
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

describe('float16', () => {
  it('encodes known values exactly, rounding to nearest even', () => {
    const cases: [number, number][] = [
      [1, 0x3c00],
      [-2, 0xc000],
      [0.5, 0x3800],
      [65504, 0x7bff], // largest finite half
      [65519, 0x7bff], // still rounds down to it
      [1 / 3, 0x3555],
      [0.1, 0x2e66],
      [1 + 2 ** -11, 0x3c00], // tie → even mantissa
      [1 + 3 * 2 ** -11, 0x3c02], // tie → even mantissa (up)
      [2 ** -14, 0x0400], // smallest normal
      [1023 * 2 ** -24, 0x03ff], // largest subnormal
      [2 ** -24, 0x0001], // smallest subnormal
      [3 * 2 ** -24, 0x0003],
      [1.5 * 2 ** -24, 0x0002], // subnormal tie → even
      [2 ** -25, 0x0000], // tie between 0 and 2^-24 → even (0)
      [2 ** -26, 0x0000],
      [-0, 0x8000],
      [Infinity, 0x7c00],
      [-Infinity, 0xfc00],
    ];
    for (const [x, bits] of cases) expect([x, toFloat16Bits(x)]).toEqual([x, bits]);
    expect(Number.isNaN(fromFloat16Bits(toFloat16Bits(NaN)))).toBe(true);
  });

  it('round-trips every one of the 65,536 half values', () => {
    for (let bits = 0; bits < 0x10000; bits++) {
      const x = fromFloat16Bits(bits);
      if (Number.isNaN(x)) continue;
      if (toFloat16Bits(x) !== bits)
        throw new Error(`0x${bits.toString(16)} → ${x} → 0x${toFloat16Bits(x).toString(16)}`);
    }
    expect(fromFloat16Bits(0x0001)).toBe(2 ** -24);
    expect(fromFloat16Bits(0x7bff)).toBe(65504);
    expect(Object.is(fromFloat16Bits(0x8000), -0)).toBe(true);
  });

  it('refuses finite values that would become Infinity, naming where', () => {
    expect(() => float32ToFloat16([1, 83614.734375])).toThrow(Float16OverflowError);
    expect(() => float32ToFloat16([65520])).toThrow(/outside the float16 range/);
    expect(() => float32ToFloat16([-65520])).toThrow(Float16OverflowError);
    expect(float16OverflowIndex([0, -3, 83614.734375])).toBe(2);
    expect(float16OverflowIndex([65519.99, -65504, Infinity])).toBe(-1); // real Infinity is representable
    expect(float16ToFloat32(float32ToFloat16([65519.99]))[0]).toBe(65504);
  });

  it('writes bits that TF.js decodes to the same numbers', () => {
    const values = Float32Array.from([0, 1, -1.5, 1 / 3, 3e-6, -7e-8, 2 ** -14, 60000, 1e-9, 0.1]);
    const { specs, data } = encodeWeights([{ name: 'w', shape: [10], values }], { float16: true });
    expect(specs[0]).toMatchObject({ dtype: 'float32', quantization: { dtype: 'float16' } });
    expect(data.length).toBe(20);
    const decoded = tf.io.decodeWeights(data.slice().buffer, specs).w;
    expect(Array.from(decoded.dataSync())).toEqual(Array.from(float16ToFloat32(float32ToFloat16(values))));
    decoded.dispose();
  });
});

describe('weight storage', () => {
  it('keeps an out-of-range tensor float32 and says why', () => {
    const weights: NamedWeight[] = [
      { name: 'bn_conv1/moving_variance', shape: [2], values: Float32Array.from([1, 83614.734375]) },
      { name: 'conv1/kernel', shape: [2], values: Float32Array.from([0.5, -0.25]) },
    ];
    const { specs, data, keptFloat32 } = encodeWeights(weights, { float16: true });
    expect(keptFloat32).toEqual([
      { name: 'bn_conv1/moving_variance', reason: expect.stringMatching(/outside the float16 range/) },
    ]);
    expect(specs[0].quantization).toBeUndefined();
    expect(specs[1].quantization).toEqual({ dtype: 'float16' });
    expect(data.length).toBe(2 * 4 + 2 * 2);
  });

  it('splits weight data into shards of at most the limit, in order', () => {
    const data = new Uint8Array(2 * MAX_SHARD_BYTES + 5).map((_, i) => i % 251);
    const shards = splitIntoShards(data);
    expect(shards.map((s) => s.length)).toEqual([MAX_SHARD_BYTES, MAX_SHARD_BYTES, 5]);
    expect(Buffer.concat(shards).equals(Buffer.from(data))).toBe(true);
    expect(splitIntoShards(new Uint8Array(MAX_SHARD_BYTES)).length).toBe(1);
  });
});

describe('batch-norm folding', () => {
  /** conv(bias) → BN → ReLU → conv(no bias) → BN → GAP, with stats as extreme as ResNet50's bn_conv1. */
  async function tinyModel(): Promise<{ model: tf.LayersModel; topology: ModelTopology; weights: NamedWeight[] }> {
    const input = tf.input({ shape: [6, 6, 3], name: 'image' });
    let x = tf.layers.conv2d({ filters: 4, kernelSize: 3, name: 'c1' }).apply(input) as tf.SymbolicTensor;
    x = tf.layers.batchNormalization({ name: 'bn1' }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.activation({ activation: 'relu', name: 'r1' }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.conv2d({ filters: 5, kernelSize: 1, useBias: false, name: 'c2' }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.batchNormalization({ name: 'bn2', epsilon: 1e-5 }).apply(x) as tf.SymbolicTensor;
    const model = tf.model({
      inputs: input,
      outputs: tf.layers.globalAveragePooling2d({ name: 'gap' }).apply(x) as tf.SymbolicTensor,
    });
    const rand = (n: number, lo: number, hi: number, seed: number) =>
      Float32Array.from({ length: n }, (_, i) => lo + (hi - lo) * ((Math.sin(seed * 97 + i * 13.7) + 1) / 2));
    const stats: Record<string, Float32Array> = {
      'bn1/gamma': rand(4, 0.5, 2, 1),
      'bn1/beta': rand(4, -1, 1, 2),
      'bn1/moving_mean': rand(4, -50, 50, 3),
      'bn1/moving_variance': Float32Array.from([0.01, 2, 83614.734375, 400]),
      'bn2/gamma': rand(5, -2, 2, 4),
      'bn2/beta': rand(5, -1, 1, 5),
      'bn2/moving_mean': rand(5, -3, 3, 6),
      'bn2/moving_variance': rand(5, 0.1, 9, 7),
    };
    let artifacts!: tf.io.ModelArtifacts;
    await model.save(
      tf.io.withSaveHandler(async (a) => {
        artifacts = a;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    const decoded = tf.io.decodeWeights(artifacts.weightData!, artifacts.weightSpecs!);
    const weights = artifacts.weightSpecs!.map((s) => ({
      name: s.name,
      shape: s.shape,
      values:
        stats[s.name] ??
        rand(
          s.shape.reduce((a, b) => a * b, 1),
          -0.5,
          0.5,
          s.name.length,
        ),
    }));
    tf.dispose(Object.values(decoded));
    model.setWeights(weights.map((w) => tf.tensor(w.values, w.shape)));
    return { model, topology: { model_config: artifacts.modelTopology as ModelTopology['model_config'] }, weights };
  }

  it('removes the BN layers and computes the same function', async () => {
    const { model, topology, weights } = await tinyModel();
    const fold = foldBatchNorm(topology, weights);
    expect(fold.folded).toEqual(['bn1', 'bn2']);
    expect(fold.topology.model_config.config.layers.map((l) => l.name)).toEqual(['image', 'c1', 'r1', 'c2', 'gap']);
    expect(fold.weights.map((w) => w.name)).toEqual(['c1/kernel', 'c1/bias', 'c2/kernel', 'c2/bias']);

    const dir = join(scratch, 'folded');
    const written = await writeModelFiles(dir, fold.topology, fold.weights, { float16: false }, 64);
    expect(written.files[1]).toMatch(/^group1-shard1of\d+\.bin$/);
    for (const f of written.files.slice(1)) expect((await stat(join(dir, f))).size).toBeLessThanOrEqual(64);
    const folded = await loadModel(dir);

    const x = tf.randomUniform([2, 6, 6, 3], -120, 150, 'float32', 7);
    const [want, got] = [model.predict(x) as tf.Tensor, folded.predict(x) as tf.Tensor];
    const scale = want.abs().max().dataSync()[0];
    expect(tf.max(tf.abs(tf.sub(want, got))).dataSync()[0] / scale).toBeLessThan(1e-5);
    tf.dispose([x, want, got]);
    model.dispose();
    folded.dispose();
  });

  it('equalizes conv → ReLU → conv channel ranges without changing the function, then stores them as uint8', async () => {
    const { model, topology, weights } = await tinyModel();
    const fold = foldBatchNorm(topology, weights);
    expect(reluChains(fold.topology)).toEqual([['c1', 'c2']]);
    const equalized = equalizeReluChains(fold.topology, fold.weights);
    // After equalizing, output channel c of c1 and input channel c of c2 span the same range.
    const k1 = equalized.find((w) => w.name === 'c1/kernel')!;
    const k2 = equalized.find((w) => w.name === 'c2/kernel')!;
    for (let c = 0; c < 4; c++) {
      const r1 = Math.max(...k1.values.filter((_, i) => i % 4 === c).map(Math.abs));
      const r2 = Math.max(...k2.values.filter((_, i) => Math.floor(i / 5) % 4 === c).map(Math.abs));
      expect(r1 / r2).toBeCloseTo(1, 4);
    }
    const x = tf.randomUniform([2, 6, 6, 3], -120, 150, 'float32', 7);
    const want = model.predict(x) as tf.Tensor;
    const scale = want.abs().max().dataSync()[0];
    for (const [name, policy, tolerance] of [
      ['equalized', { float16: false }, 1e-5],
      ['uint8', { float16: true, uint8: (w: NamedWeight) => /kernel$/.test(w.name) }, 0.05],
    ] as const) {
      const dir = join(scratch, name);
      await writeModelFiles(dir, fold.topology, equalized, policy);
      const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
      const kinds = json.weightsManifest[0].weights.map(
        (w: { quantization?: { dtype: string } }) => w.quantization?.dtype,
      );
      expect(kinds).toEqual(
        name === 'uint8' ? ['uint8', 'float16', 'uint8', 'float16'] : [undefined, undefined, undefined, undefined],
      );
      const loaded = await loadModel(dir);
      const got = loaded.predict(x) as tf.Tensor;
      expect(tf.max(tf.abs(tf.sub(want, got))).dataSync()[0] / scale).toBeLessThan(tolerance);
      tf.dispose(got);
      loaded.dispose();
    }
    tf.dispose([x, want]);
    model.dispose();
  });
});

describe('uint8 weights', () => {
  it('span the tensor range in 256 steps, as TF.js decodes them (q·scale + min)', () => {
    const values = Float32Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 3 - 0.5);
    const { q, min, scale } = quantizeUint8(values);
    expect(Math.min(...q)).toBe(0);
    expect(Math.max(...q)).toBe(255);
    const encoded = encodeWeights([{ name: 'k/kernel', shape: [1000], values }], {
      float16: true,
      uint8: () => true,
    });
    expect(encoded.data.length).toBe(1000);
    const t = tf.io.decodeWeights(encoded.data.slice().buffer, encoded.specs)['k/kernel'];
    const decoded = t.dataSync();
    t.dispose();
    for (let i = 0; i < values.length; i++) {
      expect(Math.abs(decoded[i] - values[i])).toBeLessThanOrEqual(scale / 2 + 1e-6);
      expect(decoded[i]).toBeCloseTo(q[i] * scale + min, 5);
    }
  });
});

// The real model: built by `npm run prepare:assets` (training/cli/convert-resnet.ts, ~15 s). Missing, it
// fails here rather than skipping, so a checkout without it cannot pass as tested.
const backboneDir = 'models/resnet50';
describe('converted ResNet50 backbone', () => {
  beforeAll(() => {
    if (!existsSync(join(backboneDir, 'model.json')))
      throw new Error(`${backboneDir}/model.json is missing: run \`npm run prepare:assets\` first.`);
  });

  it('outputs BACKBONE_FEATURE_SIZE features per image without leaking tensors', async () => {
    const backbone = await loadModel(backboneDir);
    const before = tf.memory().numTensors;
    const features = tf.tidy(() => backbone.predict(tf.zeros([1, 224, 224, 3])) as tf.Tensor);
    expect(features.shape).toEqual([1, BACKBONE_FEATURE_SIZE]);
    features.dispose();
    expect(tf.memory().numTensors).toBe(before);
    backbone.dispose();
  });

  it('has the version every bundled head was trained on, so their cards and exported files stay valid', async () => {
    const version = await backboneVersion(backboneDir);
    for (const id of BUNDLED_HEADS.filter((h) => h !== 'imagenet')) {
      const card = JSON.parse(await readFile(join('models/heads', id, 'card.json'), 'utf8'));
      expect({ id, version: card.backbone.version }).toEqual({ id, version });
    }
  });

  it('recorded feature cosine ≥ 0.999 against the float32 original, in shards ≤ 4 MiB', async () => {
    const card = JSON.parse(await readFile(join(backboneDir, 'card.json'), 'utf8'));
    expect(card.id).toBe('resnet50-imagenet-features');
    expect(card.agreement.featureCosineMin).toBeGreaterThanOrEqual(MIN_FEATURE_COSINE);
    expect(card.agreement.photos.length).toBeGreaterThanOrEqual(8);
    for (const f of card.storage.files)
      expect((await stat(join(backboneDir, f))).size).toBeLessThanOrEqual(MAX_SHARD_BYTES);
  });

  it('has a uint8 copy at most 26 MB that stays close to the original', async () => {
    const dir = 'models/resnet50-uint8';
    const card = JSON.parse(await readFile(join(dir, 'card.json'), 'utf8'));
    expect(card.variant).toBe('uint8');
    expect(card.version).toBe(await backboneVersion(dir));
    expect(card.storage.totalBytes).toBeLessThanOrEqual(26e6);
    expect(card.agreement.featureCosineMin).toBeGreaterThanOrEqual(MIN_UINT8_FEATURE_COSINE);
    let bytes = 0;
    for (const f of card.storage.files) bytes += (await stat(join(dir, f))).size;
    expect(bytes).toBe(card.storage.totalBytes);
  });
});
