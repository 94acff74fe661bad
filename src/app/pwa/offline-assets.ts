/** Which of the offline index's models and data sets are on this device, read from the runtime caches. */
import index from 'virtual:pv-offline-index';
import { type BackboneVariant, backboneFolder } from '../../ml/photos/backbone-spec';
import { backboneVariant } from '../settings';
import { DATA_CACHE, MODELS_CACHE } from './cache-names';
import type { OfflineFile, OfflineGroup } from './offline-index';

export interface GroupStatus {
  group: OfflineGroup;
  bytes: number;
  storedBytes: number;
  state: 'stored' | 'partly' | 'missing';
}

const ALL_GROUPS: readonly OfflineGroup[] = index;

/**
 * What "Make available offline" covers: everything, but of the photo model only the variant in use
 * (Settings' photo model download), as the other would double the biggest download for nothing.
 */
export function offlineGroups(variant: BackboneVariant = backboneVariant()): readonly OfflineGroup[] {
  return ALL_GROUPS.filter((g) => g.kind !== 'backbone' || g.id === backboneFolder(variant));
}

/** Bytes of one photo model variant's download (its group in the build's index; 0 if not built). */
export const backboneDownloadBytes = (variant: BackboneVariant): number =>
  sumBytes(ALL_GROUPS.find((g) => g.kind === 'backbone' && g.id === backboneFolder(variant))?.files ?? []);

/** The exact caches the service worker's Cache First routes read (vite.config.ts runtimeCaching). */
export const cacheNameOf = (g: OfflineGroup) => (g.cache === 'models' ? MODELS_CACHE : DATA_CACHE);

export const sumBytes = (files: readonly OfflineFile[]) => files.reduce((a, f) => a + f.bytes, 0);

/** Paths stored in each of the two caches (one keys() per cache, not one match per file). */
async function storedPaths(): Promise<Set<string>> {
  const paths = new Set<string>();
  if (!('caches' in self)) return paths;
  for (const name of [MODELS_CACHE, DATA_CACHE]) {
    if (!(await caches.has(name))) continue;
    for (const req of await (await caches.open(name)).keys()) paths.add(new URL(req.url).pathname);
  }
  return paths;
}

export async function offlineStatus(): Promise<GroupStatus[]> {
  const stored = await storedPaths();
  return offlineGroups().map((group) => {
    const bytes = sumBytes(group.files);
    const storedBytes = sumBytes(group.files.filter((f) => stored.has(f.url)));
    const state =
      storedBytes === bytes
        ? 'stored'
        : storedBytes > 0 || group.files.some((f) => stored.has(f.url))
          ? 'partly'
          : 'missing';
    return { group, bytes, storedBytes, state };
  });
}

/** Files not yet stored, in download order. */
export async function missingFiles(): Promise<{ file: OfflineFile; cache: string }[]> {
  const stored = await storedPaths();
  return offlineGroups().flatMap((g) =>
    g.files.filter((f) => !stored.has(f.url)).map((file) => ({ file, cache: cacheNameOf(g) })),
  );
}
