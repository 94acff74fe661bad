/** The UI's only door to the ML worker. Import `ml` and call it; every call is async. */
import { proxy, type Remote, transfer } from 'comlink';
import type { MlApi } from '../contract/ml-api';
import { EngineConnection } from './engine-connection';
import {
  backboneVariant,
  preferredBackend,
  saveWasmThreadsSetting,
  threadsPossible,
  wasmThreadsAllowed,
} from './settings';

/** How long a starting worker may stay silent before it is replaced (it beats every second). */
export const ENGINE_START_DEADLINE_MS = 15_000;

/** Fired on window when a stuck engine start was replaced; `detail.singleThreaded`: threads were turned off for it. */
export const ENGINE_RESTART_EVENT = 'pv-engine-restart';
export interface EngineRestart {
  singleThreaded: boolean;
}

let connection: EngineConnection | null = null;

export function ml(): Remote<MlApi> {
  connection ??= new EngineConnection({
    spawn: () => new Worker(new URL('../worker/ml.worker.ts', import.meta.url), { type: 'module', name: 'ml' }),
    preferred: preferredBackend,
    threadsAllowed: () => threadsPossible() && wasmThreadsAllowed(),
    backboneVariant: () => backboneVariant(),
    // `npm run bench` limits the WASM pool to 1 or 2 threads to stand in for a small phone.
    wasmThreadLimit: Number(new URLSearchParams(location.search).get('threads')) || undefined,
    onRestart: (threads) => {
      if (threads) saveWasmThreadsSetting('hung');
      window.dispatchEvent(
        new CustomEvent<EngineRestart>(ENGINE_RESTART_EVENT, { detail: { singleThreaded: threads } }),
      );
    },
    deadlineMs: ENGINE_START_DEADLINE_MS,
    // The start-up watchdog test freezes the first worker as Firefox's thread-pool hang does.
    freezeFirstStartForTest: new URLSearchParams(location.search).has('test-freeze-start'),
    paused: () => document.hidden,
  });
  return connection.api;
}

// A page kept in the back/forward cache must not keep a worker busy writing to storage: WebKit
// suspends it mid-transaction, and the next page's worker then waits on it. Restored, it starts anew.
if (typeof window !== 'undefined')
  window.addEventListener('pagehide', (e) => {
    if (e.persisted) connection?.suspend();
  });

/** Wraps callbacks so the worker can call them back across the bridge. */
export { proxy, transfer };
