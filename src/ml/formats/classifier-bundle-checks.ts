/**
 * Validation of a classifier file's card, weights and samples (see classifier-bundle.ts).
 * Every failure is a UserError 'bad-classifier-file' with a sentence for the user and the
 * technical detail beside it.
 */

import { HEAD_TTAS, type HeadTta } from '../photos/bundled-heads';
import { bad, damaged, quote } from './classifier-bundle-errors';
import { checkHeadNumbers, checkHeadTopology } from './classifier-bundle-head';
import type { BundleCard, BundleExpectations, BundleSample, BundleWeightSpec } from './classifier-bundle-types';

export const MAX_CLASSES = 1000;
export const MAX_LABEL_LENGTH = 200;
/**
 * Invisible, or they garble the page: controls, format characters (Cf: zero-width spaces and
 * joiners, bidi controls, word joiners, BOM, invisible operators...), line/paragraph separators,
 * and the Hangul fillers, which render as blank space.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u115f\u1160\u3164\uffa0]/u;

export { bad, damaged };
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
      `backbone ${isObject(bb) ? `${quote(bb.id)} ${quote(bb.version)}` : quote(bb)}, expected ${expect.backboneId} ${expect.backboneVersion}`,
    );
  }
  const id = text(card.id, 'its identifier');
  const title = text(card.title, 'its name');
  const classes = checkClasses(card.classes);
  const t = card.confidenceThreshold;
  if (t !== undefined && (typeof t !== 'number' || !(t >= 0 && t <= 1)))
    throw bad(damaged('its confidence threshold is not valid'), `confidenceThreshold ${quote(t)}`);
  if (card.testTimeAugmentation !== undefined) text(card.testTimeAugmentation, 'its test-time augmentation');
  if (card.tta !== undefined && !HEAD_TTAS.includes(card.tta as HeadTta))
    throw bad(damaged('its test-time augmentation is not valid'), `tta ${quote(card.tta)}`);
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
    throw bad(damaged(`${what} is missing or not valid`), `${what}: ${quote(v)}`);
  }
  return v;
}

function checkClasses(classes: unknown): string[] {
  if (!Array.isArray(classes) || classes.length === 0)
    throw bad(damaged('it has no list of class names'), `classes: ${quote(classes)}`);
  if (classes.length > MAX_CLASSES) {
    throw bad(
      `This classifier has ${classes.length} classes; the app handles at most ${MAX_CLASSES}.`,
      `${classes.length} classes`,
    );
  }
  const seen = new Set<string>();
  return classes.map((c: unknown, i) => {
    const which = `class ${i + 1}`;
    if (typeof c !== 'string' || !c.trim()) throw bad(damaged(`${which} has no name`), `classes[${i}]: ${quote(c)}`);
    if (c.length > MAX_LABEL_LENGTH)
      throw bad(
        `The name of ${which} of this classifier is longer than ${MAX_LABEL_LENGTH} characters.`,
        `classes[${i}] has ${c.length} characters`,
      );
    if (INVISIBLE.test(c))
      throw bad(
        `The name of ${which} of this classifier contains invisible control characters.`,
        `classes[${i}]: ${quote(c)}`,
      );
    // Names that look the same are the same class to a person: compatibility forms (full-width,
    // ligatures) and case count as the same. Lower, upper, lower approximates full case folding
    // (ß → ss, final ς → σ).
    const key = c.trim().normalize('NFKC').toLowerCase().toUpperCase().toLowerCase();
    if (seen.has(key))
      throw bad(`This classifier has two classes with the same name ("${c.trim()}").`, `duplicate class ${quote(c)}`);
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
        `weight ${quote(s.name)}: dtype ${quote(s.dtype)}`,
      );
    const shape = s.shape;
    if (!Array.isArray(shape) || !shape.length || !shape.every((d) => Number.isSafeInteger(d) && d > 0)) {
      throw bad(damaged('its model description is not valid'), `weight ${quote(s.name)}: shape ${quote(shape)}`);
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
  checkHeadTopology(model.topology, weightSpecs, featureDim, classCount);
  const weightData = bytes.slice().buffer; // an exact, aligned copy
  checkHeadNumbers(new Float32Array(weightData), weightSpecs);
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
        `samples[${i}].classIndex ${quote(classIndex)} of ${classCount}`,
      );
    }
    if (typeof views !== 'number' || !Number.isInteger(views) || views < 1)
      throw bad(damaged(`${which} is not valid`), `samples[${i}].views ${quote(views)}`);
    if (typeof addedAt !== 'string' || Number.isNaN(Date.parse(addedAt)))
      throw bad(damaged(`${which} has no valid date`), `samples[${i}].addedAt ${quote(addedAt)}`);
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

function allFinite(a: Float32Array): boolean {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return false;
  return true;
}
