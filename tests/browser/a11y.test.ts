import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { auditPages, MIN_ACCESSIBILITY, SECTIONS } from '../../training/bench/lighthouse-audit';
import { axeViolations } from './axe';
import { baseURL, waitForBackend } from './browser';
import { usePhone } from './fixture';
import { catPhoto, dogPhoto } from './photos';

/** The focused element, through the shadow roots: its test id, else its text or label. */
async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el || el === document.body) return '';
    return (
      el.getAttribute('data-testid') ??
      (el.getAttribute('aria-label') || el.textContent || el.tagName).trim().replace(/\s+/g, ' ')
    );
  });
}

/** Presses Tab until `want` is focused (or `limit` presses); returns every stop on the way. */
async function tabTo(page: Page, want: string, limit = 40): Promise<string[]> {
  const stops: string[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    stops.push(await focused(page));
    if (stops.at(-1) === want) break;
  }
  return stops;
}

interface Stop {
  name: string;
  width: number;
  height: number;
}

/** Every Tab stop of the page in order, until focus comes back round (or `limit`). */
async function tabStops(page: Page, limit = 80): Promise<Stop[]> {
  const stops: Stop[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      let el: Element | null = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      if (!el || el === document.body) return null;
      const box = el.getBoundingClientRect();
      const labelled = (el as HTMLInputElement).labels?.[0]?.textContent;
      const name = el.getAttribute('aria-label') || labelled || el.textContent || el.getAttribute('title') || '';
      return {
        name: `${el.tagName.toLowerCase()} ${name.trim().replace(/\s+/g, ' ')}`.trim(),
        width: Math.round(box.width),
        height: Math.round(box.height),
      };
    });
    if (!stop || (stops.length && stop.name === stops[0].name)) break;
    stops.push(stop);
  }
  return stops;
}

describe('accessibility', () => {
  const phones = usePhone();

  // ~15 s a page here (accessibility only), so all five sections fit.
  it(`Lighthouse accessibility is at least ${MIN_ACCESSIBILITY} on every section`, async () => {
    const results = await auditPages(baseURL(), SECTIONS, ['accessibility']);
    // The scores below are checked per result: an empty or short list must not pass.
    expect(results.map((r) => r.path)).toEqual(SECTIONS);
    for (const r of results) {
      console.log(
        `lighthouse: ${r.path} accessibility ${r.scores.accessibility} in ${r.seconds.toFixed(0)} s${r.failing.length ? `; failing: ${r.failing.map((f) => f.id).join(', ')}` : ''}`,
      );
      expect
        .soft(r.scores.accessibility, `${r.path}: ${JSON.stringify(r.failing)}`)
        .toBeGreaterThanOrEqual(MIN_ACCESSIBILITY);
    }
  });

  it('keyboard: Tab on /classify reaches the model picker, "Choose photos" and every section link, and Enter works them', async () => {
    const { page } = await phones.open({ hasTouch: false, isMobile: false });
    // Listening from the start: Playwright turns on file-chooser interception asynchronously.
    const chooser = page.waitForEvent('filechooser', { timeout: 120_000 });
    await page.goto('/classify');
    await waitForBackend(page);
    await expect.poll(() => page.getByTestId('model-picker').isEnabled(), { timeout: 60_000 }).toBe(true);

    const toPicker = await tabTo(page, 'model-picker');
    expect(toPicker.at(-1), toPicker.join(' → ')).toBe('model-picker');
    const toPhotos = await tabTo(page, 'photo-pick');
    expect(toPhotos.at(-1), toPhotos.join(' → ')).toBe('photo-pick');
    await page.keyboard.press('Enter');
    expect((await chooser).isMultiple()).toBe(true);

    const stops = await tabTo(page, 'Settings');
    for (const name of ['Identify', 'Teach', 'Draw', 'Digit lab', 'Settings'])
      expect(stops, stops.join(' → ')).toContain(name);
    // Back to Teach with Shift+Tab, then Enter follows the link.
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toBe('Teach');
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/teach');
  });

  it('keyboard: every Tab stop of every section can be seen and has a name', async () => {
    const { page } = await phones.open({ hasTouch: false, isMobile: false });
    const bad: string[] = [];
    for (const path of SECTIONS) {
      await page.goto(path);
      await waitForBackend(page);
      await page.waitForTimeout(500);
      const stops = await tabStops(page);
      console.log(`keyboard: ${path}: ${stops.map((s) => s.name).join(' → ')}`);
      expect(stops.length, path).toBeGreaterThanOrEqual(5); // at least the five section links
      for (const s of stops)
        if (s.width < 8 || s.height < 8 || s.name.split(' ').length < 2)
          bad.push(`${path}: ${s.name} (${s.width}×${s.height})`);
    }
    expect(bad).toEqual([]);
  });

  it('axe finds nothing in states a page load never shows: results, a trained classifier, dark mode', async () => {
    const { page } = await phones.open();
    const found: Record<string, unknown> = {};
    const check = async (state: string) => {
      const v = await axeViolations(page);
      if (v.length) found[state] = v;
    };
    // Some colours change with a short transition: let it end before measuring contrast.
    const scheme = async (colorScheme: 'dark' | 'light') => {
      await page.emulateMedia({ colorScheme });
      await page.waitForTimeout(400);
    };

    await page.goto('/classify');
    await waitForBackend(page);
    await page.getByTestId('photo-input').setInputFiles([catPhoto(40)]);
    await expect
      .poll(() => page.getByTestId('classify-result').getAttribute('data-state'), { timeout: 240_000 })
      .toBe('done');
    await check('classify result');
    await scheme('dark');
    await check('classify result, dark');
    await scheme('light');

    await page.goto('/teach');
    await page.getByTestId('new-name').fill('Pets');
    await page.getByTestId('new-classes').fill('cat\ndog');
    await page.getByTestId('create-classifier').click();
    await page.getByTestId('add-photos-0').setInputFiles([catPhoto(41), catPhoto(42)]);
    await page.getByTestId('add-photos-1').setInputFiles([dogPhoto(41), dogPhoto(42)]);
    await expect
      .poll(() => page.getByTestId('class-count').allTextContents(), { timeout: 180_000 })
      .toEqual(['2 photos', '2 photos']);
    await page.getByTestId('train-classifier').click();
    await page.getByTestId('classifier-accuracy').waitFor({ timeout: 120_000 });
    await page.getByTestId('confusion-cell').first().click();
    await page.getByTestId('cell-samples').waitFor();
    await check('teach: trained classifier');
    await page.getByTestId('delete-classifier').click();
    await check('teach: delete confirmation');
    await scheme('dark');
    await check('teach, dark');
    await scheme('light');

    await page.goto('/train');
    await waitForBackend(page);
    await page.getByTestId('train-limit').selectOption('1000');
    await page.getByTestId('train-epochs').fill('1');
    await page.getByTestId('train-start').click();
    await page.getByTestId('held-out-samples-item').first().waitFor({ timeout: 240_000 });
    await check('train results');

    for (const path of ['/draw', '/settings']) {
      await page.goto(path);
      await waitForBackend(page);
      await scheme('dark');
      await check(`${path}, dark`);
      await scheme('light');
    }
    expect(found).toEqual({});
  });
});
