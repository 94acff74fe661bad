/**
 * Vite plugin: the offline index (see offline-index.ts) as the virtual module
 * 'virtual:pv-offline-index', listed from the models and data folders when the app is built.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Plugin } from 'vite';
import {
  OFFLINE_INDEX_MODULE,
  type OfflineFile,
  type OfflineGroup,
  type OfflineKind,
} from '../src/app/pwa/offline-index.ts';
import { DATASETS, isDatasetId } from '../src/ml/digits/datasets.ts';
import { BACKBONE_VARIANTS, backboneFolder } from '../src/ml/photos/backbone-spec.ts';
import { BUNDLED_HEADS } from '../src/ml/photos/bundled-heads.ts';

const RESOLVED = `\0${OFFLINE_INDEX_MODULE}`;

const dirsIn = (dir: string) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((n) => statSync(join(dir, n)).isDirectory())
        .sort()
    : [];

function filesOf(dir: string, urlBase: string): OfflineFile[] {
  return readdirSync(dir)
    .filter((n) => statSync(join(dir, n)).isFile())
    .sort()
    .map((n) => {
      const bytes = readFileSync(join(dir, n));
      // Size and SHA-256: what the app checks every stored copy against (offline-verify.ts).
      return {
        url: `${urlBase}/${n}`,
        bytes: bytes.byteLength,
        sha256: createHash('sha256').update(bytes).digest('hex'),
      };
    });
}

function cardTitle(dir: string, fallback: string): string {
  try {
    return (JSON.parse(readFileSync(join(dir, 'card.json'), 'utf8')) as { title?: string }).title ?? fallback;
  } catch {
    return fallback;
  }
}

function modelGroup(dir: string, modelsRoot: string, kind: OfflineKind): OfflineGroup {
  const id = relative(modelsRoot, dir).split('\\').join('/');
  return { id, kind, title: cardTitle(dir, id), cache: 'models', files: filesOf(dir, `/models/${id}`) };
}

/** Every variant's folder; the app downloads only the one in use (offline-assets.ts). */
const backboneFolders = new Set<string>(BACKBONE_VARIANTS.map(backboneFolder));

export function offlineIndex(modelsRoot = 'models', dataRoot = 'public/data'): OfflineGroup[] {
  const heads = join(modelsRoot, 'heads');
  const models = dirsIn(modelsRoot)
    .filter((n) => n !== 'heads')
    .map((n) => modelGroup(join(modelsRoot, n), modelsRoot, backboneFolders.has(n) ? 'backbone' : 'digits'));
  // The app's own list, not whatever folders exist; sorted, the order the offline panel has always shown.
  const headGroups = [...BUNDLED_HEADS]
    .sort()
    .filter((n) => existsSync(join(heads, n)))
    .map((n) => modelGroup(join(heads, n), modelsRoot, 'head'));
  const data = dirsIn(dataRoot).map(
    (n): OfflineGroup => ({
      id: `data/${n}`,
      kind: 'data',
      title: isDatasetId(n) ? DATASETS[n].title : n,
      cache: 'data',
      files: filesOf(join(dataRoot, n), `/data/${n}`),
    }),
  );
  // The order downloads run in: the photo model first, as Classify and Teach both need it.
  return [
    ...models.filter((g) => g.kind === 'backbone'),
    ...headGroups,
    ...models.filter((g) => g.kind !== 'backbone'),
    ...data,
  ].filter((g) => g.files.length > 0);
}

export function offlineIndexModule(): Plugin {
  return {
    name: 'pv-offline-index',
    resolveId: (id) => (id === OFFLINE_INDEX_MODULE ? RESOLVED : null),
    load: (id) => (id === RESOLVED ? `export default ${JSON.stringify(offlineIndex())};` : null),
  };
}
