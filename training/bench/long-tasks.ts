/**
 * Main-thread long tasks (> 50 ms) while the app classifies and trains, read in the page with the
 * Long Tasks API. Shared by `npm run bench:ui` (training/bench/bench-ui.ts) and
 * tests/browser/long-tasks.test.ts. Long animation frames are kept too: they name the scripts
 * behind a slow frame, which a long task does not.
 */
import type { BrowserContext, Page } from 'playwright-core';

/** Runs before any page script (context.addInitScript), so `buffered: true` sees page start too. */
export const LONG_TASK_OBSERVER = `
  window.__longTasks = [];
  window.__slowFrames = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push(e.duration);
  }).observe({ type: 'longtask', buffered: true });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.blockingDuration <= 0) continue;
        const scripts = (e.scripts || []).filter((s) => s.duration >= 5).map((s) => Math.round(s.duration) + ' ms ' + s.invoker + ' ' + (s.sourceFunctionName || '') + ' ' + (s.sourceURL || '').split('/').pop() + ':' + s.sourceCharPosition);
        window.__slowFrames.push({ duration: Math.round(e.duration), blocking: Math.round(e.blockingDuration), render: Math.round(e.renderStart ? e.startTime + e.duration - e.renderStart : 0), style: Math.round(e.styleAndLayoutStart ? e.startTime + e.duration - e.styleAndLayoutStart : 0), scripts });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {}
`;

interface Recorded {
  __longTasks: number[];
  __slowFrames: SlowFrame[];
}

export interface SlowFrame {
  duration: number;
  blocking: number;
  /** ms from the start of rendering (rAF callbacks, style, layout, paint) to the frame's end. */
  render: number;
  style: number;
  scripts: string[];
}

export interface LongTasks {
  count: number;
  /** Longest task in ms (0 when none). */
  max: number;
  durations: number[];
  slowFrames: SlowFrame[];
  seconds: number;
}

export async function watchLongTasks(context: BrowserContext): Promise<void> {
  await context.addInitScript(LONG_TASK_OBSERVER);
}

/** Forgets what was recorded so far: call right before the measured phase. */
export async function resetLongTasks(page: Page): Promise<number> {
  await page.evaluate(() => {
    const w = window as unknown as Recorded;
    w.__longTasks.length = 0;
    w.__slowFrames.length = 0;
  });
  return performance.now();
}

/** What was recorded since the reset; waits a moment first, as observers report a little late. */
export async function readLongTasks(page: Page, since: number): Promise<LongTasks> {
  const seconds = (performance.now() - since) / 1000;
  await page.waitForTimeout(300);
  const { __longTasks: durations, __slowFrames: slowFrames } = await page.evaluate(() => {
    const w = window as unknown as Recorded;
    return { __longTasks: [...w.__longTasks], __slowFrames: [...w.__slowFrames] };
  });
  return {
    count: durations.length,
    max: Math.round(Math.max(0, ...durations)),
    durations: durations.map(Math.round),
    slowFrames,
    seconds,
  };
}

/** Polls `check` (locators pierce the shadow roots; waitForFunction would not). */
async function until(check: () => Promise<boolean>, timeoutMs = 600_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function waitForBackend(page: Page) {
  await page
    .getByTestId('backend-badge')
    .and(page.locator('[data-backend]:not([data-backend=""])'))
    .waitFor({ timeout: 120_000 });
}

/**
 * (a) /classify: all `photos` chosen at once in the gallery input, measured until the last is
 * classified. The model download and warm-up happen before the measurement (one photo first).
 */
export async function measureClassify(page: Page, photos: string[], warmup: string): Promise<LongTasks> {
  await page.goto('/classify');
  await waitForBackend(page);
  const first = page.getByTestId('classify-result');
  await page.getByTestId('photo-input').setInputFiles([warmup]);
  await until(async () => (await first.getAttribute('data-state')) === 'done');
  // The answer sheet covers the results list: close it first, as a person would.
  if (await page.getByTestId('sheet-close').isVisible()) await page.getByTestId('sheet-close').click();
  await page.getByTestId('classify-clear').click();
  const since = await resetLongTasks(page);
  await page.getByTestId('photo-input').setInputFiles(photos);
  const cards = page.locator('article.result');
  await until(async () => {
    const states = await cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));
    return states.length === photos.length && states.every((s) => s === 'done' || s === 'error');
  });
  return readLongTasks(page, since);
}

/** The photos of a /teach classifier: one entry per class. */
export interface TeachClass {
  name: string;
  photos: string[];
}

/** A new classifier with `classes` on /teach; returns the long tasks while its photos were added. */
export async function teachClassifier(page: Page, name: string, classes: TeachClass[]): Promise<LongTasks> {
  await page.goto('/teach');
  await waitForBackend(page);
  await page.getByTestId('new-name').fill(name);
  await page.getByTestId('new-classes').fill(classes.map((c) => c.name).join('\n'));
  await page.getByTestId('create-classifier').click();
  await page.getByTestId('add-photos-0').waitFor({ state: 'attached' });
  const since = await resetLongTasks(page);
  for (const [i, c] of classes.entries()) {
    await page.getByTestId(`add-photos-${i}`).setInputFiles(c.photos);
    const count = page.locator(`[data-testid=class-card][data-class="${c.name}"] [data-testid=class-count]`);
    await until(async () => (await count.textContent()) === `${c.photos.length} photos`);
  }
  return readLongTasks(page, since);
}

/** (b) Trains the open /teach classifier, measured from the click to the accuracy report. */
export async function measureTeachTraining(page: Page): Promise<LongTasks & { accuracy: number }> {
  const since = await resetLongTasks(page);
  await page.getByTestId('train-classifier').click();
  const accuracy = page.getByTestId('classifier-accuracy');
  await accuracy.waitFor({ timeout: 600_000 });
  // The editor reloads after training (new thumbnails list, storage figures): part of the phase.
  await page.waitForTimeout(500);
  return { ...(await readLongTasks(page, since)), accuracy: Number(await accuracy.getAttribute('data-accuracy')) };
}

/** (c) /train: one MNIST epoch on 10,000 images, measured from Start to the test accuracy. */
export async function measureMnistEpoch(page: Page): Promise<LongTasks & { accuracy: number }> {
  await page.goto('/train');
  await waitForBackend(page);
  await page.getByTestId('train-dataset').selectOption('mnist');
  await page.getByTestId('train-limit').selectOption('10000');
  await page.getByTestId('train-epochs').fill('1');
  await page.getByTestId('train-shift').fill('0');
  const since = await resetLongTasks(page);
  await page.getByTestId('train-start').click();
  const accuracy = page.getByTestId('train-test-accuracy');
  await accuracy.waitFor({ timeout: 600_000 });
  // The results (confusion matrix, test preview) render after: part of the phase.
  await page.getByTestId('held-out-samples-item').first().waitFor({ timeout: 60_000 });
  return { ...(await readLongTasks(page, since)), accuracy: Number(await accuracy.getAttribute('data-value')) };
}
