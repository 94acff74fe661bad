/**
 * The one way to stop long work in the worker. The page names each run with a token
 * (`newRunToken()` in the contract) and cancels that run by its token; the run sees an AbortSignal,
 * which the training loop in src/ml polls between batches. A cancel may overtake the start of its
 * run across the Comlink bridge: it still counts.
 */
import type { RunToken } from '../contract/ml-api';

const controllers = new Map<RunToken, AbortController>();

function controllerOf(token: RunToken): AbortController {
  let c = controllers.get(token);
  if (!c) controllers.set(token, (c = new AbortController()));
  return c;
}

/** The signal of the run named `token`; call `done` when the run ends, whatever the outcome. */
export function runSignal(token: RunToken): { signal: AbortSignal; done: () => void } {
  return { signal: controllerOf(token).signal, done: () => controllers.delete(token) };
}

/** Asks the run named `token` to stop after its current step. */
export function cancelRun(token: RunToken): void {
  controllerOf(token).abort();
}
