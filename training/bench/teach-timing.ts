/**
 * Teach in the production build (dist/, built beforehand), headless Chromium as a Pixel 7: how
 * long each of N gallery photos takes from being chosen until its thumbnail shows, until it can be
 * trained on (its photo view: one backbone pass) and until every view is ready (mirror and crops too).
 * Two rounds in one page: "cold" (the backbone is downloaded and warmed up on the way) and "warm".
 * Read from the page's sample thumbnails (data-state: preparing → finishing → ready), polled every 20 ms.
 * "Visible" counts the page's own copy shown the moment the photos are chosen.
 */
import { type Browser, chromium, devices, type Page } from 'playwright-core';
import { preview } from 'vite';
import type { FeatureJobTiming } from '../../src/contract/ml-api';
import { asReturningUser } from './returning-user';

export interface PhotoTimes {
  /** Seconds from choosing the photos, per photo in the order they were added. */
  visible: number[];
  usable: number[];
  ready: number[];
  /**
   * As the worker timed its photo-view jobs: the backbone pass alone (mean ms), and the mean gap
   * between one photo's view being stored and the next one's (ms). A gap no longer than a pass
   * plus a few ms is "usable within one backbone pass of the previous photo".
   */
  passMs: number;
  workerGapMs: number;
}

export interface TeachTiming {
  backend: string;
  photos: number;
  cold: PhotoTimes;
  warm: PhotoTimes;
}

/**
 * Runs in the page: counts the sample thumbnails (through the shadow roots) by state, and notes
 * when the k-th new one showed, became usable and became ready. Photos of an earlier round are
 * all ready when a round starts, so counts above theirs are this round's.
 */
const WATCH = `
  const all = (root, out) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.matches('[data-testid=sample]')) out.push(el);
      if (el.shadowRoot) all(el.shadowRoot, out);
    }
    return out;
  };
  const before = all(document, []).length;
  const t = (window.__pvTimes = { start: performance.now(), visible: [], usable: [], ready: [] });
  const note = (list, n, now) => { while (list.length < n) list.push(now); };
  clearInterval(window.__pvWatch);
  window.__pvWatch = setInterval(() => {
    const now = (performance.now() - t.start) / 1000;
    const els = all(document, []);
    note(t.visible, els.length - before, now);
    note(t.usable, els.filter((el) => el.dataset.state !== 'preparing').length - before, now);
    note(t.ready, els.filter((el) => el.dataset.state === 'ready').length - before, now);
  }, 20);
`;

const workerTimings = (page: Page) => page.evaluate('window.pvFeatureTimings()') as Promise<FeatureJobTiming[]>;

async function round(page: Page, cardIndex: number, files: string[]): Promise<PhotoTimes> {
  await workerTimings(page); // clears the earlier round's
  await page.evaluate(WATCH);
  await page.getByTestId(`add-photos-${cardIndex}`).setInputFiles(files);
  const times = async () => (await page.evaluate('window.__pvTimes')) as PhotoTimes;
  const deadline = Date.now() + 900_000;
  let told = 0;
  for (let t = await times(); t.ready.length < files.length; t = await times()) {
    if (Date.now() > deadline) throw new Error('photos not ready after 15 minutes');
    if (Date.now() - told > 10_000) {
      told = Date.now();
      console.log(`  … ${t.visible.length} visible, ${t.usable.length} usable, ${t.ready.length} ready`);
    }
    await page.waitForTimeout(200);
  }
  const t = await times();
  const r = (xs: number[]) => xs.slice(0, files.length).map((x) => Number(x.toFixed(2)));
  const first = (await workerTimings(page)).filter((j) => j.stage === 'first');
  const mean = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length));
  return {
    visible: r(t.visible),
    usable: r(t.usable),
    ready: r(t.ready),
    passMs: mean(first.map((j) => j.passMs)),
    workerGapMs: mean(first.slice(1).map((j, i) => j.endedAt - first[i].endedAt)),
  };
}

/**
 * Mean seconds between one photo becoming usable and the next (first to last): one backbone pass
 * per photo when the queue keeps up. A mean, as photos can be reported in pairs.
 */
export function meanGap(times: readonly number[]): number {
  return times.length > 1 ? Number(((times[times.length - 1] - times[0]) / (times.length - 1)).toFixed(2)) : Number.NaN;
}

/** `query` picks the engine as the app's URL does, e.g. `backend=wasm&threads=1`. */
export async function measureTeachPhotos(photos: string[][], query = ''): Promise<TeachTiming> {
  const server = await preview({ preview: { host: '127.0.0.1', port: 0 }, logLevel: 'warn' });
  const address = server.httpServer.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 4173}`;
  const browser: Browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--enable-unsafe-webgpu', '--disable-background-networking', '--no-first-run'],
  });
  try {
    const context = await asReturningUser(browser.newContext({ ...devices['Pixel 7'], baseURL: base }));
    const page = await context.newPage();
    page.setDefaultTimeout(600_000);
    await page.goto(`/teach?bench${query ? `&${query}` : ''}`);
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
