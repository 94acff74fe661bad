/** The UI's only door to the ML worker. Import `ml` and call it; every call is async. */
import { proxy, transfer, wrap, type Remote } from 'comlink';
import type { MlApi } from '../worker/api';

let remote: Remote<MlApi> | null = null;

export function ml(): Remote<MlApi> {
  remote ??= wrap<MlApi>(new Worker(new URL('../worker/ml.worker.ts', import.meta.url), { type: 'module', name: 'ml' }));
  return remote;
}

/** Wraps callbacks so the worker can call them back across the bridge. */
export { proxy, transfer };
