/** User settings that must exist before the worker starts (the backend); kept in localStorage. */
import { BACKENDS, type BackendName, isBackendName } from '../ml/core/backend-names';
import {
  BACKBONE_VARIANTS,
  type BackboneVariant,
  DEFAULT_BACKBONE_VARIANT,
  isBackboneVariant,
} from '../ml/photos/backbone-spec';

/**
 * A choice kept in localStorage under `key`; the default is stored as no entry. Where storage is
 * blocked the default is read, and a change lasts for this visit only.
 */
function storedChoice<T extends string>(key: string, values: readonly T[], fallback: T) {
  return {
    get(): T {
      try {
        const v = localStorage.getItem(key);
        return values.find((x) => x === v) ?? fallback;
      } catch {
        return fallback;
      }
    },
    set(value: T): void {
      try {
        if (value === fallback) localStorage.removeItem(key);
        else localStorage.setItem(key, value);
      } catch {
        // storage blocked
      }
    },
  };
}

const backend = storedChoice<BackendName | 'auto'>('pv.backend', ['auto', ...BACKENDS], 'auto');

/** `?backend=` in the address wins over the saved setting. */
export function preferredBackend(): BackendName | 'auto' {
  const fromUrl = new URLSearchParams(location.search).get('backend');
  return isBackendName(fromUrl) ? fromUrl : backend.get();
}

export const saveBackendSetting = (value: BackendName | 'auto'): void => backend.set(value);

/** Flip test-time averaging in Classify: as each model was measured, or always / never. */
export type TtaSetting = 'auto' | 'on' | 'off';
const tta = storedChoice<TtaSetting>('pv.tta', ['auto', 'on', 'off'], 'auto');
export const ttaSetting = (): TtaSetting => tta.get();
export const saveTtaSetting = (value: TtaSetting): void => tta.set(value);

/** What to ask the worker for: undefined lets the model's card decide. */
export const ttaOption = (s: TtaSetting = ttaSetting()) => (s === 'auto' ? undefined : s === 'on');

/**
 * WASM threads on this browser. 'hung': a start with threads froze the ML worker here
 * (src/app/engine-connection.ts), so it starts single-threaded; 'on': the user asked for threads
 * where they start off; 'default': threads wherever the engine is not known to freeze.
 */
export type WasmThreadsSetting = 'default' | 'on' | 'hung';
const threads = storedChoice<WasmThreadsSetting>('pv.wasmThreads', ['default', 'on', 'hung'], 'default');
export const wasmThreadsSetting = (): WasmThreadsSetting => threads.get();
export const saveWasmThreadsSetting = (value: WasmThreadsSetting): void => threads.set(value);

/**
 * Engines whose threaded WASM start can freeze the ML worker start single-threaded unless the
 * user asks for all cores (each freeze costs the 15 s start deadline). Measured here:
 * - Gecko (Firefox) sometimes never returns from one of the `new Worker()` calls that start the
 *   thread pool: 11 of 42 threaded starts froze with a pool of 8 (a phone's cores), 2 of 50 with 2.
 * - WebKit (Safari, every iOS browser) with SharedArrayBuffer: 2 of 20 threaded starts froze under
 *   load, and offline its thread-pool scripts do not load (nested workers bypass the service
 *   worker); it reports 4 or 8 cores whatever the phone has, and 4 threads on 2 cores were slower
 *   than 1 (ResNet50 894 vs 530 ms).
 * Chromium-based browsers (their user agent names Chrome, Chromium or Edge) start threaded.
 */
export function threadsOffByDefault(userAgent = navigator.userAgent): boolean {
  const gecko = /\bFirefox\//.test(userAgent);
  const webkit = /AppleWebKit\//.test(userAgent) && !/(Chrome|Chromium|Edg)\//.test(userAgent);
  return gecko || webkit;
}

/** Threads need SharedArrayBuffer: a cross-origin isolated page in an engine that exposes it. */
export const threadsPossible = (): boolean =>
  globalThis.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function';

export function wasmThreadsAllowed(setting = wasmThreadsSetting(), userAgent = navigator.userAgent): boolean {
  return setting === 'hung' ? false : setting === 'on' ? true : !threadsOffByDefault(userAgent);
}

/**
 * Which photo model to download: 'auto' is the smaller one when the browser says the person
 * wants to save data (navigator.connection.saveData, Chromium only; elsewhere the default).
 */
export type BackboneSetting = 'auto' | BackboneVariant;
const backbone = storedChoice<BackboneSetting>('pv.backbone', ['auto', ...BACKBONE_VARIANTS], 'auto');
export const backboneSetting = (): BackboneSetting => backbone.get();
/** Fired on window after the photo model setting changed (the offline panel's total follows it). */
export const PHOTO_MODEL_EVENT = 'pv-photo-model';

export const saveBackboneSetting = (value: BackboneSetting): void => {
  backbone.set(value);
  if (typeof window !== 'undefined') window.dispatchEvent(new Event(PHOTO_MODEL_EVENT));
};

/** True when the browser reports a data saver mode (an API only Chromium has). */
export const saveDataWanted = (): boolean =>
  (navigator as Navigator & { connection?: { saveData?: boolean } }).connection?.saveData === true;

/** The variant the worker loads; `?backbone=` in the address wins (benchmarks, tests). */
export function backboneVariant(setting = backboneSetting(), saveData = saveDataWanted()): BackboneVariant {
  const fromUrl = new URLSearchParams(location.search).get('backbone');
  if (isBackboneVariant(fromUrl)) return fromUrl;
  if (setting !== 'auto') return setting;
  return saveData ? 'uint8' : DEFAULT_BACKBONE_VARIANT;
}
