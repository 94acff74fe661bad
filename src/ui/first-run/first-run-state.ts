/**
 * Whether this phone has seen the welcome screen. Remembered in localStorage: it shows on the
 * first visit only, and Settings can show it again (an event the shell's <pv-first-run> hears).
 */
export const WELCOME_SEEN_KEY = 'pv.welcomeSeen';
export const SHOW_WELCOME_EVENT = 'pv-show-welcome';

export function welcomeSeen(): boolean {
  try {
    return localStorage.getItem(WELCOME_SEEN_KEY) === 'yes';
  } catch {
    return true; // storage blocked: better never to show it than to show it on every visit
  }
}

export function markWelcomeSeen(): void {
  try {
    localStorage.setItem(WELCOME_SEEN_KEY, 'yes');
  } catch {
    // storage blocked: nothing to remember it in
  }
}

/** Opens the welcome screen again (Settings → Help). */
export function showWelcome(): void {
  window.dispatchEvent(new Event(SHOW_WELCOME_EVENT));
}
