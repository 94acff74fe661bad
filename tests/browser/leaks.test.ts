import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, phone, waitForBackend } from './browser';
import { catPhoto, dogPhoto } from './photos';

const memory = (page: Page) => page.evaluate(() => (window as unknown as { pvMemory: () => Promise<{ numTensors: number; numBytes: number }> }).pvMemory());
const doneCards = (page: Page) => page.locator('article.result[data-state="done"]').count();

describe('memory', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => browser?.close());

  it('the worker holds no more tensors after 200 classifications and 3 training runs than after the first photo', async () => {
    const context = await phone(browser);
    await context.addInitScript(() => localStorage.setItem('pv.tta', 'off')); // one backbone pass per photo: half the time
    const page = await context.newPage();
    await page.goto('/classify?bench&backend=wasm');
    await waitForBackend(page);
    const picker = page.getByTestId('model-picker');
    await picker.locator('option[value="cats-dogs"]').waitFor({ state: 'attached', timeout: 60_000 });
    await picker.selectOption('cats-dogs');
    await page.getByTestId('photo-input').setInputFiles([catPhoto(100)]);
    await expect.poll(() => doneCards(page), { timeout: 240_000 }).toBe(1);
    const baseline = await memory(page);

    let done = 1;
    for (let batch = 0; batch < 10; batch++) {
      const files = Array.from({ length: batch === 9 ? 19 : 20 }, (_, i) => (i % 2 ? dogPhoto : catPhoto)(101 + batch * 20 + i));
      await page.getByTestId('classify-clear').click();
      await page.getByTestId('photo-input').setInputFiles(files);
      await expect.poll(() => doneCards(page), { timeout: 300_000 }).toBe(files.length);
      done += files.length;
    }
    expect(done).toBe(200);
    const afterClassifying = await memory(page);
    console.log(`leaks: baseline ${baseline.numTensors} tensors / ${(baseline.numBytes / 1e6).toFixed(1)} MB; after 200 photos ${afterClassifying.numTensors} / ${(afterClassifying.numBytes / 1e6).toFixed(1)} MB`);
    expect(afterClassifying.numTensors).toBe(baseline.numTensors);
    expect(afterClassifying.numBytes).toBe(baseline.numBytes);

    // Three training runs of a classifier (in-app navigation keeps the same worker).
    await page.getByRole('link', { name: 'Teach' }).click();
    await page.getByTestId('new-name').fill('Leak check');
    await page.getByTestId('new-classes').fill('cat\ndog');
    await page.getByTestId('create-classifier').click();
    await page.getByTestId('add-photos-0').setInputFiles([catPhoto(400), catPhoto(401), catPhoto(402)]);
    await page.getByTestId('add-photos-1').setInputFiles([dogPhoto(400), dogPhoto(401), dogPhoto(402)]);
    await expect.poll(() => page.getByTestId('class-count').allTextContents(), { timeout: 180_000 }).toEqual(['3 photos', '3 photos']);
    for (let run = 0; run < 3; run++) {
      await page.getByTestId('train-classifier').click();
      await page.getByTestId('classifier-accuracy').waitFor({ timeout: 120_000 });
      await expect.poll(() => page.getByTestId('train-classifier').isEnabled()).toBe(true);
    }
    const afterTraining = await memory(page);
    console.log(`leaks: after 3 training runs ${afterTraining.numTensors} tensors / ${(afterTraining.numBytes / 1e6).toFixed(1)} MB`);
    expect(afterTraining.numTensors).toBe(baseline.numTensors);
    await context.close();
  });
});
