import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  type LongTasks,
  measureClassify,
  measureMnistEpoch,
  measureTeachTraining,
  teachClassifier,
  watchLongTasks,
} from '../../training/bench/long-tasks';
import { usePhone } from './fixture';
import { catPhoto, dogPhoto, SHARED } from './photos';

/**
 * A task this long freezes the page: a tap that lands in it cannot be answered within INP's 200 ms
 * "good" limit. Chunked UI work stays far below it even on a busy machine (2 shared cores), while
 * the 50 ms Long Tasks threshold is crossed by noise there; `npm run bench:ui` measures the same
 * phases against 50 ms, over several runs, and names the scripts behind slow frames.
 */
const FROZEN_MS = 200;
const flowers = (name: string, n: number) =>
  readdirSync(join(SHARED, 'flowers5/train', name))
    .sort()
    .slice(0, n)
    .map((f) => join(SHARED, 'flowers5/train', name, f));
/** The figures, for the failure message. */
const figures = (r: LongTasks) =>
  `${r.count} long tasks, longest ${r.max} ms (${r.durations.join(', ')}) over ${r.seconds.toFixed(1)} s`;

/**
 * The main thread never freezes while the app classifies and trains: the heavy work is in the
 * worker, and the UI work around it (charts, thumbnails, results) comes in small pieces. One run
 * per phase, each in a fresh page.
 */
describe('main thread stays responsive', () => {
  const phones = usePhone();
  const fresh = async (): Promise<Page> => (await phones.open({ init: watchLongTasks })).page;

  it('while /classify classifies 10 gallery photos', async () => {
    const page = await fresh();
    const photos = Array.from({ length: 10 }, (_, i) => (i % 2 ? dogPhoto(300 + i) : catPhoto(300 + i)));
    const r = await measureClassify(page, photos, catPhoto(299));
    expect(await page.locator('article.result[data-state="done"]').count()).toBe(photos.length);
    expect(r.max, figures(r)).toBeLessThan(FROZEN_MS);
  });

  it('while /teach trains a two-class classifier', async () => {
    const page = await fresh();
    await teachClassifier(page, 'Long tasks', [
      { name: 'daisy', photos: flowers('daisy', 10) },
      { name: 'sunflower', photos: flowers('sunflower', 10) },
    ]);
    const r = await measureTeachTraining(page);
    console.log(`long tasks: teach training: validation accuracy ${r.accuracy}`);
    // Daisies and sunflowers are far apart in ResNet50 features; chance is 0.5.
    expect(r.accuracy).toBeGreaterThanOrEqual(0.75);
    expect(r.max, figures(r)).toBeLessThan(FROZEN_MS);
  });

  it('while /train runs one MNIST epoch', async () => {
    const page = await fresh();
    const r = await measureMnistEpoch(page);
    expect(r.accuracy).toBeGreaterThan(0.9);
    expect(r.max, figures(r)).toBeLessThan(FROZEN_MS);
  });
});
