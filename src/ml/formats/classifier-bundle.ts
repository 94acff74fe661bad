/**
 * The classifier file: ONE zip a user moves between devices, holding a head trained on frozen
 * backbone features, its card and optionally its training samples. Pure bytes and JSON (no DOM,
 * no TF.js) so the app worker and the Node CLI share it. Reading validates everything before it
 * returns, so a caller stores nothing from a file that is damaged, foreign or hostile.
 *
 * Layout: manifest.json, weights.bin, samples/NNNN.f32, samples/NNNN.jpg,
 * samples/NNNN-original.<ext>. The manifest lists every other file with its length and SHA-256.
 * Float data is little-endian (as Float32Array is on every platform the app runs on).
 */
import { strToU8, type Zippable, zipSync } from 'fflate';
import { sha256Hex } from '../core/bytes';
import { UserError } from '../core/errors';
import { checkCard, checkSamples, checkWeights, type FileTaker, isObject } from './classifier-bundle-checks';
import { bad, damaged, quote, shownName } from './classifier-bundle-errors';
import { parseBoundedJson } from './classifier-bundle-json';
import { MAX_MANIFEST_BYTES } from './classifier-bundle-limits';
import { OPEN_SET_FILE, takeOpenSet } from './classifier-bundle-open-set';
import {
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  type BundleExpectations,
  type BundleManifest,
  type ClassifierBundle,
  DEFAULT_MAX_BUNDLE_BYTES,
  type ManifestSample,
} from './classifier-bundle-types';
import { unzipBounded } from './classifier-bundle-zip';

export * from './classifier-bundle-types';

export async function writeClassifierBundle(b: ClassifierBundle): Promise<Uint8Array> {
  const data = new Map<string, Uint8Array>([['weights.bin', new Uint8Array(b.weightData)]]);
  if (b.openSetBank) data.set(OPEN_SET_FILE, b.openSetBank);
  const samples = (b.samples ?? []).map((s, i) => {
    const base = `samples/${String(i).padStart(4, '0')}`;
    const entry: ManifestSample = {
      classIndex: s.classIndex,
      views: s.views,
      addedAt: s.addedAt,
      features: `${base}.f32`,
    };
    data.set(entry.features, new Uint8Array(s.features.buffer, s.features.byteOffset, s.features.byteLength));
    if (s.thumbnail) data.set((entry.thumbnail = `${base}.jpg`), s.thumbnail);
    if (s.original) data.set((entry.original = `${base}-original.${imageExtension(s.original)}`), s.original);
    return entry;
  });
  const files: BundleManifest['files'] = {};
  for (const [path, bytes] of data) files[path] = { bytes: bytes.byteLength, sha256: await sha256Hex(bytes) };
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    createdAt: new Date().toISOString(),
    card: b.card,
    model: {
      topology: b.modelTopology,
      weightSpecs: b.weightSpecs.map(({ name, shape, dtype }) => ({ name, shape: [...shape], dtype })),
    },
    files,
    samples,
  };
  const zip: Zippable = { 'manifest.json': strToU8(JSON.stringify(manifest)) };
  // Photos are already compressed: storing them saves time for nothing lost.
  for (const [path, bytes] of data) zip[path] = [bytes, { level: /\.(bin|f32)$/.test(path) ? 6 : 0 }];
  return zipSync(zip, { level: 6 });
}

/**
 * Reads and checks a classifier file, within bounded memory and time whatever it holds. Every
 * refusal is the bad-classifier-file UserError; anything else thrown on the way (a bug, or a
 * runtime limit) is reported as such too, never as a stack trace.
 */
export async function readClassifierBundle(bytes: Uint8Array, expect: BundleExpectations): Promise<ClassifierBundle> {
  try {
    const entries = unzipBounded(bytes, expect.maxBytes ?? DEFAULT_MAX_BUNDLE_BYTES);
    const manifest = parseManifest(entries.get('manifest.json'));
    const card = checkCard(manifest.card, expect);
    const take = await checkFiles(manifest.files, entries);
    const weights = checkWeights(manifest.model, take, card.classes.length, expect.featureDim);
    const samples = checkSamples(manifest.samples, take, card.classes.length, expect.featureDim);
    const openSetBank = takeOpenSet(card, take, expect.featureDim);
    take.assertAllUsed();
    return { card, ...weights, samples, ...(openSetBank ? { openSetBank } : {}) };
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw bad(
      'This file is damaged or incomplete, or it is not a classifier file at all. Try copying or exporting it again.',
      `unexpected ${e instanceof Error ? e.name : typeof e}`,
    );
  }
}

function parseManifest(raw: Uint8Array | undefined): BundleManifest & Record<string, unknown> {
  if (!raw)
    throw bad(
      'This file is not a Pocket Vision classifier: its list of contents (manifest.json) is missing.',
      'no manifest.json',
    );
  const m = parseBoundedJson(raw, 'its list of contents', MAX_MANIFEST_BYTES);
  if (!isObject(m) || m.format !== BUNDLE_FORMAT) {
    throw bad('This file is not a Pocket Vision classifier.', `format ${quote(isObject(m) ? m.format : m)}`);
  }
  if (typeof m.version !== 'number' || !Number.isInteger(m.version) || m.version < 1) {
    throw bad(damaged('it does not say which version of the file format it uses'), `version ${quote(m.version)}`);
  }
  if (m.version > BUNDLE_VERSION) {
    throw bad(
      'This classifier was made by a newer version of the app. Update the app on this device, then try again.',
      `format version ${m.version} > ${BUNDLE_VERSION}`,
    );
  }
  return m as unknown as BundleManifest & Record<string, unknown>;
}

/** Every part but the manifest must be listed, present, the listed length, with the listed SHA-256. */
async function checkFiles(files: unknown, entries: Map<string, Uint8Array>): Promise<FileTaker> {
  if (!isObject(files)) throw bad(damaged('its list of contents is incomplete'), 'manifest.files missing');
  const listed = new Map<string, { bytes: number; sha256: string }>();
  for (const [path, f] of Object.entries(files)) {
    if (
      path === 'manifest.json' ||
      !isObject(f) ||
      !Number.isSafeInteger(f.bytes) ||
      typeof f.sha256 !== 'string' ||
      !/^[0-9a-f]{64}$/.test(f.sha256)
    ) {
      throw bad(damaged('its list of contents is not valid'), `manifest.files[${shownName(path)}]`);
    }
    listed.set(path, { bytes: f.bytes as number, sha256: f.sha256 });
  }
  for (const name of entries.keys()) {
    if (name !== 'manifest.json' && !listed.has(name)) {
      throw bad(
        `This file was changed after it was exported: it contains something that is not part of a classifier (${shownName(name)}).`,
        `unlisted entry ${shownName(name)}`,
      );
    }
  }
  for (const [path, f] of listed) {
    const data = entries.get(path);
    if (!data)
      throw bad(
        `This classifier file is incomplete: a part of it (${shownName(path)}) is missing. Try exporting it again.`,
        `missing ${shownName(path)}`,
      );
    if (data.byteLength !== f.bytes)
      throw bad(
        damaged(`a part of it (${shownName(path)}) has the wrong size`),
        `${shownName(path)}: ${data.byteLength} bytes, listed ${f.bytes}`,
      );
    if ((await sha256Hex(data)) !== f.sha256)
      throw bad(
        damaged(`a part of it (${shownName(path)}) has changed since it was exported`),
        `${shownName(path)}: SHA-256 mismatch`,
      );
  }
  const used = new Set<string>();
  return {
    take(path, what) {
      if (typeof path !== 'string' || !listed.has(path) || used.has(path))
        throw bad(damaged(`${what} cannot be found`), `${what}: bad path ${quote(path)}`);
      used.add(path);
      return entries.get(path)!;
    },
    assertAllUsed() {
      const spare = [...listed.keys()].find((p) => !used.has(p));
      if (spare)
        throw bad(
          `This file was changed after it was exported: it contains something that is not part of a classifier (${shownName(spare)}).`,
          `listed but unused ${shownName(spare)}`,
        );
    },
  };
}

/** Extension of an original photo, from its first bytes (the app keeps what the user picked). */
function imageExtension(b: Uint8Array): string {
  const ascii = (from: number, to: number) => String.fromCharCode(...b.subarray(from, to));
  if (b[0] === 0xff && b[1] === 0xd8) return 'jpg';
  if (ascii(1, 4) === 'PNG') return 'png';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  if (ascii(0, 3) === 'GIF') return 'gif';
  if (ascii(4, 8) === 'ftyp') return /avif/.test(ascii(8, 12)) ? 'avif' : 'heic';
  return 'bin';
}
