/**
 * Issue 16 in the app: importing hostile classifier files (training/lib/hostile-bundles.ts) gets
 * the plain refusal, stores nothing, leaves existing classifiers as they were and the page
 * responsive, within a bound on the tab's extra memory; a missing model file is a 404 the service
 * worker never stores, and a damaged stored file is repaired when its model fails to load, or
 * dropped after the first use.
 */
import { statSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { MODELS_CACHE } from '../../src/app/pwa/cache-names';
import { writeClassifierBundle } from '../../src/ml/formats/classifier-bundle';
import { bundleFromHeadDir } from '../../training/lib/head-bundle-files';
import {
  deepNesting,
  hugeJson,
  lookAlikeNames,
  lyingDeflate,
  overlapping,
  strangeHead,
} from '../../training/lib/hostile-bundles';
import { waitForBackend } from './browser';
import { openIdentify, pickPhoto } from './classify-with';
import { usePhone } from './fixture';
import { flowerPhotos } from './photos';
import { peakRendererGrowth } from './renderer-memory';

const MB = 1024 * 1024;

/** How long one animation frame takes to come: a busy main thread shows here. */
const frameDelay = (page: Page) =>
  page.evaluate(() => {
    const t = performance.now();
    return new Promise<number>((r) => requestAnimationFrame(() => r(performance.now() - t)));
  });

describe('hostile classifier files and model requests', () => {
  const phones = usePhone();

  it('refuses each hostile file with a sentence, keeps existing classifiers and stays responsive', async () => {
    const base = await bundleFromHeadDir('models/heads/cats-dogs');
    const valid = await writeClassifierBundle(base);
    const files: [string, Uint8Array, RegExp][] = [
      ['overlapping', overlapping(250, 8 * MB, true), /parts overlap/],
      ['lying-deflate', lyingDeflate(60, 64 * MB, 1000), /bigger than it says/],
      ['deep', deepNesting(valid, 100_000, 'classes'), /cannot be read/],
      ['huge-json', hugeJson('objects', 200 * MB, false), /bigger than it says/],
      ['topology', await strangeHead(base, 'repeat-vector'), /kind of model the app does not make/],
      ['names', await lookAlikeNames(base, ['cat', 'cat\u200b']), /invisible/],
    ];
    const { page, errors } = await phones.open();
    await page.goto('/teach');
    await waitForBackend(page);
    await page.getByTestId('new-name').fill('Leaves');
    await page.getByTestId('new-classes').fill('oak\nmaple');
    await page.getByTestId('create-classifier').click();
    await page.goto('/teach');
    const items = page.getByTestId('classifier-item');
    await expect.poll(() => items.count(), { timeout: 30_000 }).toBe(1);
    const before = await items.allTextContents();

    const browser = page.context().browser()!;
    for (const [name, bytes, message] of files) {
      let [took, handed] = [0, 0];
      const grew = await peakRendererGrowth(browser, async () => {
        const started = Date.now();
        await page.getByTestId('import-file').setInputFiles({
          name: `${name}.pvclassifier.zip`,
          mimeType: 'application/zip',
          buffer: Buffer.from(bytes),
        });
        handed = Date.now();
        await expect.poll(() => page.getByTestId('teach-error').textContent(), { timeout: 60_000 }).toMatch(message);
        [took, handed] = [Date.now() - started, Date.now() - handed];
      });
      const text = (await page.getByTestId('teach-error').textContent()) ?? '';
      console.log(
        `hostile import ${name}: refused ${handed} ms after the page had the file (${took} ms with the test's transfer), tab memory peak +${(grew / MB).toFixed(0)} MB`,
      );
      // The bound: under 300 MB of extra memory (the file itself, a few MB, is counted too).
      expect(grew).toBeLessThan(300 * MB);
      expect(text).not.toMatch(/\bat \S+:\d+|Error:|RangeError|undefined/);
      expect(await frameDelay(page)).toBeLessThan(1000);
      expect(await items.allTextContents()).toEqual(before);
    }
    await page.reload();
    await expect.poll(() => items.allTextContents(), { timeout: 30_000 }).toEqual(before);
    expect(errors).toEqual([]);
  });

  it('a missing shard is a 404 never stored; a damaged stored model is repaired when it fails, others after first use', async () => {
    const { page } = await phones.open();
    await page.goto('/classify');
    await waitForBackend(page);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
    const missing = '/models/heads/cats-dogs/group1-shard9of9.bin';
    // Cut-off copies, as a dropped connection would leave them: one of the model about to be used
    // (its load fails), one of a model not used in this visit.
    const used = '/models/heads/flowers5/weights.bin';
    const unused = '/models/heads/cifar10/weights.bin';
    const outcome = await page.evaluate(
      async ({ missing, damaged, cacheName }) => {
        const status = (await fetch(missing)).status;
        const cache = await caches.open(cacheName);
        for (const url of damaged)
          await cache.put(
            url,
            new Response(new Uint8Array(100), { headers: { 'Content-Type': 'application/octet-stream' } }),
          );
        return { status, stored: (await cache.match(missing)) !== undefined };
      },
      { missing, damaged: [used, unused], cacheName: MODELS_CACHE },
    );
    expect(outcome).toEqual({ status: 404, stored: false });
    const storedBytes = (url: string) =>
      page.evaluate(
        async ({ url, cacheName }) => {
          const r = await (await caches.open(cacheName)).match(url);
          return r ? (await r.arrayBuffer()).byteLength : null;
        },
        { url, cacheName: MODELS_CACHE },
      );

    await openIdentify(page, 'flowers5');
    const started = Date.now();
    await pickPhoto(page, flowerPhotos('sunflower')[0]);
    const result = page.getByTestId('classify-result');
    console.log(`damaged stored head: answered after repair in ${Date.now() - started} ms`);
    expect(await result.getAttribute('data-label')).toBe('sunflower');
    // The repaired copy is the whole file again; the unused model's damaged copy is gone.
    await expect
      .poll(() => storedBytes(used), { timeout: 60_000 })
      .toBe(statSync(`models/heads/flowers5/weights.bin`).size);
    await expect.poll(() => storedBytes(unused), { timeout: 60_000 }).toBe(null);
  });
});
