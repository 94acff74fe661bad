/**
 * No import can blank the app. WebKit started with `LANG=C` reports `navigator.language` "C", which
 * `Intl` rejects; uPlot used to throw on it while its module loaded, `<pv-app>` was never defined and
 * the page stayed blank. Here Chromium is made to report "C" the same way (an init script), and the
 * app must start, train and draw its curves. And if the app cannot start at all, the page says so
 * (src/boot.ts) instead of staying blank.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { waitForBackend } from './browser';
import { type Phones, usePhone } from './fixture';

declare global {
  interface Window {
    pvProblem?: (v: string) => void;
  }
}

/** Runs before any page script: the browser reports the POSIX "C" locale, as WebKitGTK does with LANG=C. */
function reportCLocale() {
  Object.defineProperty(Navigator.prototype, 'language', { get: () => 'C', configurable: true });
  Object.defineProperty(Navigator.prototype, 'languages', { get: () => Object.freeze(['C']), configurable: true });
}

/** Runs before any page script: the app's root element cannot be registered, so the app cannot start. */
function refusePvApp() {
  const define = CustomElementRegistry.prototype.define;
  CustomElementRegistry.prototype.define = function (
    this: CustomElementRegistry,
    name: string,
    ...rest: [CustomElementConstructor, ElementDefinitionOptions?]
  ) {
    if (name === 'pv-app') throw new TypeError('pv-app refused by the test');
    return define.call(this, name, ...rest);
  };
}

/** Runs before any page script: CSP violations (an inline style for the message would be one) are reported. */
function reportViolations() {
  document.addEventListener(
    'securitypolicyviolation',
    (e) => window.pvProblem?.(`violation: ${e.effectiveDirective} blocked ${e.blockedURI || 'inline'}`),
    true,
  );
}

/** A phone page whose CSP violations, console errors and page errors are collected; `before` runs before any page script too. */
async function watched(phones: Phones, before?: () => void): Promise<{ page: Page; problems: string[] }> {
  const problems: string[] = [];
  const { page } = await phones.open({
    init: async (context: BrowserContext) => {
      if (before) await context.addInitScript(before);
      await context.exposeFunction('pvProblem', (v: string) => problems.push(v));
      await context.addInitScript(reportViolations);
    },
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on(
    'console',
    (m) => m.type() === 'error' && problems.push(`console error${m.worker() ? ' (worker)' : ''}: ${m.text()}`),
  );
  return { page, problems };
}

const START_MESSAGE = 'Pocket Vision could not start in this browser';

describe('a browser whose language Intl rejects', () => {
  const phones = usePhone();

  it('navigator.language "C": the app starts, /train trains and draws its curves, no errors', async () => {
    const { page, problems } = await watched(phones, reportCLocale);
    await page.goto('/classify');
    // The premise: this browser now reports a tag that Intl refuses.
    expect(await page.evaluate(() => navigator.language)).toBe('C');
    const intl = await page.evaluate(() => {
      try {
        new Intl.NumberFormat(navigator.language);
        return 'accepted';
      } catch (e) {
        return (e as Error).name;
      }
    });
    expect(intl).toBe('RangeError');

    await waitForBackend(page);
    await page.getByRole('navigation').getByRole('link', { name: 'Identify' }).waitFor();
    await page.getByTestId('photo-input').waitFor({ state: 'attached' });
    expect(await page.getByTestId('boot-failure').count()).toBe(0);
    // The chart code is not part of the start: nothing on /classify loaded it.
    expect(await page.evaluate(() => customElements.get('pv-loss-chart') === undefined)).toBe(true);

    await page.getByRole('navigation').getByRole('link', { name: 'Digit lab' }).click();
    await expect
      .poll(() => page.evaluate(() => customElements.get('pv-loss-chart') !== undefined), { timeout: 30_000 })
      .toBe(true);
    await page.getByTestId('train-dataset').selectOption('mnist');
    await page.getByTestId('train-limit').selectOption('1000');
    await page.getByTestId('train-epochs').fill('1');
    await page.getByTestId('train-start').click();
    await page.getByTestId('train-test-accuracy').waitFor({ timeout: 240_000 });
    await expect.poll(() => page.locator('pv-loss-chart canvas').count(), { timeout: 30_000 }).toBeGreaterThan(0); // uPlot drew
    await expect
      .poll(() => page.locator('pv-loss-chart .plot.loss').getAttribute('aria-label'))
      .toMatch(/^Loss after epoch 1: training \d+(\.\d+)?/);
    // uPlot was handed a tag it can use (the instance shadows the prototype's "C"), and numbers format.
    expect(await page.evaluate(() => navigator.language)).toBe('en-US');
    expect(await page.locator('pv-loss-chart .u-legend').first().textContent()).toMatch(/Training/);

    expect(await page.getByTestId('boot-failure').count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('when the app cannot start, the page says so and why, styled without inline CSS', async () => {
    const { page, problems } = await watched(phones, refusePvApp);
    await page.goto('/classify');
    const message = page.getByTestId('boot-failure');
    await message.waitFor({ timeout: 30_000 });
    expect(await message.getAttribute('role')).toBe('alert');
    const text = (await message.textContent()) ?? '';
    expect(text).toContain(`${START_MESSAGE}: TypeError: pv-app refused by the test.`);
    expect(text).toContain('Try reloading; if it keeps happening, update your browser.');
    await message.getByRole('button', { name: 'Reload' }).waitFor();
    expect(await message.isVisible()).toBe(true);
    // src/page.css styled it (a blocked inline style would leave it at the browser's defaults).
    expect(await message.evaluate((e) => getComputedStyle(e).maxWidth)).not.toBe('none');
    expect(await page.evaluate(() => customElements.get('pv-app'))).toBeUndefined();
    expect(problems.filter((p) => p.startsWith('violation'))).toEqual([]);
  });

  it('when the app code cannot be loaded, the page says so and why', async () => {
    const { page } = await watched(phones);
    // Only the page's own entry script (src/boot.ts) arrives; every other script is refused.
    const entry = new Set<string>();
    await page.route('**/*.js', async (route) => {
      const url = new URL(route.request().url());
      if (entry.size === 0) {
        const html = await (await fetch(new URL('/', url))).text();
        for (const m of html.matchAll(/<script[^>]+src="([^"]+)"/g)) entry.add(new URL(m[1], url).pathname);
      }
      if (entry.has(url.pathname) || url.pathname.startsWith('/sw') || url.pathname.startsWith('/workbox'))
        await route.continue();
      else await route.abort();
    });
    await page.goto('/classify');
    const message = page.getByTestId('boot-failure');
    await message.waitFor({ timeout: 30_000 });
    expect(await message.textContent()).toMatch(new RegExp(`${START_MESSAGE}: TypeError: .+\\.`));
  });
});
