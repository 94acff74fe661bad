/**
 * The page's entry: a few lines that load the app (src/main.ts) and, if it cannot start, say so.
 *
 * Without this, a module that throws while it is evaluated (uPlot once did, on a browser reporting
 * `navigator.language` "C"), a chunk that fails to load, or syntax an old engine cannot parse
 * leaves `<pv-app>` undefined: a blank page with no word why. Here the app comes through a dynamic
 * `import()`, whose promise rejects in all those cases with the reason, and the reason is written
 * into the page. This file imports nothing else, so it runs even when the app's code cannot.
 * (Two `<script type="module">` tags would not do: Vite bundles them into one chunk, and a chunk
 * that fails to load or parse would take this code down with it.) The CSP allows no inline script
 * or style, so the message is built with DOM calls and styled by src/page.css. A normal start
 * never shows it.
 */

const APP_TAG = 'pv-app';

/** Errors seen while the app loads, in case the import settles without a reason of its own. */
let firstError: unknown;
const onError = (e: ErrorEvent) => (firstError ??= e.error ?? e.message);
const onRejection = (e: PromiseRejectionEvent) => (firstError ??= e.reason);
addEventListener('error', onError);
addEventListener('unhandledrejection', onRejection);

// Chromium offers installing once per load, possibly before the app's code (imported below) has
// arrived to listen: kept here for src/app/pwa/install.ts, which takes it over.
addEventListener('beforeinstallprompt', (e) => {
  e.preventDefault(); // our Install button instead of the browser's mini-infobar
  (globalThis as { pvInstallPrompt?: Event }).pvInstallPrompt = e;
});

/** "RangeError: Incorrect locale information provided", without a trailing full stop. */
function describeFailure(e: unknown): string {
  let text: string;
  if (e instanceof Error) text = e.message ? `${e.name}: ${e.message}` : e.name;
  else if (e !== undefined && e !== null && String(e)) text = String(e);
  else text = 'an unknown error';
  text = text.trim().replace(/[.\s]+$/, '');
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}

function showFailure(reason: unknown): void {
  console.error('Pocket Vision could not start:', reason);
  if (document.querySelector('.pv-boot-failure')) return;
  const box = document.createElement('div');
  box.className = 'pv-boot-failure';
  box.setAttribute('role', 'alert');
  box.dataset.testid = 'boot-failure';
  const what = document.createElement('p');
  const lead = document.createElement('strong');
  lead.textContent = 'Pocket Vision could not start in this browser';
  const why = document.createElement('code');
  why.textContent = describeFailure(reason);
  what.append(lead, ': ', why, '.');
  const next = document.createElement('p');
  next.textContent = 'Try reloading; if it keeps happening, update your browser.';
  const reload = document.createElement('button');
  reload.type = 'button';
  reload.textContent = 'Reload';
  reload.addEventListener('click', () => location.reload());
  box.append(what, next, reload);
  document.body.prepend(box);
}

import('./main')
  .then(
    () => {
      if (!customElements.get(APP_TAG)) showFailure(firstError ?? new Error(`the app did not define <${APP_TAG}>`));
    },
    (e: unknown) => showFailure(e ?? firstError),
  )
  .finally(() => {
    removeEventListener('error', onError);
    removeEventListener('unhandledrejection', onRejection);
  });
