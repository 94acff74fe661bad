/**
 * What a phone pays for each stored form of the photo model: bytes to download, the first answer
 * after a cold start (fetch + decode + first pass, and the first pass alone) and the steady time
 * per photo at every input side the backbone supports (live mode could use the smaller ones).
 * The model is fetched once; the other sides reuse its weights under a resized input layer.
 */
import * as tf from '@tensorflow/tfjs';
import { Backbone } from '../photos/backbone';
import { BACKBONE_INPUT_SIZES, type BackboneInputSize, type BackboneVariant } from '../photos/backbone-spec';

export interface VariantBenchmark {
  variant: BackboneVariant;
  /** model.json + weight shards. */
  bytes: number;
  /** From asking for the model to the first 224 px answer: download (or read) + decode + first pass. */
  coldMs: number;
  /** The first 224 px pass alone (kernel compilation / shader warm-up included). */
  firstMs: number;
  /** Mean of the following passes, one photo each, per input side. */
  steadyMs: Partial<Record<BackboneInputSize, number>>;
}

/** `artifacts` fetches the model's files (an HTTP or file handler's load), called once. */
export async function benchmarkVariant(
  variant: BackboneVariant,
  artifacts: () => Promise<tf.io.ModelArtifacts>,
  runs = 3,
): Promise<VariantBenchmark> {
  const started = performance.now();
  const a = await artifacts();
  const weightBytes = a.weightData
    ? (Array.isArray(a.weightData) ? a.weightData : [a.weightData]).reduce((n, b) => n + b.byteLength, 0)
    : 0;
  const bytes = weightBytes + JSON.stringify({ modelTopology: a.modelTopology, weightsManifest: a.weightSpecs }).length;
  const steadyMs: VariantBenchmark['steadyMs'] = {};
  let firstMs = 0;
  let coldMs = 0;
  for (const size of BACKBONE_INPUT_SIZES) {
    const model = await tf.loadLayersModel(tf.io.fromMemory(resized(a, size)));
    const b = new Backbone(model);
    const input = new Float32Array(size * size * 3).fill(1);
    let t = performance.now();
    await b.features(input, 1);
    if (size === 224) [firstMs, coldMs] = [performance.now() - t, performance.now() - started];
    t = performance.now();
    for (let i = 0; i < runs; i++) await b.features(input, 1);
    steadyMs[size] = (performance.now() - t) / runs;
    b.dispose();
  }
  return { variant, bytes, coldMs, firstMs, steadyMs };
}

function resized(a: tf.io.ModelArtifacts, size: number): tf.io.ModelArtifacts {
  const topology = structuredClone(a.modelTopology) as {
    model_config?: { config: { layers: { class_name: string; config: Record<string, unknown> }[] } };
    config?: { layers: { class_name: string; config: Record<string, unknown> }[] };
  };
  const layers = (topology.model_config ?? topology).config?.layers ?? [];
  const input = layers.find((l) => l.class_name === 'InputLayer');
  if (input) input.config.batch_input_shape = [null, size, size, 3];
  return { ...a, modelTopology: topology as tf.io.ModelArtifacts['modelTopology'] };
}
