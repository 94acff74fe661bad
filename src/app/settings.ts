/** User settings that must exist before the worker starts (the backend); kept in localStorage. */
import { isBackendName, type BackendName } from '../ml/backend-names';

const KEY = 'pv.backend';

/** `?backend=` in the address wins over the saved setting. */
export function preferredBackend(): BackendName | 'auto' {
  const fromUrl = new URLSearchParams(location.search).get('backend');
  if (isBackendName(fromUrl)) return fromUrl;
  const saved = localStorage.getItem(KEY);
  return isBackendName(saved) ? saved : 'auto';
}

export function saveBackendSetting(value: BackendName | 'auto'): void {
  if (value === 'auto') localStorage.removeItem(KEY);
  else localStorage.setItem(KEY, value);
}

/** Flip test-time averaging in Classify: as each model was measured, or always / never. */
export type TtaSetting = 'auto' | 'on' | 'off';
const TTA_KEY = 'pv.tta';

export function ttaSetting(): TtaSetting {
  try {
    const v = localStorage.getItem(TTA_KEY);
    return v === 'on' || v === 'off' ? v : 'auto';
  } catch {
    return 'auto';
  }
}

export function saveTtaSetting(value: TtaSetting): void {
  try {
    if (value === 'auto') localStorage.removeItem(TTA_KEY);
    else localStorage.setItem(TTA_KEY, value);
  } catch {
    // storage blocked: the choice lasts for this visit only
  }
}

/** What to ask the worker for: undefined lets the model's card decide. */
export const ttaOption = (s: TtaSetting = ttaSetting()) => (s === 'auto' ? undefined : s === 'on');

/**
 * WASM threads on this browser. 'hung': a start with threads froze the ML worker here
 * (src/app/engine-connection.ts), so it starts single-threaded; 'on': the user asked for threads
 * where they start off; 'default': threads wherever the engine is not known to freeze.
 */
export type WasmThreadsSetting = 'default' | 'on' | 'hung';
const THREADS_KEY = 'pv.wasmThreads';

export function wasmThreadsSetting(): WasmThreadsSetting {
  try {
    const v = localStorage.getItem(THREADS_KEY);
    return v === 'hung' || v === 'on' ? v : 'default';
  } catch {
    return 'default';
  }
}

export function saveWasmThreadsSetting(value: WasmThreadsSetting): void {
  try {
    if (value === 'default') localStorage.removeItem(THREADS_KEY);
    else localStorage.setItem(THREADS_KEY, value);
  } catch {
    // storage blocked: decided again on the next visit
  }
}

/**
 * Firefox (Gecko) sometimes never returns from one of the `new Worker()` calls that start WASM's
 * thread pool: measured here, 11 of 42 threaded starts froze with a pool of 8 (a phone's cores)
 * and 2 of 50 with 2. Each freeze costs the 15 s start deadline, so Gecko starts single-threaded
 * unless the user asks for all cores. Firefox on iOS is WebKit and says "FxiOS", not "Firefox/".
 */
export const threadsOffByDefault = (userAgent = navigator.userAgent): boolean => /\bFirefox\//.test(userAgent);

export function wasmThreadsAllowed(setting = wasmThreadsSetting(), userAgent = navigator.userAgent): boolean {
  return setting === 'hung' ? false : setting === 'on' ? true : !threadsOffByDefault(userAgent);
}
