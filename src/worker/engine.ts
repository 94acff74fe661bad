/**
 * The worker's backend lifecycle, and the one place that survives a lost GPU.
 *
 * A call that was running on the GPU when it went away is rerun on the next backend; models loaded
 * on the lost one are forgotten (digit models are also keyed by backend, see digit-models.ts).
 */

import type { BackendChange, EngineStartOptions } from '../contract/ml-api';
import { type BackendChoice, type BackendName, chooseBackend } from '../ml/core/backend';
import { UserError } from '../ml/core/errors';
import { DEFAULT_BACKBONE_VARIANT } from '../ml/photos/backbone-spec';
import { useBackboneVariant } from './backbone-cache';
import { deviceLost, dropLostBackend, lossMark, lostSince, untilLost, watchDevice } from './device-loss';
import { forgetAll } from './digit-models';
import { forgetImageModels } from './image-models';
import { browserHost, limitWasmThreads, tf, wasmThreads } from './tf-browser';

let choice: BackendChoice | null = null;
let starting: Promise<BackendChoice> | null = null;
let listener: ((change: BackendChange) => void) | null = null;

/** Starts (or switches to) a backend; calls made meanwhile wait for it. */
export async function startEngine(
  preferred: BackendName | 'auto',
  options: EngineStartOptions = {},
): Promise<BackendChoice> {
  const previous = starting;
  const next = (async () => {
    if (previous) await previous.catch(() => undefined); // one start at a time
    // Threads can only be turned off before the WASM backend first starts.
    if (options.wasmThreads === false && !tf.engine().registry.wasm)
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    if (options.wasmThreadLimit) limitWasmThreads(options.wasmThreadLimit);
    if (choice) await Promise.all([forgetAll(), forgetImageModels()]);
    await useBackboneVariant(options.backboneVariant ?? DEFAULT_BACKBONE_VARIANT);
    dropLostBackend(); // after its models are disposed, before choosing again
    const chosen = await chooseBackend(browserHost, preferred);
    if (chosen.name === 'wasm') chosen.threads = wasmThreads();
    choice = chosen;
    watchDevice(chosen.name, recover);
    return chosen;
  })();
  starting = next;
  try {
    return await next;
  } finally {
    if (starting === next) starting = null;
  }
}

/** The backend in use once any start or switch in progress has finished. */
export function engineReady(): Promise<BackendChoice> {
  if (choice && deviceLost()) recover(choice.name); // lost before its event arrived
  return starting ?? (choice ? Promise.resolve(choice) : startEngine('auto'));
}

/** The backend in use now, if started. */
export const currentBackend = (): BackendChoice | null => choice;

/** Where to report a switch made on the worker's own initiative (after a GPU loss). */
export function onEngineChange(cb: (change: BackendChange) => void): void {
  listener = cb;
}

/** The GPU under `lost` went away: move to the best remaining backend and tell the UI. */
function recover(lost: BackendName) {
  if (starting || choice?.name !== lost) return;
  void startEngine('auto').then(
    (next) => listener?.({ choice: next, lost }),
    () => undefined,
  );
}

/**
 * Runs a model call; if the GPU was lost during it, the call hangs or answers from dead textures, so
 * it runs again on the next backend. A camera frame is used up by the first try: that one asks for a retry.
 */
export async function survivingLoss<T>(fn: () => Promise<T>, reusable: boolean): Promise<T> {
  await engineReady();
  const mark = lossMark();
  try {
    const result = await untilLost(fn());
    if (!lostSince(mark)) return result;
  } catch (e) {
    if (!lostSince(mark)) throw e;
  }
  if (!reusable)
    throw new UserError(
      'backend-unavailable',
      "The phone's graphics chip reset while reading this photo. Tap “Try again”.",
    );
  await engineReady();
  return fn();
}
