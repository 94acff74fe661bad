/** Debian's Chromium driven by playwright-core, emulating a Pixel 7. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, devices, type Page } from 'playwright-core';
import { inject } from 'vitest';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARGS = [
  '--no-sandbox',
  '--enable-unsafe-webgpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export const baseURL = () => inject('baseURL');

export async function launch(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...ARGS, ...extraArgs] });
}

export async function phone(
  browser: Browser,
  options: Parameters<Browser['newContext']>[0] = {},
): Promise<BrowserContext> {
  return browser.newContext({ ...devices['Pixel 7'], baseURL: baseURL(), ...options });
}

/** A profile on disk: needed for install prompts and for "a fresh browser profile" checks. */
export async function persistentPhone(extraArgs: string[] = [], url = baseURL()): Promise<BrowserContext> {
  const dir = mkdtempSync(join(tmpdir(), 'pv-profile-'));
  const context = await chromium.launchPersistentContext(dir, {
    ...devices['Pixel 7'],
    baseURL: url,
    executablePath: CHROMIUM,
    headless: true,
    args: [...ARGS, ...extraArgs],
  });
  // A profile can hold ~100 MB of cached models (the offline test): removed once the browser has exited.
  const close = context.close.bind(context);
  context.close = async (options) => {
    await close(options);
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    } catch {
      // a leftover temp folder is not worth failing a test for
    }
  };
  return context;
}

/** Collects page errors so a test can assert there were none. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** Waits until the worker has chosen a backend (the header badge names it). */
export async function waitForBackend(page: Page): Promise<string> {
  const badge = page.getByTestId('backend-badge');
  await badge.and(page.locator('[data-backend]:not([data-backend=""])')).waitFor({ timeout: 60_000 });
  return (await badge.getAttribute('data-backend')) ?? '';
}
