/**
 * Classify as a camera, timed in the production build with Chromium's fake camera: from the
 * shutter click to the answer's label inside the viewport, and live answers per second.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, devices, type Page } from 'playwright-core';
import { asReturningUser } from './returning-user';

export interface CameraFigures {
  /** The backend the page ended up on. */
  backend: string;
  shutterMs: number[];
  liveAnswers: number;
  liveSeconds: number;
  livePerSecond: number;
}

/** A two-second y4m of one photo for --use-file-for-fake-video-capture (Debian's ffmpeg). */
function y4m(photo: string): string {
  const out = join(mkdtempSync(join(tmpdir(), 'pv-bench-cam-')), 'camera.y4m');
  const scale = 'scale=640:480:force_original_aspect_ratio=increase,crop=640:480,format=yuv420p';
  execFileSync('ffmpeg', ['-loglevel', 'error', '-loop', '1', '-i', photo, '-t', '2', '-r', '15', '-vf', scale, out]);
  return out;
}

/**
 * In the page: clicks the shutter, then waits frame by frame until the newest label is inside the
 * viewport. A string, not a function: tsx would wrap its inner functions in a helper the page lacks.
 */
const SHUTTER_TO_VISIBLE = `new Promise((resolve, reject) => {
  const deep = (selector) => {
    const roots = [document];
    for (let i = 0; i < roots.length; i++) {
      const hit = roots[i].querySelector(selector);
      if (hit) return hit;
      for (const el of roots[i].querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
    }
    return null;
  };
  const shutter = deep('[data-testid="camera-shutter"]');
  if (!shutter) return reject(new Error('no shutter'));
  const t0 = performance.now();
  shutter.click();
  const look = () => {
    const result = deep('[data-testid="classify-result"]');
    const label = result && result.getAttribute('data-state') === 'done' ? result.querySelector('[data-testid="classify-label"]') : null;
    const box = label && label.getBoundingClientRect();
    if (box && box.height > 0 && box.top >= 0 && box.bottom <= innerHeight) resolve(performance.now() - t0);
    else if (performance.now() - t0 > 300000) reject(new Error('no answer in 5 min'));
    else requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
})`;

async function until(check: () => Promise<boolean>, timeoutMs = 600_000) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Live answers so far: the page keeps the count on its host element (live-mode.ts). */
const liveCount = async (page: Page) =>
  Number((await page.locator('pv-classify-page').getAttribute('data-live-answers', { timeout: 5_000 })) ?? 0);

/** Opens /classify on `backend` in a browser of its own whose camera films `photo`. */
export async function measureCamera(
  base: string,
  args: string[],
  photo: string,
  backend: string,
): Promise<CameraFigures> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      ...args,
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${y4m(photo)}`,
    ],
  });
  try {
    const context = await asReturningUser(
      browser.newContext({ ...devices['Pixel 7'], baseURL: base, permissions: ['camera'] }),
    );
    const page = await context.newPage();
    page.setDefaultTimeout(600_000);
    const step = (what: string) => console.error(`  camera on ${backend}: ${what}`);
    step('opening Identify');
    await page.goto(`/classify?backend=${backend}`);
    const picker = page.getByTestId('model-picker');
    await picker.locator('option[value="cats-dogs"]').waitFor({ state: 'attached' });
    await picker.selectOption('cats-dogs');
    step('starting the camera');
    await page.getByTestId('camera-start').click();
    await until(() => page.getByTestId('camera-shutter').isEnabled());
    step('warm-up shot');
    // Warm-up: the backbone's download and first run are not the shutter's.
    await page.getByTestId('camera-shutter').click();
    await until(async () => (await page.getByTestId('classify-result').getAttribute('data-state')) === 'done');
    step('timing the shutter');
    const shutterMs: number[] = [];
    for (let i = 0; i < 3; i++) {
      await page.getByTestId('take-another').click();
      shutterMs.push(Math.round(await page.evaluate<number>(SHUTTER_TO_VISIBLE)));
    }
    await page.getByTestId('take-another').click();
    step('live mode');
    await page.getByTestId('live-toggle').click();
    await until(async () => (await liveCount(page)) >= 1);
    const start = { n: await liveCount(page), t: Date.now() };
    await page.waitForTimeout(10_000);
    const liveAnswers = (await liveCount(page)) - start.n;
    const liveSeconds = (Date.now() - start.t) / 1000;
    const chosen = (await page.getByTestId('backend-badge').getAttribute('data-backend')) ?? '';
    return { backend: chosen, shutterMs, liveAnswers, liveSeconds, livePerSecond: liveAnswers / liveSeconds };
  } finally {
    await browser.close();
  }
}
