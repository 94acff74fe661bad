/**
 * Installing the app: Chromium's beforeinstallprompt is kept (it fires once, early) so an Install
 * button can show it later; iOS has no such event, only Share → Add to Home Screen.
 */
interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

export type InstallState = 'installed' | 'available' | 'ios' | 'unavailable';

let deferred: BeforeInstallPromptEvent | null = null;
let installed = false;
export const installEvents = new EventTarget();
const changed = () => installEvents.dispatchEvent(new Event('change'));

const standalone = () =>
  matchMedia('(display-mode: standalone)').matches ||
  (navigator as Navigator & { standalone?: boolean }).standalone === true;

/** iPhone, iPod, and iPads (which say "Macintosh" but have a touch screen). */
export function isIos(ua = navigator.userAgent, touchPoints = navigator.maxTouchPoints): boolean {
  return /iPhone|iPad|iPod/.test(ua) || (/Macintosh/.test(ua) && touchPoints > 1);
}

export function installState(): InstallState {
  if (installed || standalone()) return 'installed';
  if (deferred) return 'available';
  return isIos() ? 'ios' : 'unavailable';
}

/** Shows the browser's install dialog; true when the user accepted. */
export async function install(): Promise<boolean> {
  const e = deferred;
  if (!e) return false;
  deferred = null; // a prompt can be shown once
  changed();
  await e.prompt();
  return (await e.userChoice).outcome === 'accepted';
}

/** Listens from app start: the event may come before the Settings page is ever opened. */
export function watchInstall(): void {
  // An offer that came before this code loaded, kept by src/boot.ts.
  const early = (globalThis as { pvInstallPrompt?: Event }).pvInstallPrompt;
  if (early) {
    deferred = early as BeforeInstallPromptEvent;
    changed();
  }
  window.addEventListener('beforeinstallprompt', (e) => {
    e.preventDefault(); // our button instead of the browser's mini-infobar
    deferred = e as BeforeInstallPromptEvent;
    changed();
  });
  window.addEventListener('appinstalled', () => {
    deferred = null;
    installed = true;
    changed();
  });
}
