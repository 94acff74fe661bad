/**
 * The classifier file's optional "None of these" part (issue 15): `card.openSet` (the spec) and
 * the bank as `open-set.bin`. A file without them (older exports) imports and simply never says
 * "none of these"; one that declares them must hold a bank of exactly the declared size.
 */
import { bankBytes, isOpenSetSpec, OPEN_SET_FILE } from '../photos/open-set-bank';
import { bad, damaged, type FileTaker } from './classifier-bundle-checks';
import type { BundleCard } from './classifier-bundle-types';

export { OPEN_SET_FILE };

/** The bank bytes the card declares (taken from the file), or undefined when it declares none. */
export function takeOpenSet(card: BundleCard, files: FileTaker, featureDim: number): Uint8Array | undefined {
  if (card.openSet === undefined) return undefined;
  const spec = card.openSet;
  if (!isOpenSetSpec(spec) || spec.dim !== featureDim)
    throw bad(damaged('its "none of these" settings are not valid'), `openSet ${JSON.stringify(spec)?.slice(0, 120)}`);
  const bytes = files.take(OPEN_SET_FILE, `its "none of these" data (${OPEN_SET_FILE})`);
  if (bytes.byteLength !== bankBytes(spec.rows, spec.dim))
    throw bad(
      damaged('its "none of these" data has the wrong size'),
      `${OPEN_SET_FILE}: ${bytes.byteLength} bytes, spec needs ${bankBytes(spec.rows, spec.dim)}`,
    );
  return bytes;
}
