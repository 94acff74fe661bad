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
 * WASM threads on this browser. 'hung': a start with threads froze the ML worker here before
 * (src/app/engine-connection.ts), so it starts single-threaded until the user asks to retry.
 */
export type WasmThreadsSetting = 'auto' | 'hung';
const THREADS_KEY = 'pv.wasmThreads';

export function wasmThreadsSetting(): WasmThreadsSetting {
  try {
    return localStorage.getItem(THREADS_KEY) === 'hung' ? 'hung' : 'auto';
  } catch {
    return 'auto';
  }
}

export function saveWasmThreadsSetting(value: WasmThreadsSetting): void {
  try {
    if (value === 'auto') localStorage.removeItem(THREADS_KEY);
    else localStorage.setItem(THREADS_KEY, value);
  } catch {
    // storage blocked: decided again on the next visit
  }
}
