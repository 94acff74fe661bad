/**
 * Topology surgery on Keras JSON: input size, cutting at a layer, batch-norm folding, and a
 * stand-alone topology for one Dense layer. Pure functions: inputs are cloned, never changed.
 */
import type { ModelTopology, NamedWeight } from './weights-files';

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
  for (const l of layers)
    for (const node of l.inbound_nodes) for (const [from] of node) consumers.set(from, (consumers.get(from) ?? 0) + 1);
  const outputs = new Set(t.model_config.config.output_layers.map(([n]) => n));
  const folded: string[] = [];

  for (const bn of layers.filter((l) => l.class_name === 'BatchNormalization')) {
    if (bn.inbound_nodes.length !== 1 || bn.inbound_nodes[0].length !== 1) continue;
    const conv = byName.get(bn.inbound_nodes[0][0][0]);
    if (conv?.class_name !== 'Conv2D' || conv.config.activation !== 'linear') continue;
    if (consumers.get(conv.name) !== 1 || outputs.has(conv.name) || conv.inbound_nodes.length !== 1) continue;
    const axis = ([] as unknown[]).concat(bn.config.axis);
    if (axis.length !== 1 || (axis[0] !== -1 && axis[0] !== 3)) continue;

    const kernel = w.get(`${conv.name}/kernel`)!;
    const filters = kernel.shape[kernel.shape.length - 1];
    const bias = w.get(`${conv.name}/bias`)?.values ?? new Float32Array(filters);
    const get = (v: string, fallback: number) =>
      w.get(`${bn.name}/${v}`)?.values ?? new Float32Array(filters).fill(fallback);
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
    for (const l of layers)
      for (const node of l.inbound_nodes) for (const ref of node) if (ref[0] === bn.name) ref[0] = conv.name;
    t.model_config.config.output_layers = t.model_config.config.output_layers.map((o) =>
      o[0] === bn.name ? [conv.name, o[1], o[2]] : o,
    );
    folded.push(bn.name);
  }
  const dropped = new Set(folded);
  t.model_config.config.layers = layers.filter((l) => !dropped.has(l.name));
  // Manifest in layer order, so a person reading model.json finds each conv's kernel and bias together.
  const order = t.model_config.config.layers.flatMap((l) => [...w.keys()].filter((n) => n.startsWith(`${l.name}/`)));
  return { topology: t, weights: order.map((n) => w.get(n)!), folded };
}

/** A one-layer model that applies the source's `denseName` layer to a backbone feature vector. */
export function denseHeadTopology(source: ModelTopology, denseName: string, inputSize: number): ModelTopology {
  const dense = clone(layersOf(source).find((l) => l.name === denseName));
  if (dense?.class_name !== 'Dense') throw new Error(`The model has no Dense layer "${denseName}".`);
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
