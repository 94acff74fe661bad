import * as tf from '@tensorflow/tfjs';
import { PIXELS } from './datasets';
import { buildMlp, DEFAULT_MLP } from './mlp';
import { recommendedMlp } from './mlp-presets';
import { trainMlp } from './train-mlp';

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
