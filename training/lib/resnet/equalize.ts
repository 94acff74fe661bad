/**
 * Cross-layer equalization (Nagel et al. 2019, "Data-free quantization"), so that one uint8 range
 * per tensor suits every channel: for a conv A → ReLU → conv B chain, output channel i of A is
 * divided by s_i and input channel i of B multiplied by it. ReLU(x/s) = ReLU(x)/s for s > 0, so the
 * model computes the same function; s_i = √(rA_i / rB_i) leaves both channels with range √(rA_i·rB_i).
 * Run after batch-norm folding; returns new weights, the inputs are not changed.
 */
import type { ModelTopology, NamedWeight } from './weights-files';

/** Convs A and B with only a ReLU between them (A feeds nothing else, the ReLU feeds only B). */
export function reluChains(topology: ModelTopology): [string, string][] {
  const layers = topology.model_config.config.layers;
  const byName = new Map(layers.map((l) => [l.name, l]));
  const consumers = new Map<string, string[]>();
  for (const l of layers)
    for (const node of l.inbound_nodes)
      for (const [from] of node) consumers.set(from, [...(consumers.get(from) ?? []), l.name]);
  const only = (name: string) => {
    const c = consumers.get(name) ?? [];
    return c.length === 1 ? byName.get(c[0]) : undefined;
  };
  const pairs: [string, string][] = [];
  for (const a of layers) {
    if (a.class_name !== 'Conv2D' || a.config.activation !== 'linear') continue;
    const relu = only(a.name);
    if (relu?.class_name !== 'Activation' || relu.config.activation !== 'relu') continue;
    const b = only(relu.name);
    if (b?.class_name === 'Conv2D') pairs.push([a.name, b.name]);
  }
  return pairs;
}

/** Equalizes every chain, `rounds` times over (each round moves the ranges closer). */
export function equalizeReluChains(topology: ModelTopology, weights: NamedWeight[], rounds = 4): NamedWeight[] {
  const w = new Map(weights.map((x) => [x.name, { ...x, values: Float32Array.from(x.values) }]));
  const pairs = reluChains(topology);
  for (let r = 0; r < rounds; r++) {
    for (const [a, b] of pairs) {
      const ka = w.get(`${a}/kernel`)!;
      const ba = w.get(`${a}/bias`);
      const kb = w.get(`${b}/kernel`)!;
      const channels = ka.shape[3];
      const outB = kb.shape[3];
      const rangeA = new Float64Array(channels);
      const rangeB = new Float64Array(channels);
      // HWIO: A's output channel is the innermost index; B's input channel is the one before it.
      ka.values.forEach((v, i) => {
        const c = i % channels;
        rangeA[c] = Math.max(rangeA[c], Math.abs(v));
      });
      kb.values.forEach((v, i) => {
        const c = Math.floor(i / outB) % channels;
        rangeB[c] = Math.max(rangeB[c], Math.abs(v));
      });
      const s = Float64Array.from(rangeA, (ra, c) => (ra > 0 && rangeB[c] > 0 ? Math.sqrt(ra / rangeB[c]) : 1));
      for (let i = 0; i < ka.values.length; i++) ka.values[i] /= s[i % channels];
      if (ba) for (let c = 0; c < channels; c++) ba.values[c] /= s[c];
      for (let i = 0; i < kb.values.length; i++) kb.values[i] *= s[Math.floor(i / outB) % channels];
    }
  }
  return weights.map((x) => w.get(x.name)!);
}
