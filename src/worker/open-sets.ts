/**
 * The open-set data ("None of these" and calibration) of loaded heads: a bundled head's bank file
 * next to its model.json, or the one stored with a Teach classifier's head.
 */
import type { HeadCard } from '../ml/photos/bundled-heads';
import { type OpenSet, openSetFrom } from '../ml/photos/judge';
import type { FeatureBank } from '../ml/photos/open-set';
import { decodeBank, isOpenSetSpec, OPEN_SET_FILE, type StoredOpenSet } from '../ml/photos/open-set-bank';
import { type DensityModel, decodeDensity, isDensitySpec } from '../ml/photos/open-set-density';
import { DENSITY_FILES, type DensityFileKind, densitySpecOf } from '../ml/photos/open-set-files';

const base = import.meta.env.BASE_URL;
const banks = new Map<string, Promise<FeatureBank | null>>();
const densities = new Map<string, Promise<DensityModel | null>>();

/**
 * One of a bundled head's density models (cached): `density` on the features, `probe` on the
 * stage-3 probe, `somethingElse` the "something else" rule's; null when its card has none or the
 * file cannot be had.
 */
function bundledDensity(id: string, card: HeadCard, which: DensityFileKind): Promise<DensityModel | null> {
  const spec = densitySpecOf(card.openSet, which);
  if (!isDensitySpec(spec)) return Promise.resolve(null);
  const key = `${id}/${which}`;
  let entry = densities.get(key);
  if (!entry) {
    const file = spec.file ?? DENSITY_FILES[which];
    entry = fetch(`${base}models/heads/${id}/${file}`)
      .then(async (res) => (res.ok ? decodeDensity(new Uint8Array(await res.arrayBuffer()), spec) : null))
      .catch(() => null);
    entry.then((m) => m ?? densities.delete(key));
    densities.set(key, entry);
  }
  return entry;
}

/** A bundled head's bank (cached); null when its card has none or the file cannot be had (offline, older cache). */
export function bundledBank(id: string, card: HeadCard): Promise<FeatureBank | null> {
  const spec = card.openSet;
  if (!isOpenSetSpec(spec)) return Promise.resolve(null);
  let entry = banks.get(id);
  if (!entry) {
    entry = fetch(`${base}models/heads/${id}/${card.openSet?.file ?? OPEN_SET_FILE}`)
      .then(async (res) => (res.ok ? decodeBank(new Uint8Array(await res.arrayBuffer()), spec.rows, spec.dim) : null))
      .catch(() => null);
    entry.then((b) => b ?? banks.delete(id));
    banks.set(id, entry);
  }
  return entry;
}

/**
 * Without its files (not downloaded) a head still answers calibrated, just never "none of these";
 * without the density file it falls back to the bank, without the probe's to the density alone.
 */
export async function bundledOpenSet(id: string, card: HeadCard): Promise<OpenSet | undefined> {
  if (!isOpenSetSpec(card.openSet)) return undefined;
  const [bank, density, probe, somethingElse] = await Promise.all([
    bundledBank(id, card),
    bundledDensity(id, card, 'density'),
    bundledDensity(id, card, 'probe'),
    bundledDensity(id, card, 'somethingElse'),
  ]);
  return openSetFrom(card.openSet, bank, density, probe, somethingElse);
}

/** A Teach classifier's stored rejector; undefined for heads trained before it existed. */
export function storedOpenSetOf(stored: StoredOpenSet | undefined): OpenSet | undefined {
  if (!stored || !isOpenSetSpec(stored.spec)) return undefined;
  try {
    return openSetFrom(stored.spec, decodeBank(new Uint8Array(stored.bank), stored.spec.rows, stored.spec.dim));
  } catch {
    return { temperature: stored.spec.temperature }; // a damaged bank: no rejection, as before
  }
}
