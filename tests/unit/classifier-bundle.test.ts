import { readFileSync } from 'node:fs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/ml/core/bytes';
import { UserError } from '../../src/ml/core/errors';
import {
  type BundleExpectations,
  type BundleSample,
  type ClassifierBundle,
  readClassifierBundle,
  writeClassifierBundle,
} from '../../src/ml/formats/classifier-bundle';
import { headFromBundle, headToBundleParts } from '../../src/ml/formats/head-bundle';
import { BACKBONE_ID, BACKBONE_FEATURE_SIZE as DIM } from '../../src/ml/photos/backbone-spec';
import { headTta } from '../../src/ml/photos/bundled-heads';
import { buildHead, DEFAULT_HEAD } from '../../src/ml/photos/head';
import { bundleFromHeadDir } from '../../training/lib/head-bundle-files';
import { loadModel } from '../../training/lib/model-files';
import { initNodeTf, tf } from '../../training/lib/node-tf';

const HEAD = 'models/heads/cats-dogs';
const card = JSON.parse(readFileSync(`${HEAD}/card.json`, 'utf8'));
const EXPECT: BundleExpectations = { backboneId: BACKBONE_ID, backboneVersion: card.backbone.version, featureDim: DIM };
// A JPEG's first bytes are all the format checks of a thumbnail look at.
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 9, 9]);

// biome-ignore lint/suspicious/noExplicitAny: tests reach into parsed JSON of any shape to break it on purpose
type Json = any;

let source: ClassifierBundle;
let plain: Uint8Array;
let withSamples: Uint8Array;

function randomFeatures(n: number, seed: number): Float32Array {
  let s = seed;
  return Float32Array.from({ length: n }, () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2);
}

const samples = (): BundleSample[] => [
  {
    classIndex: 0,
    views: 2,
    features: randomFeatures(2 * DIM, 1),
    thumbnail: JPEG,
    addedAt: '2026-11-01T10:00:00.000Z',
  },
  {
    classIndex: 1,
    views: 1,
    features: randomFeatures(DIM, 2),
    thumbnail: JPEG,
    original: PNG,
    addedAt: '2026-11-02T10:00:00.000Z',
  },
  { classIndex: 1, views: 3, features: randomFeatures(3 * DIM, 3), addedAt: '2026-11-03T10:00:00.000Z' },
];

beforeAll(async () => {
  await initNodeTf();
  source = await bundleFromHeadDir(HEAD);
  plain = await writeClassifierBundle(source);
  withSamples = await writeClassifierBundle({ ...source, samples: samples() });
});

/** Unzips a real bundle, lets `change` edit its parts and manifest, and zips it again. */
function edit(
  bytes: Uint8Array,
  change: (m: Json, files: Record<string, Uint8Array>) => void | Promise<void>,
): Promise<Uint8Array> {
  const files = unzipSync(bytes);
  const m = JSON.parse(strFromU8(files['manifest.json']));
  return Promise.resolve(change(m, files)).then(() => {
    files['manifest.json'] = strToU8(JSON.stringify(m));
    return zipSync(files, { level: 0 });
  });
}

/** Replaces a part and updates its listing, so only the deeper checks can catch it. */
async function relist(m: Json, files: Record<string, Uint8Array>, path: string, bytes: Uint8Array) {
  files[path] = bytes;
  m.files[path] = { bytes: bytes.byteLength, sha256: await sha256Hex(bytes) };
}

async function rejection(
  bytes: Uint8Array | Promise<Uint8Array>,
  expectations: Partial<BundleExpectations> = {},
): Promise<UserError> {
  const e = await readClassifierBundle(await bytes, { ...EXPECT, ...expectations }).then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(UserError);
  const u = e as UserError;
  expect(u.code).toBe('bad-classifier-file');
  // A sentence for a person: capitalised, finished, no programmer leftovers.
  expect(u.message).toMatch(/^[A-Z].*[.]$/s);
  expect(u.message).not.toMatch(/undefined|NaN|null|\[object|Error:/);
  expect(u.detail).toBeTruthy();
  return u;
}

function predict(model: tf.LayersModel, x: Float32Array): Float32Array {
  return tf.tidy(() => (model.predict(tf.tensor2d(x, [x.length / DIM, DIM])) as tf.Tensor).dataSync() as Float32Array);
}

describe('classifier file round trip', () => {
  it('keeps card, topology and weights byte for byte, and the head predicts the same', async () => {
    const back = await readClassifierBundle(plain, EXPECT);
    expect(back.card).toEqual(card); // extra fields (training history) included
    expect(back.modelTopology).toEqual(source.modelTopology);
    expect(back.weightSpecs).toEqual(source.weightSpecs);
    // Buffer.equals: toEqual walks 4 MB one element at a time.
    expect(Buffer.from(back.weightData).equals(readFileSync(`${HEAD}/weights.bin`))).toBe(true);
    expect(back.samples).toEqual([]);
    const x = randomFeatures(4 * DIM, 7);
    const [original, loaded] = [await loadModel(HEAD), await headFromBundle(back)];
    expect(Array.from(predict(loaded, x))).toEqual(Array.from(predict(original, x)));
  });

  it('carries samples: features, thumbnails and originals', async () => {
    const back = await readClassifierBundle(withSamples, EXPECT);
    expect(back.samples).toEqual(samples());
    expect(Object.keys(unzipSync(withSamples)).sort()).toEqual([
      'manifest.json',
      'open-set.bin', // the bundled head's "none of these" bank travels with it
      'samples/0000.f32',
      'samples/0000.jpg',
      'samples/0001-original.png',
      'samples/0001.f32',
      'samples/0001.jpg',
      'samples/0002.f32',
      'weights.bin',
    ]);
  });

  it('a freshly built head goes through headToBundleParts and back', async () => {
    const model = buildHead({ ...DEFAULT_HEAD, hidden: [8] }, DIM, 3);
    const parts = await headToBundleParts(model);
    const bytes = await writeClassifierBundle({
      ...parts,
      card: {
        id: 'mine',
        title: 'Mine',
        classes: ['a', 'b', 'c'],
        backbone: { id: BACKBONE_ID, version: EXPECT.backboneVersion },
      },
    });
    const loaded = await headFromBundle(await readClassifierBundle(bytes, EXPECT));
    const x = randomFeatures(3 * DIM, 9);
    expect(Array.from(predict(loaded, x))).toEqual(Array.from(predict(model, x)));
  });

  it('an older file, whose card says test-time augmentation only in prose, still loads and uses flip', async () => {
    const old = await edit(plain, (m) => {
      delete m.card.tta;
      m.card.testTimeAugmentation = 'horizontal flip, probabilities averaged';
    });
    const back = await readClassifierBundle(old, EXPECT);
    expect(back.card.tta).toBeUndefined();
    expect(headTta(back.card)).toBe('flip');
  });
});

describe('a damaged or foreign classifier file is refused with a clear message', () => {
  const classes = (c: unknown) => edit(plain, (m) => void (m.card.classes = c));
  const cases: [string, () => Uint8Array | Promise<Uint8Array>, RegExp, Partial<BundleExpectations>?][] = [
    ['not a zip', () => strToU8('just some text, nothing like a zip file at all'), /damaged or incomplete/],
    [
      'a photo',
      () => new Uint8Array(readFileSync('../shared/data/cats-dogs/train/cat/cat.1.jpg')),
      /damaged or incomplete/,
    ],
    ['a truncated zip', () => plain.subarray(0, plain.length - 40), /damaged or incomplete/],
    ['half a zip', () => plain.subarray(0, plain.length >> 1), /damaged or incomplete/],
    ['a file over the size limit', () => plain, /too big/, { maxBytes: 1_000_000 }],
    [
      'a zip bomb',
      () => zipSync({ 'weights.bin': new Uint8Array(20_000_000) }),
      /unpacks to more than 5\.0 MB/,
      { maxBytes: 5 * 2 ** 20 },
    ],
    ['no manifest', () => zipSync({ 'weights.bin': new Uint8Array(8) }), /manifest\.json\) is missing/],
    [
      'a manifest that is not JSON',
      () => zipSync({ 'manifest.json': strToU8('{"format": "pocket-vision-cl') }),
      /cannot be read/,
    ],
    [
      'a manifest that is not UTF-8',
      () => zipSync({ 'manifest.json': Uint8Array.from([0x7b, 0xff, 0xfe, 0x7d]) }),
      /cannot be read/,
    ],
    ['another format', () => edit(plain, (m) => void (m.format = 'some-other-app')), /not a Pocket Vision classifier/],
    ['a JSON array manifest', () => zipSync({ 'manifest.json': strToU8('[1,2]') }), /not a Pocket Vision classifier/],
    ['a newer version', () => edit(plain, (m) => void (m.version = 2)), /made by a newer version of the app/],
    ['no version', () => edit(plain, (m) => void delete m.version), /which version/],
    ['another backbone id', () => plain, /different photo model/, { backboneId: 'mobilenet' }],
    [
      'another backbone version',
      () => edit(plain, (m) => void (m.card.backbone.version = '0123456789abcdef')),
      /different photo model/,
    ],
    ['no backbone', () => edit(plain, (m) => void delete m.card.backbone), /different photo model/],
    ['no card', () => edit(plain, (m) => void delete m.card), /does not describe/],
    ['no title', () => edit(plain, (m) => void (m.card.title = '')), /its name is missing/],
    ['a bad threshold', () => edit(plain, (m) => void (m.card.confidenceThreshold = 1.5)), /confidence threshold/],
    [
      'an unknown test-time augmentation',
      () => edit(plain, (m) => void (m.card.tta = 'five-crop')),
      /test-time augmentation is not valid/,
    ],
    ['classes not an array', () => classes('cat,dog'), /no list of class names/],
    ['no classes', () => classes([]), /no list of class names/],
    ['an empty class name', () => classes(['cat', '']), /class 2 has no name/],
    ['a blank class name', () => classes(['  ', 'dog']), /class 1 has no name/],
    ['a class name that is a number', () => classes(['cat', 7]), /class 2 has no name/],
    ['duplicate classes', () => classes(['cat', 'cat']), /two classes with the same name \("cat"\)/],
    ['classes equal but for spaces', () => classes(['dog', 'dog ']), /same name/],
    ['more than 1000 classes', () => classes(Array.from({ length: 1001 }, (_, i) => `c${i}`)), /at most 1000/],
    ['a label over 200 characters', () => classes(['cat', 'd'.repeat(201)]), /longer than 200 characters/],
    ['a control character in a label', () => classes(['cat', 'do\u0007g']), /invisible control characters/],
    ['a newline in a label', () => classes(['cat\n', 'dog']), /invisible control characters/],
    ['a bidi override in a label', () => classes(['cat', '\u202egod']), /invisible control characters/],
    ['a zero-width space in a label', () => classes(['cat', 'cat\u200b']), /invisible control characters/],
    ['a label that is only a zero-width space', () => classes(['cat', '\u200b']), /invisible control characters/],
    ['a Hangul filler in a label', () => classes(['cat', 'dog\u3164']), /invisible control characters/],
    ['classes equal but for case', () => classes(['Cat', 'cAT']), /same name/],
    ['classes equal after NFKC', () => classes(['cat', 'ｃａｔ']), /same name/],
    ['more classes than outputs', () => classes(['cat', 'dog', 'bird']), /names 3 classes but its model answers for 2/],
    ['no topology', () => edit(plain, (m) => void delete m.model.topology), /model description is missing/],
    [
      'Dense layers that do not fit the weights',
      () => edit(plain, (m) => void (m.model.topology.config.layers[1].config.units = 256)),
      /model description does not match its weights/,
    ],
    ['no weight specs', () => edit(plain, (m) => void (m.model.weightSpecs = [])), /model description is missing/],
    [
      'int32 weights',
      () => edit(plain, (m) => void (m.model.weightSpecs[1].dtype = 'int32')),
      /format the app cannot read/,
    ],
    [
      'a zero dimension',
      () => edit(plain, (m) => void (m.model.weightSpecs[0].shape = [2048, 0])),
      /model description is not valid/,
    ],
    [
      'a fractional dimension',
      () => edit(plain, (m) => void (m.model.weightSpecs[0].shape = [2048, 511.5])),
      /model description is not valid/,
    ],
    [
      'shapes that need other bytes',
      () => edit(plain, (m) => void (m.model.weightSpecs[1].shape = [256])),
      /weights do not match/,
    ],
    [
      'a short weights.bin, relisted',
      () => edit(plain, (m, f) => relist(m, f, 'weights.bin', f['weights.bin'].slice(0, -4))),
      /weights do not match/,
    ],
    [
      'NaN weights, relisted',
      () => edit(plain, (m, f) => relist(m, f, 'weights.bin', nanAt(f['weights.bin'], 100))),
      /weights are not numbers/,
    ],
    ['features of another size', () => plain, /different photo model/, { featureDim: 1024 }],
    [
      'a flipped byte in weights.bin',
      () => edit(plain, (_, f) => void (f['weights.bin'][1234] ^= 0x10)),
      /weights\.bin\) has changed since it was exported/,
    ],
    ['a listed length that is wrong', () => edit(plain, (m) => void (m.files['weights.bin'].bytes += 4)), /wrong size/],
    [
      'a listed file that is missing',
      () => edit(plain, (_, f) => void delete f['weights.bin']),
      /weights\.bin\) is missing/,
    ],
    [
      'an extra file',
      () => edit(plain, (_, f) => void (f['notes.txt'] = strToU8('hi'))),
      /not part of a classifier \(notes\.txt\)/,
    ],
    [
      'an extra file that is listed but unused',
      () => edit(plain, (m, f) => relist(m, f, 'notes.txt', strToU8('hi'))),
      /not part of a classifier \(notes\.txt\)/,
    ],
    [
      'a manifest that lists itself',
      () => edit(plain, (m) => void (m.files['manifest.json'] = { bytes: 1, sha256: '0'.repeat(64) })),
      /list of contents is not valid/,
    ],
    [
      'a malformed checksum',
      () => edit(plain, (m) => void (m.files['weights.bin'].sha256 = 'abc')),
      /list of contents is not valid/,
    ],
    [
      'a sample of a class that does not exist',
      () => sample((s) => (s.classIndex = 2)),
      /training photo 1 belongs to a class that does not exist/,
    ],
    ['a negative class index', () => sample((s) => (s.classIndex = -1)), /class that does not exist/],
    ['a fractional class index', () => sample((s) => (s.classIndex = 0.5)), /class that does not exist/],
    ['zero views', () => sample((s) => (s.views = 0)), /training photo 1 is not valid/],
    [
      'more views than features',
      () => sample((s) => (s.views = 3)),
      /features of training photo 1 have the wrong size/,
    ],
    ['a bad date', () => sample((s) => (s.addedAt = 'yesterday')), /no valid date/],
    [
      'features not listed',
      () => sample((s) => (s.features = 'samples/9999.f32')),
      /features of training photo 1 cannot be found/,
    ],
    [
      'two samples sharing features',
      () => sample((s, m) => (m.samples[1].features = s.features)),
      /features of training photo 2 cannot be found/,
    ],
    ['samples not an array', () => edit(withSamples, (m) => void (m.samples = {})), /training photos is not valid/],
    [
      'NaN features',
      () => edit(withSamples, (m, f) => relist(m, f, 'samples/0001.f32', nanAt(f['samples/0001.f32'], 5))),
      /training photo 2 are not numbers/,
    ],
    [
      'a thumbnail that is not a JPEG',
      () => edit(withSamples, (m, f) => relist(m, f, 'samples/0000.jpg', PNG)),
      /thumbnail of training photo 1 is not a JPEG/,
    ],
  ];

  function sample(change: (s: Json, m: Json) => void): Promise<Uint8Array> {
    return edit(withSamples, (m) => change(m.samples[0], m));
  }
  function nanAt(bytes: Uint8Array, index: number): Uint8Array {
    const copy = bytes.slice();
    new Float32Array(copy.buffer)[index] = NaN;
    return copy;
  }

  it.each(cases)('%s', async (_, make, message, expectations) => {
    expect((await rejection(make(), expectations)).message).toMatch(message);
  });

  it('a topology the app does not make is refused by the reader, before TF.js sees it', async () => {
    const bytes = await edit(plain, (m) => void (m.model.topology.config.layers.at(-1).class_name = 'NoSuchLayer'));
    expect((await rejection(bytes)).message).toMatch(/kind of model the app does not make/);
  });

  it('a topology TF.js cannot load is refused by headFromBundle, with the same code', async () => {
    const bundle = await readClassifierBundle(plain, EXPECT);
    const topology = structuredClone(bundle.modelTopology) as Json;
    topology.config.layers.at(-1).class_name = 'NoSuchLayer';
    const e = await headFromBundle({ ...bundle, modelTopology: topology }).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(UserError);
    expect((e as UserError).code).toBe('bad-classifier-file');
    expect((e as UserError).message).toMatch(/model cannot be loaded/);
  });
});
