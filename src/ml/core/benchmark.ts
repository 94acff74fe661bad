import * as tf from '@tensorflow/tfjs';
import { PIXELS } from '../digits/datasets';
import { buildMlp, DEFAULT_MLP } from '../digits/mlp';
import { recommendedMlp } from '../digits/mlp-presets';
import { trainMlp } from '../digits/mlp-training';
import type { Backbone } from '../photos/backbone';
import { BACKBONE_FEATURE_SIZE } from '../photos/backbone-spec';
import { buildHead, DEFAULT_HEAD } from '../photos/head';
import { runTrainingLoop } from './train-loop';
import { featureData } from './training-data';

export interface MlpBenchmark {
  backend: string;
  /** Training throughput of the bundled MNIST architecture, batch 128. */
  trainSamplesPerSecond: number;
  /** One drawing read: a single 784-vector through the same network. */
  predictMs: number;
}

/** Same workload in Node and in the browser worker: synthetic data, the real training loop. */
export async function benchmarkMlp(samples = 2048): Promise<MlpBenchmark> {
  const config = { ...recommendedMlp('mnist'), epochs: 1, shift: 0 };
  const rng = (i: number) => (i * 2654435761) % 256;
  const set = {
    count: samples,
    images: Uint8Array.from({ length: samples * PIXELS }, (_, i) => rng(i)),
    labels: Uint8Array.from({ length: samples }, (_, i) => i % 10),
  };
  const model = buildMlp({ ...DEFAULT_MLP, ...config });
  await trainMlp(model, { ...set, count: 256 }, null, config); // warm-up: kernels, shaders
  const t0 = performance.now();
  await trainMlp(model, set, null, config);
  const trainSeconds = (performance.now() - t0) / 1000;

  const x = tf.zeros([1, PIXELS]);
  const once = async () => {
    const y = model.predict(x) as tf.Tensor;
    await y.data();
    y.dispose();
  };
  await once();
  const t1 = performance.now();
  for (let i = 0; i < 20; i++) await once();
  const predictMs = (performance.now() - t1) / 20;
  x.dispose();
  model.dispose();
  return { backend: tf.getBackend(), trainSamplesPerSecond: samples / trainSeconds, predictMs };
}

export interface BackboneBenchmark {
  /** First forward pass after loading: kernel compilation / shader warm-up included. */
  firstMs: number;
  /** Mean of the following passes, one 224×224 photo each. */
  steadyMs: number;
}

export async function benchmarkBackbone(backbone: Backbone, runs = 3): Promise<BackboneBenchmark> {
  const input = new Float32Array(backbone.size * backbone.size * 3).fill(1);
  let t = performance.now();
  await backbone.features(input, 1);
  const firstMs = performance.now() - t;
  t = performance.now();
  for (let i = 0; i < runs; i++) await backbone.features(input, 1);
  return { firstMs, steadyMs: (performance.now() - t) / runs };
}

/** Head training throughput on synthetic backbone-sized features (the part that runs on the phone). */
export async function benchmarkHeadTraining(samples = 1024): Promise<number> {
  const dim = BACKBONE_FEATURE_SIZE;
  const features = Float32Array.from({ length: samples * dim }, (_, i) => ((i * 2654435761) % 1000) / 1000);
  const labels = Uint8Array.from({ length: samples }, (_, i) => i % 3);
  const config = { ...DEFAULT_HEAD, epochs: 1, patience: undefined };
  const head = buildHead(config, dim, 3);
  const data = featureData(features, dim, labels);
  await runTrainingLoop(head, 3, featureData(features.subarray(0, 128 * dim), dim, labels.subarray(0, 128)), null, {
    ...config,
    augment: false,
  });
  const t = performance.now();
  await runTrainingLoop(head, 3, data, null, { ...config, augment: false });
  const seconds = (performance.now() - t) / 1000;
  head.dispose();
  return samples / seconds;
}
