import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureClassify, measureMnistEpoch, measureTeachTraining, teachClassifier, watchLongTasks, type LongTasks } from '../../training/bench/long-tasks';
import { launch, phone } from './browser';
import { catPhoto, dogPhoto, SHARED } from './photos';

/** A task this long or longer makes the page feel stuck (the Long Tasks API's own threshold). */
const LONG_MS = 50;
const flowers = (name: string, n: number) => readdirSync(join(SHARED, 'flowers5/train', name)).sort().slice(0, n).map((f) => join(SHARED, 'flowers5/train', name, f));
const show = (phase: string, r: LongTasks) => console.log(`long tasks: ${phase}: ${r.count}, longest ${r.max} ms (${r.durations.join(', ')}) over ${r.seconds.toFixed(1)} s`);

/**
 * No main-thread task of 50 ms or more while the app classifies and trains: the heavy work is in
 * the worker, and the UI work around it (charts, thumbnails, results) comes in small pieces.
 * `npm run bench:ui` measures the same phases several times and says why a frame was slow.
 */
describe('main thread stays responsive', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => browser?.close());

  async function fresh() {
    await page?.context().close();
    const context = await phone(browser);
    await watchLongTasks(context);
    page = await context.newPage();
  }

  /**
   * The phase in a fresh page, up to three times while it sees a long task; the best run counts.
   * The machines running this are shared (2 cores, a second browser test file alongside): another
   * job can stretch one task just past 50 ms (the /train epoch showed single 50–64 ms tasks in
   * some runs, 0 in others), while a real regression (a chart or a table built in one go) shows up
   * in every run.
   */
  async function measured<T extends LongTasks>(phase: string, run: () => Promise<T>): Promise<T> {
    let best: T | null = null;
    for (let attempt = 1; attempt <= 3 && !(best && best.max < LONG_MS); attempt++) {
      await fresh();
      const r = await run();
      show(attempt === 1 ? phase : `${phase} (try ${attempt})`, r);
      if (!best || r.max < best.max) best = r;
    }
    return best!;
  }

  it('while /classify classifies 10 gallery photos', async () => {
    const photos = Array.from({ length: 10 }, (_, i) => (i % 2 ? dogPhoto(300 + i) : catPhoto(300 + i)));
    const r = await measured('classify 10 photos', () => measureClassify(page, photos, catPhoto(299)));
    expect(r.max).toBeLessThan(LONG_MS);
  });

  it('while /teach trains a two-class classifier', async () => {
    const r = await measured('teach training', async () => {
      await teachClassifier(page, 'Long tasks', [
        { name: 'daisy', photos: flowers('daisy', 10) },
        { name: 'sunflower', photos: flowers('sunflower', 10) },
      ]);
      return measureTeachTraining(page);
    });
    expect(r.accuracy).toBeGreaterThan(0);
    expect(r.max).toBeLessThan(LONG_MS);
  });

  it('while /train runs one MNIST epoch', async () => {
    const r = await measured('MNIST epoch', () => measureMnistEpoch(page));
    expect(r.accuracy).toBeGreaterThan(0.9);
    expect(r.max).toBeLessThan(LONG_MS);
    await page.context().close();
  });
});
