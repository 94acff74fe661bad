/**
 * The phone contract, checked on the phone sizes people hold: the answer shows up where the user
 * looks, no section scrolls sideways, and fields follow dark mode.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SECTIONS } from '../../training/bench/lighthouse-audit';
import { axeViolations } from './axe';
import { waitForBackend } from './browser';
import { openIdentify, pickPhoto } from './classify-with';
import { usePhone } from './fixture';
import { catPhoto, dogPhoto, y4mFrom } from './photos';

interface Viewport {
  name: string;
  /** Null: the Pixel 7's own (the fixture's default). */
  size: { width: number; height: number } | null;
}

const PIXEL_7: Viewport = { name: 'Pixel 7', size: null };
const PORTRAIT: Viewport[] = [
  PIXEL_7,
  { name: '390×844', size: { width: 390, height: 844 } },
  { name: '360×740', size: { width: 360, height: 740 } },
];
const LANDSCAPE: Viewport = { name: 'landscape 844×390', size: { width: 844, height: 390 } };

/** Where `el` is on screen, and whether a tap at its centre reaches it (not the nav or an overlay over it). */
function onScreen(el: Element) {
  const box = el.getBoundingClientRect();
  const x = box.left + box.width / 2;
  const y = box.top + box.height / 2;
  let hit = document.elementFromPoint(x, y);
  while (hit?.shadowRoot) {
    const inner = hit.shadowRoot.elementFromPoint(x, y);
    if (!inner || inner === hit) break;
    hit = inner;
  }
  return {
    top: Math.round(box.top),
    bottom: Math.round(box.bottom),
    innerHeight,
    scrollY: Math.round(scrollY),
    reached: hit !== null && (hit === el || el.contains(hit)),
    hit: hit
      ? `${hit.tagName.toLowerCase()}${hit.getAttribute('data-testid') ? `[${hit.getAttribute('data-testid')}]` : ''}`
      : '',
  };
}

/**
 * The page's width against the screen's, and every element (in every shadow root) wider than it
 * or past its right edge. `width` is the screen's: a phone browser zooms out to fit a page that is
 * too wide, so innerWidth grows with the overflow and would hide it. No helper functions inside:
 * they would not travel to the page.
 */
function sidewaysOverflow(width: number) {
  const wide: string[] = [];
  const roots: (Document | ShadowRoot)[] = [document];
  // Inside a box that scrolls (or clips) sideways and itself fits, like the 10×10 confusion matrix
  // with its "scroll sideways" hint: the page does not move, the box does.
  const inScroller = (el: Element) => {
    let up: Element | null = el.parentElement ?? ((el.getRootNode() as ShadowRoot).host || null);
    while (up && up !== document.body && up !== document.documentElement) {
      if (getComputedStyle(up).overflowX !== 'visible' && up.getBoundingClientRect().right <= width + 1) return true;
      up = up.parentElement ?? ((up.getRootNode() as ShadowRoot).host || null);
    }
    return false;
  };
  for (let i = 0; i < roots.length; i++)
    for (const el of Array.from(roots[i].querySelectorAll('*'))) {
      if (el.shadowRoot) roots.push(el.shadowRoot);
      const box = el.getBoundingClientRect();
      if ((box.width > width + 1 || box.right > width + 1) && !inScroller(el)) {
        const id = el.getAttribute('data-testid') ?? el.id;
        wide.push(`${el.tagName.toLowerCase()}${id ? `#${id}` : ''} ${Math.round(box.left)}…${Math.round(box.right)}`);
      }
    }
  return { scrollWidth: document.scrollingElement!.scrollWidth, innerWidth, width, wide };
}

/** Background, text colour and border of every visible text field, select and text area, through the shadow roots. */
function fieldColours() {
  const found: { field: string; background: string; color: string; border: string }[] = [];
  const roots: (Document | ShadowRoot)[] = [document];
  for (let i = 0; i < roots.length; i++)
    for (const el of Array.from(roots[i].querySelectorAll('*'))) {
      if (el.shadowRoot) roots.push(el.shadowRoot);
      const isField = el.matches(
        'select, textarea, input:not([type=checkbox], [type=radio], [type=file], [type=range], [type=hidden])',
      );
      const box = el.getBoundingClientRect();
      if (!isField || box.width < 8 || box.height < 8) continue; // visually hidden inputs and the like
      const style = getComputedStyle(el);
      found.push({
        field: `${el.tagName.toLowerCase()}#${el.getAttribute('data-testid') ?? el.id}`,
        background: style.backgroundColor,
        color: style.color,
        border: `${style.borderTopWidth} ${style.borderTopStyle} ${style.borderTopColor} ${style.borderTopLeftRadius}`,
      });
    }
  return found;
}

/** Relative luminance (WCAG) of a computed `rgb()`/`rgba()` colour; a mostly transparent one counts as white (it shows what is under it). */
function luminance(colour: string): number {
  const [r, g, b, a = 1] = (colour.match(/[\d.]+/g) ?? []).map(Number);
  if (a < 0.5) return 1;
  const lin = (c: number) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** Sums the layout shifts from now on (and those already buffered) in `window.pvShifts`, leaving out those right after an input. */
function watchLayoutShifts() {
  const w = window as unknown as { pvShifts: number };
  w.pvShifts = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[])
      if (!e.hadRecentInput) w.pvShifts += e.value;
  }).observe({ type: 'layout-shift', buffered: true });
}

async function resize(page: Page, v: Viewport) {
  if (v.size) await page.setViewportSize(v.size);
}

const label = (page: Page): Locator => page.getByTestId('classify-result').getByTestId('classify-label');

describe('the phone contract', () => {
  const phones = usePhone();

  it('shows the answer to a gallery pick without any scroll, also when the offline offer arrives', async () => {
    const { page, errors } = await phones.open();
    for (const v of [...PORTRAIT, LANDSCAPE]) {
      await resize(page, v);
      await page.goto('/classify'); // a new visit: the offline offer comes again after the first answer
      await waitForBackend(page);
      const picker = page.getByTestId('model-picker');
      await picker.locator('option[value="cats-dogs"]').waitFor({ state: 'attached', timeout: 60_000 });
      await picker.selectOption('cats-dogs');
      const pageTop = () =>
        page.locator('pv-classify-page').evaluate((el) => Math.round(el.getBoundingClientRect().top + scrollY));
      const topBefore = await pageTop();
      const scrollBefore = await page.evaluate(() => Math.round(scrollY));

      await page.getByTestId('photo-input').setInputFiles([catPhoto(3)]);
      const result = page.getByTestId('classify-result');
      await expect.poll(() => result.getAttribute('data-state'), { timeout: 240_000 }).toBe('done');
      await expect.poll(async () => (await label(page).evaluate(onScreen)).reached, { timeout: 5_000 }).toBe(true);

      // The offer that the first answer brings floats over the page: nothing moves, the answer stays seen.
      const offer = page.getByTestId('offline-prompt');
      await offer.waitFor({ timeout: 30_000 });
      await page.waitForTimeout(300);
      const seen = await label(page).evaluate(onScreen);
      console.log(`answer on ${v.name} with the offer open: ${JSON.stringify(seen)}`);
      expect(seen.top, v.name).toBeGreaterThanOrEqual(0);
      expect(seen.bottom, v.name).toBeLessThanOrEqual(seen.innerHeight);
      expect(seen.reached, `${v.name}: the label is covered by ${seen.hit}`).toBe(true);
      expect(seen.scrollY, `${v.name}: the page scrolled to show the answer`).toBe(scrollBefore);
      expect(await pageTop(), `${v.name}: the offer moved the page`).toBe(topBefore);
      // It can be dismissed.
      expect(await offer.getByRole('button', { name: 'Not now' }).isVisible()).toBe(true);
    }
    expect(errors).toEqual([]);
  });

  it('every button of a tall answer sheet can be brought out from under the offline offer, at 360×740', async () => {
    const { page, errors } = await phones.open();
    await page.setViewportSize({ width: 360, height: 740 });
    // ImageNet's answer is the tallest sheet: five bars, and a "not sure" title over three lines.
    await openIdentify(page, 'imagenet');
    await pickPhoto(page, catPhoto(3));
    await page.getByTestId('offline-prompt').waitFor({ timeout: 30_000 });
    const sheet = page.getByTestId('answer-sheet');
    const buttons = sheet.locator('button, summary');
    expect(await buttons.count()).toBeGreaterThan(1);
    for (const button of await buttons.all()) {
      // As a thumb would: scroll the sheet until the button sits in its middle.
      await button.evaluate((el) => el.scrollIntoView({ block: 'center' }));
      const seen = await button.evaluate(onScreen);
      const name = (await button.textContent())?.trim() || (await button.getAttribute('aria-label'));
      expect(seen.reached, `"${name}" is covered by ${seen.hit}`).toBe(true);
    }
    expect(errors).toEqual([]);
  });

  it('answers the shutter over the frozen frame without any scroll, and nothing shifts (CLS ≤ 0.05)', async () => {
    const { page, errors } = await phones.openCamera(y4mFrom(dogPhoto(7)));
    for (const v of [...PORTRAIT, LANDSCAPE]) {
      await resize(page, v);
      await page.goto('/classify');
      await waitForBackend(page);
      const picker = page.getByTestId('model-picker');
      await picker.locator('option[value="cats-dogs"]').waitFor({ state: 'attached', timeout: 60_000 });
      await picker.selectOption('cats-dogs');
      await page.evaluate(watchLayoutShifts);
      await page.getByTestId('camera-start').click();
      const shutter = page.getByTestId('camera-shutter');
      await expect.poll(() => shutter.isEnabled(), { timeout: 30_000 }).toBe(true);
      const shutterSeen = await shutter.evaluate(onScreen);
      expect(shutterSeen.reached, `${v.name}: the shutter is covered by ${shutterSeen.hit}`).toBe(true);
      const scrollBefore = await page.evaluate(() => Math.round(scrollY));
      await shutter.click();
      const result = page.getByTestId('classify-result');
      await expect.poll(() => result.getAttribute('data-state'), { timeout: 240_000 }).toBe('done');
      await expect.poll(async () => (await label(page).evaluate(onScreen)).reached, { timeout: 5_000 }).toBe(true);
      await page.waitForTimeout(300); // the offer, if it comes, comes now
      const seen = await label(page).evaluate(onScreen);
      const cls = await page.evaluate(() => (window as unknown as { pvShifts: number }).pvShifts);
      console.log(`camera answer on ${v.name}: ${JSON.stringify(seen)}; CLS ${cls.toFixed(3)}`);
      expect(seen.reached, `${v.name}: the label is covered by ${seen.hit}`).toBe(true);
      expect(seen.scrollY, `${v.name}: the page scrolled to show the answer`).toBe(scrollBefore);
      expect(await page.getByTestId('camera-still').isVisible(), `${v.name}: the frame is not frozen`).toBe(true);
      expect(cls, `${v.name}: layout shift over the snap flow`).toBeLessThanOrEqual(0.05);
      // Closing the sheet goes back to the moving picture.
      await page.getByTestId('take-another').click();
      await expect.poll(() => page.getByTestId('camera-still').isVisible()).toBe(false);
      expect(await page.getByTestId('answer-sheet').count()).toBe(0);
    }
    expect(errors).toEqual([]);
  });

  it('no section scrolls sideways, on any phone size', async () => {
    const { page } = await phones.open();
    const bad: string[] = [];
    for (const v of [...PORTRAIT, LANDSCAPE]) {
      await resize(page, v);
      for (const path of SECTIONS) {
        await page.goto(path);
        await waitForBackend(page);
        if (path === '/classify')
          // The model names (the longest options) are in.
          await page
            .getByTestId('model-picker')
            .locator('option[value="cats-dogs"]')
            .waitFor({ state: 'attached', timeout: 60_000 });
        await page.waitForTimeout(300);
        const o = await page.evaluate(sidewaysOverflow, page.viewportSize()!.width);
        if (o.scrollWidth > o.width || o.innerWidth > o.width || o.wide.length)
          bad.push(
            `${v.name} ${path}: page ${o.scrollWidth} px (window ${o.innerWidth}) on ${o.width}; ${o.wide.slice(0, 5).join(', ')}`,
          );
      }
    }
    expect(bad).toEqual([]);
  });

  it('in dark mode every field on Teach and Settings is dark, and all fields look alike', async () => {
    const { page } = await phones.open({ colorScheme: 'dark' });
    await resize(page, { name: '360×740', size: { width: 360, height: 740 } });
    const fields: Awaited<ReturnType<typeof fieldColours>> = [];
    const look = async (where: string) => {
      const found = await page.evaluate(fieldColours);
      expect(found.length, where).toBeGreaterThan(0);
      fields.push(...found.map((f) => ({ ...f, field: `${where} ${f.field}` })));
    };

    await page.goto('/teach');
    await page.getByTestId('new-name').waitFor();
    await look('/teach');
    // The open classifier has its own fields: its name, each class's name, "New class".
    await page.getByTestId('new-name').fill('Leaves');
    await page.getByTestId('new-classes').fill('oak\nmaple');
    await page.getByTestId('create-classifier').click();
    await page.getByTestId('classifier-name').waitFor({ timeout: 60_000 });
    await look('/teach/…');
    await page.goto('/settings');
    await page.getByTestId('tta-select').waitFor();
    await look('/settings');

    console.log(`dark fields: ${JSON.stringify(fields)}`);
    const light = fields.filter((f) => luminance(f.background) > 0.1 || luminance(f.color) < 0.4);
    expect(light).toEqual([]);
    // One input style: the same background and border everywhere.
    expect(new Set(fields.map((f) => `${f.background} / ${f.border}`)).size).toBe(1);
  });
});

/**
 * Every visible thing a finger can tap (button, link, field, select, summary, [role=button]), through
 * the shadow roots, smaller than 44×44 CSS px. Excepted: links inside running text (WCAG 2.5.8's
 * inline exception), and a check box or radio whose label is the 44 px target. Hidden ones (closed
 * disclosures, visually hidden file inputs behind a button) take no taps and are skipped.
 */
function smallTargets(min: number) {
  const small: string[] = [];
  const roots: (Document | ShadowRoot)[] = [document];
  const name = (el: Element) =>
    `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[${el.getAttribute('data-testid')}]` : ''} "${(el.getAttribute('aria-label') || el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 30)}"`;
  for (let i = 0; i < roots.length; i++)
    for (const el of Array.from(roots[i].querySelectorAll('*'))) {
      if (el.shadowRoot) roots.push(el.shadowRoot);
      if (!el.matches('button, a[href], input:not([type=hidden]), select, textarea, [role=button], summary')) continue;
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (box.width <= 2 || box.height <= 2 || style.visibility === 'hidden') continue;
      if (box.width >= min - 0.5 && box.height >= min - 0.5) continue;
      if (el.matches('a[href]') && style.display === 'inline') {
        const text = (el.parentElement?.textContent ?? '').trim();
        if (text.length > (el.textContent ?? '').trim().length + 10) continue; // a link in a sentence
      }
      if (el.matches('input[type=checkbox], input[type=radio]')) {
        const label = (el as HTMLInputElement).labels?.[0]?.getBoundingClientRect();
        if (label && label.width >= min - 0.5 && label.height >= min - 0.5) continue;
      }
      small.push(`${name(el)} ${Math.round(box.width)}×${Math.round(box.height)}`);
    }
  return small;
}

describe('the phone contract: touch targets and contrast on every section', () => {
  const phones = usePhone();
  const ALL: Viewport[] = [...PORTRAIT, LANDSCAPE];

  it('every tap target is at least 44×44 CSS px, on every phone size', async () => {
    const { page } = await phones.open();
    const bad: string[] = [];
    for (const v of ALL) {
      await resize(page, v);
      for (const path of SECTIONS) {
        await page.goto(path);
        await waitForBackend(page);
        await page.waitForTimeout(500);
        const small = await page.evaluate(smallTargets, 44);
        bad.push(...small.map((s) => `${v.name} ${path}: ${s}`));
      }
    }
    expect(bad).toEqual([]);
  });

  it('axe finds nothing on any section, light and dark, on every phone size', async () => {
    const { page } = await phones.open();
    const found: string[] = [];
    for (const v of ALL) {
      await resize(page, v);
      for (const path of SECTIONS) {
        await page.goto(path);
        await waitForBackend(page);
        for (const colorScheme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme });
          await page.waitForTimeout(400); // colour transitions end before contrast is measured
          for (const x of await axeViolations(page))
            found.push(`${v.name} ${path} ${colorScheme}: ${x.id} ${x.targets.join(' ')}`);
        }
      }
    }
    expect(found).toEqual([]);
  });

  it('landscape: the header and nav take little height, and Draw shows the pad and its reading', async () => {
    const { page } = await phones.open();
    await resize(page, LANDSCAPE);
    await page.goto('/draw');
    await waitForBackend(page);
    const nav = await page.locator('nav').evaluate((el) => el.getBoundingClientRect().toJSON());
    const header = await page.locator('header').evaluate((el) => el.getBoundingClientRect().height);
    console.log(`landscape: nav ${JSON.stringify(nav)}, header ${header} px`);
    expect(header).toBeLessThan(20); // only the Offline badge stays, when offline
    expect(nav.height, 'the nav is a side rail').toBeGreaterThan(300);
    expect(nav.width).toBeLessThanOrEqual(100);
    for (const id of ['digit-canvas', 'digit-prediction']) {
      const seen = await page.getByTestId(id).evaluate(onScreen);
      expect(seen.top, id).toBeGreaterThanOrEqual(0);
      expect(seen.bottom, `${id} is below the fold`).toBeLessThanOrEqual(seen.innerHeight);
    }
  });
});

describe('the phone contract in working, answered and error states', () => {
  const phones = usePhone();
  const SIZES: Viewport[] = [PIXEL_7, { name: '360×740', size: { width: 360, height: 740 } }];

  /** 44 px targets, no sideways scroll, axe light and dark: what is wrong with the screen as it is now. */
  async function faults(page: Page, state: string): Promise<string[]> {
    const found = (await page.evaluate(smallTargets, 44)).map((s) => `${state}: small ${s}`);
    const o = await page.evaluate(sidewaysOverflow, page.viewportSize()!.width);
    if (o.scrollWidth > o.width || o.wide.length) found.push(`${state}: sideways ${o.wide.slice(0, 3).join(', ')}`);
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await page.waitForTimeout(400);
      for (const x of await axeViolations(page)) found.push(`${state} ${colorScheme}: ${x.id} ${x.targets.join(' ')}`);
    }
    await page.emulateMedia({ colorScheme: 'light' });
    return found;
  }

  it('Identify with an answer open and with an unreadable photo', async () => {
    const { page } = await phones.open();
    const bad: string[] = [];
    for (const v of SIZES) {
      await resize(page, v);
      await openIdentify(page, 'cats-dogs');
      await page.getByTestId('photo-input').setInputFiles([catPhoto(5)]);
      const result = page.getByTestId('classify-result');
      await expect.poll(() => result.getAttribute('data-state'), { timeout: 240_000 }).toBe('done');
      bad.push(...(await faults(page, `${v.name} answer sheet`)));
      await page.getByTestId('sheet-close').click();
      await page
        .getByTestId('photo-input')
        .setInputFiles([{ name: 'holiday.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not a photo at all') }]);
      await expect.poll(() => result.getAttribute('data-state'), { timeout: 60_000 }).toBe('error');
      bad.push(...(await faults(page, `${v.name} unreadable photo`)));
    }
    expect(bad).toEqual([]);
  });

  it('Teach while photos are being prepared, and Digit lab while training and after', async () => {
    const { page } = await phones.open();
    const bad: string[] = [];
    await page.goto('/teach');
    await waitForBackend(page);
    await page.getByTestId('new-name').fill('States');
    await page.getByTestId('new-classes').fill('cat\ndog');
    await page.getByTestId('create-classifier').click();
    await page.getByTestId('add-photos-0').setInputFiles([1, 2, 3, 4, 5, 6].map((n) => catPhoto(n)));
    await page.getByTestId('preparing').waitFor({ timeout: 30_000 });
    for (const v of SIZES) {
      await resize(page, v);
      bad.push(...(await faults(page, `${v.name} Teach preparing`)));
    }
    await expect.poll(() => page.getByTestId('preparing').count(), { timeout: 300_000 }).toBe(0);

    await page.goto('/train');
    await waitForBackend(page);
    await page.getByTestId('train-dataset').selectOption('mnist');
    await page.getByTestId('train-limit').selectOption('10000');
    await page.getByTestId('train-epochs').fill('1');
    await page.getByTestId('train-start').click();
    await page.getByTestId('train-progress').waitFor({ timeout: 60_000 });
    for (const v of SIZES) {
      await resize(page, v);
      bad.push(...(await faults(page, `${v.name} Digit lab training`)));
    }
    await page.getByTestId('train-test-accuracy').waitFor({ timeout: 300_000 });
    for (const v of SIZES) {
      await resize(page, v);
      bad.push(...(await faults(page, `${v.name} Digit lab trained`)));
    }
    expect(bad).toEqual([]);
  });
});
