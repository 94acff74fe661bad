/**
 * Retrained models and the one in use: a new model is compared with the one in use on the same
 * test photos, replaces it only when it is at least as good, and earlier versions are kept (the
 * newest few) so that any of them can be put back. Pure: the worker stores, the UI words it.
 */
import { UserError } from './errors';

/** How many versions are kept per classifier or data set. */
export const VERSIONS_KEPT = 3;

/** Below this many test photos a difference in accuracy says little. */
export const FEW_TEST_PHOTOS = 20;

export type Verdict = 'first' | 'better' | 'same' | 'worse';

export interface Comparison {
  verdict: Verdict;
  /** Accuracy of the new model on the test photos. */
  candidate: number;
  /** Accuracy of the model in use on the same photos; null when there is none to compare with. */
  inUse: number | null;
  /** How many test photos (images) both were measured on. */
  testCount: number;
  /** True when so few photos were used that the difference may be luck. */
  fewPhotos: boolean;
}

/**
 * Compares a new model with the one in use, both measured on the same `testCount` photos.
 * Accuracies within half a test photo of each other are the same (float noise is not a result).
 */
export function compareWithInUse(candidate: number, inUse: number | null, testCount: number): Comparison {
  const fewPhotos = testCount < FEW_TEST_PHOTOS;
  if (inUse === null) return { verdict: 'first', candidate, inUse, testCount, fewPhotos };
  const tolerance = testCount > 0 ? 0.5 / testCount : 1e-9;
  const d = candidate - inUse;
  const verdict: Verdict = Math.abs(d) < tolerance ? 'same' : d > 0 ? 'better' : 'worse';
  return { verdict, candidate, inUse, testCount, fewPhotos };
}

/** Nothing worse replaces something better silently: the new model goes in use unless it is worse. */
export const replacesInUse = (c: Comparison): boolean => c.verdict !== 'worse';

/** One kept model: when it was made, how good it was, on how many photos. */
export interface VersionMeta {
  id: string;
  savedAt: string;
  /** As measured when it was made (test or validation accuracy); null when not measured. */
  accuracy: number | null;
  /** Photos or images it learned from. */
  samples: number;
}

/**
 * Adds a version and trims the list to the newest `keep`, never dropping the one in use.
 * Returns the list (newest first) and the ids that fell off (their stored models can go).
 */
export function addVersion<V extends VersionMeta>(
  list: readonly V[],
  added: V,
  inUseId: string | null,
  keep = VERSIONS_KEPT,
): { kept: V[]; dropped: string[] } {
  const all = [added, ...list.filter((v) => v.id !== added.id)].sort((a, b) => b.savedAt.localeCompare(a.savedAt));
  const kept: V[] = [];
  const dropped: string[] = [];
  // The one in use always stays; the others fill the remaining places, newest first.
  let room = keep - (all.some((v) => v.id === inUseId) ? 1 : 0);
  for (const v of all) {
    if (v.id === inUseId) kept.push(v);
    else if (room > 0) {
      kept.push(v);
      room--;
    } else dropped.push(v.id);
  }
  return { kept, dropped };
}

/** The version to put back in use, or a plain error when it is no longer kept. */
export function versionToRestore<V extends VersionMeta>(list: readonly V[], id: string): V {
  const v = list.find((x) => x.id === id);
  if (!v) throw new UserError('not-found', 'That version is no longer kept on this device.');
  return v;
}
