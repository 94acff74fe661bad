/**
 * Only the heads this app makes are accepted (buildHead in src/ml/photos/head.ts, `train:head`):
 * a Sequential over the backbone's features, an optional Dropout, an optional Dense+ReLU hidden
 * layer with an optional Dropout, and a Dense softmax over the classes. Checked layer by layer
 * against the weight list, so TF.js never builds anything else from a file (a RepeatVector of a
 * million, a linear "probability"...). Then the weights must be finite and of sane size, and the
 * head's output on a probe input a probability vector.
 */
import { bad, damaged, quote } from './classifier-bundle-errors';
import { MAX_ABS_WEIGHT, MAX_HIDDEN_UNITS, MAX_TOPOLOGY_CHARS } from './classifier-bundle-limits';
import type { BundleWeightSpec } from './classifier-bundle-types';

type Layer = { class_name: string; config: Record<string, unknown> };
interface DenseLayer {
  name: string;
  units: number;
}

const notOurs = (detail: string) =>
  bad('This file holds a kind of model the app does not make, so it cannot be used here.', detail);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const COMMON = ['name', 'trainable', 'dtype', 'batch_input_shape'];
const KEYS: Record<string, string[]> = {
  InputLayer: [...COMMON, 'sparse'],
  Dropout: [...COMMON, 'rate', 'noise_shape', 'seed'],
  Dense: [
    ...COMMON,
    'units',
    'activation',
    'use_bias',
    'kernel_initializer',
    'bias_initializer',
    'kernel_regularizer',
    'bias_regularizer',
    'activity_regularizer',
    'kernel_constraint',
    'bias_constraint',
  ],
};
/** Initializers only shape the weights TF.js builds before it loads the file's; cheap ones only. */
const INITIALIZERS = new Set([
  'VarianceScaling',
  'GlorotUniform',
  'GlorotNormal',
  'HeNormal',
  'HeUniform',
  'LeCunNormal',
  'LeCunUniform',
  'RandomNormal',
  'RandomUniform',
  'TruncatedNormal',
  'Zeros',
  'Ones',
  'Constant',
]);

/** Throws unless `topology` is one of the app's heads and `specs` are exactly its weights. */
export function checkHeadTopology(
  topology: Record<string, unknown>,
  specs: BundleWeightSpec[],
  featureDim: number,
  classCount: number,
): void {
  if (JSON.stringify(topology).length > MAX_TOPOLOGY_CHARS) throw notOurs(`topology over ${MAX_TOPOLOGY_CHARS} chars`);
  const t = isObject(topology.model_config) ? topology.model_config : topology;
  const layers = isObject(t.config) ? t.config.layers : t.config;
  if (t.class_name !== 'Sequential' || !Array.isArray(layers) || layers.length > 6)
    throw notOurs(`model ${quote(t.class_name)} with ${quote(layers)} layers`);
  layers.forEach(checkLayer);
  const ls = layers as Layer[];
  let i = 0;
  if (ls[0]?.class_name === 'InputLayer') i++;
  const input = ls[0]?.config.batch_input_shape;
  if (!Array.isArray(input) || input.length !== 2 || input[0] !== null || input[1] !== featureDim)
    throw notOurs(`input shape ${quote(input)}, features are ${featureDim}-d`);
  if (ls.slice(1).some((l) => l.config.batch_input_shape !== undefined)) throw notOurs('input shape on a later layer');
  if (ls[i]?.class_name === 'Dropout') i++;
  const dense: DenseLayer[] = [];
  while (i < ls.length) {
    const l = ls[i++];
    if (l.class_name !== 'Dense') throw notOurs(`layer ${i}: ${quote(l.class_name)} where a Dense was expected`);
    const last = i === ls.length;
    const activation = last ? 'softmax' : 'relu';
    if (l.config.activation !== activation || l.config.use_bias !== true)
      throw notOurs(`layer ${i}: activation ${quote(l.config.activation)}, bias ${quote(l.config.use_bias)}`);
    dense.push({ name: l.config.name as string, units: l.config.units as number });
    if (!last && ls[i]?.class_name === 'Dropout') i++;
  }
  if (dense.length < 1 || dense.length > 2) throw notOurs(`${dense.length} Dense layers`);
  if (dense.at(-1)!.units !== classCount || (dense.length === 2 && dense[0].units > MAX_HIDDEN_UNITS))
    throw notOurs(`Dense units ${dense.map((d) => d.units)} for ${classCount} classes`);
  checkSpecs(dense, specs, featureDim);
}

function checkLayer(l: unknown, i: number): asserts l is Layer {
  if (!isObject(l) || typeof l.class_name !== 'string' || !Object.hasOwn(KEYS, l.class_name) || !isObject(l.config))
    throw notOurs(`layer ${i + 1}: ${quote(isObject(l) ? l.class_name : l)}`);
  const c = l.config;
  const odd = Object.keys(c).find((k) => !KEYS[l.class_name as string].includes(k));
  if (odd !== undefined) throw notOurs(`layer ${i + 1}: setting ${quote(odd)}`);
  if (typeof c.name !== 'string' || !c.name || c.name.length > 200)
    throw notOurs(`layer ${i + 1}: name ${quote(c.name)}`);
  if (c.dtype !== undefined && c.dtype !== 'float32') throw notOurs(`layer ${i + 1}: dtype ${quote(c.dtype)}`);
  if (c.trainable !== undefined && typeof c.trainable !== 'boolean') throw notOurs(`layer ${i + 1}: trainable`);
  if (l.class_name === 'InputLayer' && c.sparse !== undefined && c.sparse !== false) throw notOurs('sparse input');
  if (l.class_name === 'Dropout') {
    const rate = c.rate;
    if (typeof rate !== 'number' || !(rate >= 0 && rate < 1) || (c.noise_shape ?? null) !== null)
      throw notOurs(`layer ${i + 1}: dropout ${quote(rate)}`);
    if (c.seed !== undefined && c.seed !== null && !Number.isSafeInteger(c.seed)) throw notOurs(`layer ${i + 1}: seed`);
  }
  if (l.class_name === 'Dense') {
    if (!Number.isSafeInteger(c.units) || (c.units as number) < 1)
      throw notOurs(`layer ${i + 1}: units ${quote(c.units)}`);
    for (const k of ['kernel_initializer', 'bias_initializer']) checkInitializer(c[k], i);
    for (const k of ['kernel_regularizer', 'bias_regularizer']) checkRegularizer(c[k], i);
    for (const k of ['activity_regularizer', 'kernel_constraint', 'bias_constraint'])
      if ((c[k] ?? null) !== null) throw notOurs(`layer ${i + 1}: ${k}`);
  }
}

function checkInitializer(v: unknown, i: number): void {
  if (v === undefined || v === null) return;
  if (!isObject(v) || !INITIALIZERS.has(v.class_name as string) || !isObject(v.config ?? {}))
    throw notOurs(`layer ${i + 1}: initializer ${quote(isObject(v) ? v.class_name : v)}`);
  const flat = Object.values((v.config ?? {}) as object).every((x) => x === null || typeof x !== 'object');
  if (!flat) throw notOurs(`layer ${i + 1}: initializer settings`);
}

function checkRegularizer(v: unknown, i: number): void {
  if (v === undefined || v === null) return;
  const c = isObject(v) && v.class_name === 'L1L2' && isObject(v.config) ? v.config : undefined;
  const ok = c && Object.keys(c).every((k) => (k === 'l1' || k === 'l2') && Number.isFinite(c[k]));
  if (!ok) throw notOurs(`layer ${i + 1}: regularizer`);
}

/** The weight list is exactly kernel and bias of each Dense layer, in order, with matching shapes. */
function checkSpecs(dense: DenseLayer[], specs: BundleWeightSpec[], featureDim: number): void {
  const expected = dense.flatMap((d, j) => [
    { name: `${d.name}/kernel`, shape: [j === 0 ? featureDim : dense[j - 1].units, d.units] },
    { name: `${d.name}/bias`, shape: [d.units] },
  ]);
  const same =
    specs.length === expected.length &&
    expected.every((e, j) => specs[j].name === e.name && specs[j].shape.join() === e.shape.join());
  if (!same)
    throw bad(
      damaged('its model description does not match its weights'),
      `Dense units [${dense.map((d) => d.units)}], ${specs.length} weights`,
    );
}

/**
 * Weights finite and at most MAX_ABS_WEIGHT, and on a probe input (every feature 1, about a real
 * feature vector's scale) the head, evaluated here in float64, gives a probability vector.
 */
export function checkHeadNumbers(weights: Float32Array, specs: BundleWeightSpec[]): void {
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
    if (!Number.isFinite(w)) throw bad(damaged('some of its weights are not numbers'), 'non-finite weight');
    if (Math.abs(w) > MAX_ABS_WEIGHT)
      throw bad(damaged('some of its weights are far too large'), `|weight ${i}| > ${MAX_ABS_WEIGHT}`);
  }
  let x = new Float64Array(specs[0].shape[0]).fill(1);
  let at = 0;
  for (let j = 0; j < specs.length; j += 2) {
    const [n, m] = specs[j].shape;
    const y = new Float64Array(m);
    for (let k = 0; k < m; k++) y[k] = weights[at + n * m + k]; // bias
    for (let r = 0; r < n; r++) {
      const xr = x[r];
      if (xr !== 0) for (let k = 0, row = at + r * m; k < m; k++) y[k] += xr * weights[row + k];
    }
    at += n * m + m;
    x = j + 2 < specs.length ? y.map((v) => Math.max(0, v)) : y;
  }
  const top = Math.max(...x);
  const e = x.map((v) => Math.exp(v - top));
  const sum = e.reduce((a, b) => a + b, 0);
  if (
    !e.every((p) => Number.isFinite(p / sum) && p / sum >= 0) ||
    Math.abs(e.reduce((a, b) => a + b / sum, 0) - 1) > 1e-6
  )
    throw bad(damaged('its model does not give probabilities'), 'probe output is not a probability vector');
}
