/** Where the worker finds the app's models and data sets, and how it fetches them. */

import { UserError } from '../ml/core/errors';
import type { DataManifest, FetchBytes } from '../ml/digits/data-shards';
import type { DatasetId } from '../ml/digits/datasets';

const base = import.meta.env.BASE_URL;

export const bundledModelUrl = (id: string) => `${base}models/${id}/model.json`;
export const bundledCardUrl = (id: string) => `${base}models/${id}/card.json`;
const dataUrl = (dataset: DatasetId, file: string) => `${base}data/${dataset}/${file}`;

async function get(url: string): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url);
  } catch {
    throw new UserError(
      'network',
      `Could not download ${url}: you seem to be offline and it is not stored on this device yet.`,
    );
  }
  if (!res.ok) throw new UserError('network', `Could not download ${url} (HTTP ${res.status}).`);
  return res;
}

export async function fetchJson<T>(url: string): Promise<T> {
  return (await get(url)).json() as Promise<T>;
}

export const fetchManifest = (dataset: DatasetId) => fetchJson<DataManifest>(dataUrl(dataset, 'manifest.json'));

export function dataFetcher(dataset: DatasetId): FetchBytes {
  return async (file) => new Uint8Array(await (await get(dataUrl(dataset, file))).arrayBuffer());
}
