/**
 * Validation of a classifier file's card, weights and samples (see classifier-bundle.ts).
 * Every failure is a UserError 'bad-classifier-file' with a sentence for the user and the
 * technical detail beside it.
 */

import { UserError } from '../core/errors';
import { HEAD_TTAS, type HeadTta } from '../photos/bundled-heads';
import type { BundleCard, BundleExpectations, BundleSample, BundleWeightSpec } from './classifier-bundle-types';

export const MAX_CLASSES = 1000;
export const MAX_LABEL_LENGTH = 200;
/** Control characters, line/paragraph separators and bidi overrides: invisible, or they garble the page. */
const INVISIBLE = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

export const bad = (message: string, detail: string) => new UserError('bad-classifier-file', message, detail);
export const damaged = (what: string) => `This classifier file is damaged: ${what}. Try exporting it again.`;
export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Hands out each listed part once, so that every part is accounted for. */
export interface FileTaker {
  take(path: unknown, what: string): Uint8Array;
  assertAllUsed(): void;
}

const DIFFERENT_BACKBONE =
  'This classifier was made for a different photo model than the one this app uses, so it cannot be used here. Update the app on both devices, or train it again here.';

export function checkCard(card: unknown, expect: BundleExpectations): BundleCard {
  if (!isObject(card)) throw bad(damaged('it does not describe its classifier'), 'manifest.card missing');
  const bb = card.backbone;
  if (!isObject(bb) || bb.id !== expect.backboneId || bb.version !== expect.backboneVersion) {
    throw bad(
      DIFFERENT_BACKBONE,
      `backbone ${JSON.stringify(bb)?.slice(0, 120)}, expected ${expect.backboneId} ${expect.backboneVersion}`,
    );
  }
  const id = text(card.id, 'its identifier');
  const title = text(card.title, 'its name');
  const classes = checkClasses(card.classes);
  const t = card.confidenceThreshold;
  if (t !== undefined && (typeof t !== 'number' || !(t >= 0 && t <= 1)))
    throw bad(damaged('its confidence threshold is not valid'), `confidenceThreshold ${JSON.stringify(t)}`);
  if (card.testTimeAugmentation !== undefined) text(card.testTimeAugmentation, 'its test-time augmentation');
  if (card.tta !== undefined && !HEAD_TTAS.includes(card.tta as HeadTta))
    throw bad(damaged('its test-time augmentation is not valid'), `tta ${JSON.stringify(card.tta)?.slice(0, 80)}`);
  if (card.metrics !== undefined && !isObject(card.metrics))
    throw bad(damaged('its accuracy figures are not valid'), 'metrics is not an object');
  return {
    ...card,
    id,
    title,
    classes,
    backbone: { id: expect.backboneId, version: expect.backboneVersion },
  } as BundleCard;
}

function text(v: unknown, what: string): string {
  if (typeof v !== 'string' || !v.trim() || v.length > MAX_LABEL_LENGTH || INVISIBLE.test(v)) {
    throw bad(damaged(`${what} is missing or not valid`), `${what}: ${JSON.stringify(v)?.slice(0, 80)}`);
  }
  return v;
}

function checkClasses(classes: unknown): string[] {
  if (!Array.isArray(classes) || classes.length === 0)
    throw bad(damaged('it has no list of class names'), `classes: ${JSON.stringify(classes)?.slice(0, 80)}`);
  if (classes.length > MAX_CLASSES) {
    throw bad(
      `This classifier has ${classes.length} classes; the app handles at most ${MAX_CLASSES}.`,
      `${classes.length} classes`,
    );
  }
  const seen = new Set<string>();
  return classes.map((c: unknown, i) => {
    const which = `class ${i + 1}`;
    if (typeof c !== 'string' || !c.trim())
      throw bad(damaged(`${which} has no name`), `classes[${i}]: ${JSON.stringify(c)?.slice(0, 80)}`);
    if (c.length > MAX_LABEL_LENGTH)
      throw bad(
        `The name of ${which} of this classifier is longer than ${MAX_LABEL_LENGTH} characters.`,
        `classes[${i}] has ${c.length} characters`,
      );
    if (INVISIBLE.test(c))
      throw bad(
        `The name of ${which} of this classifier contains invisible control characters.`,
        `classes[${i}]: ${JSON.stringify(c)}`,
      );
    // Names that look the same are the same class to a person.
    const key = c.trim().normalize('NFC');
    if (seen.has(key))
      throw bad(
        `This classifier has two classes with the same name ("${key}").`,
        `duplicate class ${JSON.stringify(c)}`,
      );
    seen.add(key);
    return c;
  });
}

export function checkWeights(
  model: unknown,
  files: FileTaker,
  classCount: number,
  featureDim: number,
): { modelTopology: unknown; weightSpecs: BundleWeightSpec[]; weightData: ArrayBuffer } {
  if (!isObject(model) || !isObject(model.topology)) {
    throw bad(damaged('its model description is missing'), 'manifest.model.topology missing');
  }
  const raw = model.weightSpecs;
  if (!Array.isArray(raw) || raw.length === 0)
    throw bad(damaged('its model description is missing'), 'manifest.model.weightSpecs missing');
  const names = new Set<string>();
  const weightSpecs = raw.map((s: unknown, i): BundleWeightSpec => {
    if (!isObject(s) || typeof s.name !== 'string' || !s.name || names.has(s.name))
      throw bad(damaged('its model description is not valid'), `weightSpecs[${i}] name`);
    if (s.dtype !== 'float32')
      throw bad(
        'This classifier stores its numbers in a format the app cannot read.',
        `weight ${s.name}: dtype ${JSON.stringify(s.dtype)}`,
      );
    const shape = s.shape;
    if (!Array.isArray(shape) || !shape.length || !shape.every((d) => Number.isSafeInteger(d) && d > 0)) {
      throw bad(damaged('its model description is not valid'), `weight ${s.name}: shape ${JSON.stringify(shape)}`);
    }
    names.add(s.name);
    return { name: s.name, shape: [...shape], dtype: 'float32' }; // drops e.g. quantization, which would change how bytes are read
  });
  const bytes = files.take('weights.bin', 'its weights (weights.bin)');
  const needed = weightSpecs.reduce((sum, s) => sum + s.shape.reduce((a, b) => a * b, 1) * 4, 0);
  if (needed !== bytes.byteLength)
    throw bad(
      damaged('its weights do not match its model description'),
      `weights.bin has ${bytes.byteLength} bytes, specs need ${needed}`,
    );
  const outputs = weightSpecs[weightSpecs.length - 1].shape.at(-1);
  if (outputs !== classCount) {
    throw bad(
      damaged(`it names ${classCount} classes but its model answers for ${outputs}`),
      `final layer has ${outputs} units, ${classCount} classes`,
    );
  }
  const kernel = weightSpecs.find((s) => s.shape.length === 2);
  if (kernel?.shape[0] !== featureDim)
    throw bad(DIFFERENT_BACKBONE, `first kernel input ${kernel?.shape[0] ?? 'none'}, features are ${featureDim}-d`);
  const units = sequentialDenseUnits(model.topology);
  const kernelUnits = weightSpecs.filter((s) => s.shape.length === 2).map((s) => s.shape[1]);
  if (units && units.join() !== kernelUnits.join()) {
    throw bad(
      damaged('its model description does not match its weights'),
      `Dense units [${units}], kernels for [${kernelUnits}]`,
    );
  }
  const weightData = bytes.slice().buffer; // an exact, aligned copy
  if (!allFinite(new Float32Array(weightData)))
    throw bad(damaged('some of its weights are not numbers'), 'non-finite weight');
  return { modelTopology: model.topology, weightSpecs, weightData };
}

export function checkSamples(raw: unknown, files: FileTaker, classCount: number, featureDim: number): BundleSample[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw))
    throw bad(damaged('its list of training photos is not valid'), 'manifest.samples is not an array');
  return raw.map((s: unknown, i): BundleSample => {
    const which = `training photo ${i + 1}`;
    if (!isObject(s)) throw bad(damaged(`${which} is not valid`), `samples[${i}]`);
    const { classIndex, views, addedAt } = s;
    if (typeof classIndex !== 'number' || !Number.isInteger(classIndex) || classIndex < 0 || classIndex >= classCount) {
      throw bad(
        damaged(`${which} belongs to a class that does not exist`),
        `samples[${i}].classIndex ${JSON.stringify(classIndex)} of ${classCount}`,
      );
    }
    if (typeof views !== 'number' || !Number.isInteger(views) || views < 1)
      throw bad(damaged(`${which} is not valid`), `samples[${i}].views ${JSON.stringify(views)}`);
    if (typeof addedAt !== 'string' || Number.isNaN(Date.parse(addedAt)))
      throw bad(damaged(`${which} has no valid date`), `samples[${i}].addedAt ${JSON.stringify(addedAt)}`);
    const bytes = files.take(s.features, `the features of ${which}`);
    if (bytes.byteLength !== views * featureDim * 4) {
      throw bad(
        damaged(`the features of ${which} have the wrong size`),
        `samples[${i}]: ${bytes.byteLength} bytes for ${views} × ${featureDim} floats`,
      );
    }
    const features = new Float32Array(bytes.slice().buffer);
    if (!allFinite(features))
      throw bad(damaged(`the features of ${which} are not numbers`), `samples[${i}]: non-finite feature`);
    const sample: BundleSample = { classIndex, views, features, addedAt };
    if (s.thumbnail !== undefined) {
      const jpeg = files.take(s.thumbnail, `the thumbnail of ${which}`);
      if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8)
        throw bad(damaged(`the thumbnail of ${which} is not a JPEG picture`), `samples[${i}].thumbnail magic`);
      sample.thumbnail = jpeg.slice();
    }
    if (s.original !== undefined) sample.original = files.take(s.original, `the original of ${which}`).slice();
    return sample;
  });
}

/**
 * Units of the Dense layers of a plain Sequential head (what the app trains), so a caller that
 * stores the file without loading it in TF.js still gets a topology that fits the weights.
 * undefined for other topologies: TF.js checks those when headFromBundle loads them.
 */
function sequentialDenseUnits(topology: Record<string, unknown>): number[] | undefined {
  const t = isObject(topology.model_config) ? topology.model_config : topology;
  const layers = isObject(t.config) ? t.config.layers : t.config;
  if (t.class_name !== 'Sequential' || !Array.isArray(layers)) return undefined;
  const plain = ['InputLayer', 'Dropout', 'Dense', 'Activation'];
  if (!layers.every((l) => isObject(l) && plain.includes(l.class_name as string) && isObject(l.config)))
    return undefined;
  return layers.filter((l) => l.class_name === 'Dense').map((l) => l.config.units as number);
}

function allFinite(a: Float32Array): boolean {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return false;
  return true;
}
