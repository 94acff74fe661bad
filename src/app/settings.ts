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
