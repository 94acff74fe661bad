/**
 * One small driver abstraction for the engine matrix: the core flows (core-flows.ts) and the
 * repeated-loads CLI (loads.ts) are written once against `EnginePage`; webkit.ts (WebKitWebDriver,
 * classic WebDriver) and firefox.ts (Firefox ESR over WebDriver BiDi) implement the few primitives
 * that differ. Everything else (reading attributes, waiting, the error hook) lives here.
 *
 * A target is a `data-testid` ("classify-result") or a CSS selector ("option[value=cats-dogs]"),
 * matched through every open shadow root (the app is Lit components all the way down).
 */
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WELCOME_SEEN_KEY } from '../../src/ui/first-run/first-run-state';
import type { Pt } from '../browser/strokes';

export type { Pt };
export type EngineName = 'webkit' | 'webkit-sab' | 'firefox';

/** The phone-sized viewport every engine gets (a Pixel 7's CSS size). */
export const VIEWPORT = { width: 412, height: 915 };

/** A downloaded file, however the engine delivered it. */
export interface Download {
  name: string;
  bytes: Buffer;
}

export interface EnginePage {
  readonly engine: EngineName;
  /** A path on the page's origin ("/classify") or a full URL. */
  goto(path: string): Promise<void>;
  reload(): Promise<void>;
  /** A function (serialized; keep it self-contained) or a script body that may use `arguments`. */
  evaluate<T>(fn: string | ((...args: never[]) => T | Promise<T>), ...args: unknown[]): Promise<T>;
  /** A real click (the engine's own pointer input) at the element's centre, scrolled into view. */
  click(target: string): Promise<void>;
  /** Types text as keystrokes into a focused text field ("\n" is Enter). */
  type(target: string, text: string): Promise<void>;
  /** Picks an `<option>` of a `<select>` by value. */
  select(target: string, value: string): Promise<void>;
  /** Sets files on an `<input type=file>` (absolute or relative paths). */
  setFiles(target: string, paths: string[]): Promise<void>;
  /** Pointer strokes over an element, in 0..1 coordinates of its box (as DIGIT_STROKES). */
  draw(target: string, strokes: Pt[][]): Promise<void>;
  /** Clicks `target` and returns the file the page saved. */
  download(target: string, timeoutMs?: number): Promise<Download>;
  /** Page errors since the page opened, across navigations: uncaught errors, unhandled rejections, CSP violations. */
  errors(): Promise<string[]>;
  /** console.error lines (reported, not asserted: the app logs some recoverable trouble there). */
  consoleErrors(): Promise<string[]>;
  /** The viewport the engine actually gave (a browser may enforce a minimum window width). */
  viewport(): Promise<{ width: number; height: number }>;

  // Shared helpers (BasePage implements them with evaluate).
  attr(target: string, name: string): Promise<string | null>;
  text(target: string): Promise<string | null>;
  count(target: string): Promise<number>;
  waitFor<T>(predicate: () => Promise<T>, timeoutMs: number, what: string): Promise<NonNullable<T>>;
  /** Waits until the worker has chosen a backend (the header badge names it); returns its name. */
  waitForBackend(timeoutMs?: number): Promise<string>;
  close(): Promise<void>;
}

export interface Engine {
  readonly name: EngineName;
  /** A fresh page in a fresh profile (cookies, storage, service workers of its own). */
  open(baseURL: string): Promise<EnginePage>;
  close(): Promise<void>;
}

/** `classify-result` → `[data-testid="classify-result"]`; anything else is CSS already. */
export const css = (target: string) => (/^[\w-]+$/.test(target) ? `[data-testid="${target}"]` : target);

/** In-page: the first / all elements matching a selector in the document and every shadow root. */
export const DEEP_QUERY = `
  var __name = function (f) { return f; };
  function __pvRoots() {
    var roots = [document], out = [];
    while (roots.length) {
      var r = roots.shift(); out.push(r);
      var all = r.querySelectorAll('*');
      for (var i = 0; i < all.length; i++) if (all[i].shadowRoot) roots.push(all[i].shadowRoot);
    }
    return out;
  }
  function __pvDeep(sel) { var rs = __pvRoots(); for (var i = 0; i < rs.length; i++) { var e = rs[i].querySelector(sel); if (e) return e; } return null; }
  function __pvDeepAll(sel) { var out = []; __pvRoots().forEach(function (r) { out.push.apply(out, r.querySelectorAll(sel)); }); return out; }
`;

/**
 * In-page: records what Chromium's `pageerror` would (uncaught errors, unhandled rejections), CSP
 * violations, and console.error separately. Installed before the app's scripts where the engine can
 * (Firefox preload script), right after each load where it cannot (WebKit classic WebDriver).
 */
export const ERROR_HOOK = `
  if (!window.__pvErrors) {
    window.__pvErrors = []; window.__pvConsole = [];
    var push = function (list, s) { if (list.length < 200) list.push(String(s).slice(0, 600)); };
    window.addEventListener('error', function (e) {
      // A thrown ErrorEvent (a worker's error re-thrown) says only "[object ErrorEvent]": add what it carried.
      var inner = e.error && e.error.message && e.error.message !== e.message ? ' — ' + e.error.message + (e.error.filename ? ' (' + e.error.filename + ')' : '') : '';
      push(window.__pvErrors, 'error: ' + (e.message || e.type) + inner + (e.filename ? ' (' + e.filename + ':' + e.lineno + ')' : ''));
    });
    window.addEventListener('unhandledrejection', function (e) { var r = e.reason; push(window.__pvErrors, 'unhandledrejection: ' + (r && r.message ? r.name + ': ' + r.message : String(r)) + (r && r.stack ? ' @ ' + r.stack.split('\\n').slice(0, 3).join(' | ') : '')); });
    document.addEventListener('securitypolicyviolation', function (e) { push(window.__pvErrors, 'csp: ' + e.violatedDirective + ' blocked ' + e.blockedURI + ' (' + e.sourceFile + ':' + e.lineNumber + ')'); });
    var ce = console.error;
    console.error = function () { push(window.__pvConsole, Array.prototype.map.call(arguments, function (a) { return a && a.stack ? a.stack : String(a); }).join(' ')); return ce.apply(this, arguments); };
  }
`;

/**
 * In-page: the app's export makes a Blob download (an `<a download>` clicked in script). Where the
 * driver cannot capture downloads, this keeps each object URL's Blob and records the anchor click
 * (the browser's own download is suppressed: MiniBrowser would open a save dialog).
 */
export const DOWNLOAD_HOOK = `
  if (!window.__pvDownloads) {
    window.__pvDownloads = [];
    var blobs = new Map(), make = URL.createObjectURL;
    URL.createObjectURL = function (b) { var u = make.call(URL, b); blobs.set(u, b); return u; };
    var click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function () {
      if (this.hasAttribute('download') && blobs.has(this.href)) { window.__pvDownloads.push({ name: this.download, blob: blobs.get(this.href) }); return; }
      return click.call(this);
    };
  }
`;

/** Reads the newest hooked download as base64 (null while none). */
export const READ_HOOKED_DOWNLOAD = `
  var d = window.__pvDownloads && window.__pvDownloads[window.__pvDownloads.length - 1];
  if (!d) return null;
  return new Promise(function (resolve, reject) {
    var r = new FileReader();
    r.onload = function () { resolve({ name: d.name, base64: String(r.result).split(',')[1] || '' }); };
    r.onerror = function () { reject(r.error); };
    r.readAsDataURL(d.blob);
  });
`;

/** Wraps a function or a script body so it runs in the page with the deep-query helpers in scope. */
export function pageScript(fn: string | ((...args: never[]) => unknown)): string {
  const body = typeof fn === 'string' ? fn : `return (${fn.toString()}).apply(null, arguments);`;
  return `${DEEP_QUERY}\n${body}`;
}

/** Thrown from a waitFor predicate to stop waiting at once (the page showed an error). */
export class StopWaiting extends Error {}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A TCP port nobody listens on right now (for a driver to take, or for a dead proxy). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export const tempDir = (prefix: string) => mkdtempSync(join(tmpdir(), `pv-${prefix}-`));

/** The parts of a page every engine shares: built on the engine's evaluate. */
export abstract class BasePage implements EnginePage {
  abstract readonly engine: EngineName;
  protected baseURL: string;
  /** Errors read from documents already navigated away from. */
  private earlier = { errors: [] as string[], console: [] as string[] };

  constructor(baseURL: string) {
    this.baseURL = baseURL;
  }

  protected url(path: string) {
    return /^[a-z]+:/.test(path) ? path : new URL(path, this.baseURL).href;
  }

  abstract evaluate<T>(fn: string | ((...args: never[]) => T | Promise<T>), ...args: unknown[]): Promise<T>;
  protected abstract navigate(url: string): Promise<void>;
  protected abstract doReload(): Promise<void>;
  abstract click(target: string): Promise<void>;
  abstract type(target: string, text: string): Promise<void>;
  abstract select(target: string, value: string): Promise<void>;
  abstract setFiles(target: string, paths: string[]): Promise<void>;
  abstract draw(target: string, strokes: Pt[][]): Promise<void>;
  abstract download(target: string, timeoutMs?: number): Promise<Download>;
  abstract close(): Promise<void>;

  /** The engine installs ERROR_HOOK itself where it can run scripts before the page's. */
  protected async afterLoad(): Promise<void> {}

  private async keepErrors() {
    try {
      const { errors, console } = await this.evaluate<{ errors: string[]; console: string[] }>(
        'return { errors: window.__pvErrors || [], console: window.__pvConsole || [] };',
      );
      this.earlier.errors.push(...errors);
      this.earlier.console.push(...console);
    } catch {
      // no document yet (first navigation) or the page is gone
    }
  }

  /** Whether this profile was made a returning user (the first-run welcome is a modal that would take every click). */
  private returning = false;

  async goto(path: string) {
    await this.keepErrors();
    if (!this.returning) {
      this.returning = true;
      // Same origin, before the app reads it: a plain image, so no app script runs on this load.
      await this.navigate(this.url('/icons/icon-192.png'));
      await this.evaluate(`localStorage.setItem(${JSON.stringify(WELCOME_SEEN_KEY)}, 'yes');`);
    }
    await this.navigate(this.url(path));
    await this.afterLoad();
  }

  async reload() {
    await this.keepErrors();
    await this.doReload();
    await this.afterLoad();
  }

  async errors() {
    const now = await this.evaluate<string[]>('return window.__pvErrors || [];').catch(() => []);
    return [...this.earlier.errors, ...now];
  }

  async consoleErrors() {
    const now = await this.evaluate<string[]>('return window.__pvConsole || [];').catch(() => []);
    return [...this.earlier.console, ...now];
  }

  viewport() {
    return this.evaluate<{ width: number; height: number }>('return { width: innerWidth, height: innerHeight };');
  }

  attr(target: string, name: string) {
    return this.evaluate<string | null>(
      'var e = __pvDeep(arguments[0]); return e ? e.getAttribute(arguments[1]) : null;',
      css(target),
      name,
    );
  }

  text(target: string) {
    return this.evaluate<string | null>(
      'var e = __pvDeep(arguments[0]); return e ? e.textContent : null;',
      css(target),
    );
  }

  count(target: string) {
    return this.evaluate<number>('return __pvDeepAll(arguments[0]).length;', css(target));
  }

  async waitFor<T>(predicate: () => Promise<T>, timeoutMs: number, what: string): Promise<NonNullable<T>> {
    const deadline = Date.now() + timeoutMs;
    let last: unknown;
    for (;;) {
      try {
        last = await predicate();
        if (last) return last as NonNullable<T>;
      } catch (e) {
        if (e instanceof StopWaiting) throw new Error(`${this.engine}: while waiting for ${what}: ${e.message}`);
        last = e instanceof Error ? `threw ${e.message.split('\n')[0]}` : e;
      }
      if (Date.now() > deadline)
        throw new Error(
          `${this.engine}: timed out after ${timeoutMs / 1000} s waiting for ${what} (last: ${JSON.stringify(last)})`,
        );
      await sleep(250);
    }
  }

  async waitForBackend(timeoutMs = 90_000) {
    return this.waitFor(
      () => this.attr('backend-badge', 'data-backend'),
      timeoutMs,
      'the backend badge to name a backend (the ML worker to start)',
    );
  }
}
