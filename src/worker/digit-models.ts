/** Loads the MLPs the app reads drawings and test images with, once each, and forgets stale ones. */

import type { DigitModelSource } from '../contract/ml-api';
import { modelFileError } from '../ml/core/errors';
import { DATASETS, type DatasetId } from '../ml/digits/datasets';
import type { MlpCard } from '../ml/digits/mlp-card';
import { bundledCardUrl, bundledModelUrl, fetchJson } from './assets';
import { tf } from './tf-browser';
import { loadUserModel } from './user-models';

export interface LoadedModel {
  model: tf.LayersModel;
  card: MlpCard;
  /** Which one it is: the user's (with its version id, when it has one) or the bundled one. */
  source: DigitModelSource;
  versionId?: string;
}

const loaded = new Map<string, Promise<LoadedModel | null>>();

async function loadBundled(dataset: DatasetId): Promise<LoadedModel> {
  const id = DATASETS[dataset].modelId;
  const card = await fetchJson<MlpCard>(bundledCardUrl(id));
  try {
    return { model: await tf.loadLayersModel(bundledModelUrl(id)), card, source: 'bundled' };
  } catch (e) {
    throw modelFileError(e instanceof Error ? e.message : String(e));
  }
}

export function bundledModel(dataset: DatasetId): Promise<LoadedModel> {
  return getModel(dataset, 'bundled') as Promise<LoadedModel>;
}

/** The model in use: the user's saved model when there is one, else the bundled one. The one place that decides. */
export async function digitModelInUse(dataset: DatasetId): Promise<LoadedModel> {
  return (await getModel(dataset, 'user')) || bundledModel(dataset);
}

/**
 * Keyed by the backend too: a load begun on a GPU backend that was lost during it may never settle,
 * and must not be what every later read on the next backend waits for.
 */
function getModel(dataset: DatasetId, source: DigitModelSource): Promise<LoadedModel | null> {
  const k = `${tf.getBackend()}/${dataset}/${source}`;
  let entry = loaded.get(k);
  if (!entry) {
    entry =
      source === 'user'
        ? loadUserModel(dataset).then((m) => m && { ...m, source: 'user' as const })
        : loadBundled(dataset);
    entry.catch(() => loaded.delete(k));
    loaded.set(k, entry);
  }
  return entry;
}

/** After a save or reset, the next request reloads the user's model. */
export async function forgetUserModel(dataset: DatasetId): Promise<void> {
  const stale = [...loaded.keys()].filter((k) => k.endsWith(`/${dataset}/user`));
  const entries = stale.map((k) => loaded.get(k));
  for (const k of stale) loaded.delete(k);
  for (const entry of entries) (await entry?.catch(() => null))?.model.dispose();
}

/** After a backend switch, models are reloaded on the new backend. */
export async function forgetAll(): Promise<void> {
  const entries = [...loaded.values()];
  loaded.clear();
  for (const e of entries) (await e.catch(() => null))?.model.dispose();
}
