/**
 * Teach in the production build (dist/, built beforehand), headless Chromium as a Pixel 7: how
 * long each of N gallery photos takes from being chosen until its thumbnail shows, until it can be
 * trained on (photo + mirror features) and until every view is ready (the two jittered crops too).
 * Two rounds in one page: "cold" (the backbone is downloaded and warmed up on the way) and "warm".
 * Read from the page's sample thumbnails (data-state: preparing → finishing → ready), polled every 20 ms.
 */
import { type Browser, chromium, devices, type Page } from 'playwright-core';
import { preview } from 'vite';

export interface PhotoTimes {
  /** Seconds from choosing the photos, per photo in the order they were added. */
  visible: number[];
  usable: number[];
  ready: number[];
}

export interface TeachTiming {
  backend: string;
  photos: number;
  cold: PhotoTimes;
  warm: PhotoTimes;
}

/** Runs in the page: every sample thumbnail, through the shadow roots, with its state. */
const WATCH = `
  const all = (root, out) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.matches('[data-testid=sample]')) out.push(el);
      if (el.shadowRoot) all(el.shadowRoot, out);
    }
    return out;
  };
  // Photos already on the page (an earlier round) are not this round's.
  const before = new Set(all(document, []).map((el) => el.dataset.id));
  window.__pvTimes = { start: performance.now(), seen: {} };
  clearInterval(window.__pvWatch);
  window.__pvWatch = setInterval(() => {
    const now = (performance.now() - window.__pvTimes.start) / 1000;
    for (const el of all(document, [])) {
      if (before.has(el.dataset.id)) continue;
      const t = (window.__pvTimes.seen[el.dataset.id] ??= { visible: now });
      if (el.dataset.state !== 'preparing') t.usable ??= now;
      if (el.dataset.state === 'ready') t.ready ??= now;
    }
  }, 20);
`;

type Seen = Record<string, { visible: number; usable?: number; ready?: number }>;

async function round(page: Page, cardIndex: number, files: string[]): Promise<PhotoTimes> {
  await page.evaluate(WATCH);
  await page.getByTestId(`add-photos-${cardIndex}`).setInputFiles(files);
  const seen = async () => (await page.evaluate('window.__pvTimes.seen')) as Seen;
  const deadline = Date.now() + 900_000;
  for (;;) {
    const s = Object.values(await seen());
    if (s.length >= files.length && s.every((t) => t.ready !== undefined)) break;
    if (Date.now() > deadline) throw new Error('photos not ready after 15 minutes');
    await page.waitForTimeout(200);
  }
  const times = Object.values(await seen()).sort((a, b) => a.visible - b.visible);
  const r = (x: number | undefined) => Number((x ?? Number.NaN).toFixed(2));
  return {
    visible: times.map((t) => r(t.visible)),
    usable: times.map((t) => r(t.usable)),
    ready: times.map((t) => r(t.ready)),
  };
}

export async function measureTeachPhotos(photos: string[][]): Promise<TeachTiming> {
  const server = await preview({ preview: { host: '127.0.0.1', port: 0 }, logLevel: 'warn' });
  const address = server.httpServer.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 4173}`;
  const browser: Browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--enable-unsafe-webgpu', '--disable-background-networking', '--no-first-run'],
  });
  try {
    const context = await browser.newContext({ ...devices['Pixel 7'], baseURL: base });
    const page = await context.newPage();
    page.setDefaultTimeout(600_000);
    await page.goto('/teach');
    const badge = page.getByTestId('backend-badge');
    await badge.and(page.locator('[data-backend]:not([data-backend=""])')).waitFor({ timeout: 120_000 });
    await page.getByTestId('new-name').fill('Bench');
    await page.getByTestId('new-classes').fill('first\nsecond');
    await page.getByTestId('create-classifier').click();
    await page.getByTestId('add-photos-0').waitFor({ state: 'attached' });
    const cold = await round(page, 0, photos[0]);
    const warm = await round(page, 1, photos[1]);
    return { backend: (await badge.getAttribute('data-backend')) ?? '', photos: photos[0].length, cold, warm };
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}
