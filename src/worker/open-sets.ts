/**
 * The open-set data ("None of these" and calibration) of loaded heads: a bundled head's bank file
 * next to its model.json, or the one stored with a Teach classifier's head.
 */
import type { HeadCard } from '../ml/photos/bundled-heads';
import { type OpenSet, openSetFrom } from '../ml/photos/judge';
import type { FeatureBank } from '../ml/photos/open-set';
import { decodeBank, isOpenSetSpec, OPEN_SET_FILE, type StoredOpenSet } from '../ml/photos/open-set-bank';
import { DENSITY_FILE, type DensityModel, decodeDensity, isDensitySpec } from '../ml/photos/open-set-density';

const base = import.meta.env.BASE_URL;
const banks = new Map<string, Promise<FeatureBank | null>>();
const densities = new Map<string, Promise<DensityModel | null>>();

/** A bundled head's density model (cached); null when its card has none or the file cannot be had. */
function bundledDensity(id: string, card: HeadCard): Promise<DensityModel | null> {
  const spec = card.openSet?.density;
  if (!isDensitySpec(spec)) return Promise.resolve(null);
  let entry = densities.get(id);
  if (!entry) {
    entry = fetch(`${base}models/heads/${id}/${spec.file ?? DENSITY_FILE}`)
      .then(async (res) => (res.ok ? decodeDensity(new Uint8Array(await res.arrayBuffer()), spec) : null))
      .catch(() => null);
    entry.then((m) => m ?? densities.delete(id));
    densities.set(id, entry);
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
 * without the density file it falls back to the bank.
 */
export async function bundledOpenSet(id: string, card: HeadCard): Promise<OpenSet | undefined> {
  if (!isOpenSetSpec(card.openSet)) return undefined;
  const [bank, density] = await Promise.all([bundledBank(id, card), bundledDensity(id, card)]);
  return openSetFrom(card.openSet, bank, density);
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
