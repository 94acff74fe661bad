import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { waitForBackend } from './browser';
import { usePhone } from './fixture';
import { catPhoto, dogPhoto } from './photos';
import { type Served, serveBuild } from './serve';
import { DIGIT_STROKES, drawStrokes } from './strokes';

const result = (page: Page) => page.getByTestId('classify-result');

async function classify(page: Page, model: { value?: string; title?: string }, photo: string) {
  await page.goto('/classify');
  await waitForBackend(page);
  const picker = page.getByTestId('model-picker');
  const option = model.value
    ? picker.locator(`option[value="${model.value}"]`)
    : picker.locator('option[value^="user:"]', { hasText: model.title });
  await option.waitFor({ state: 'attached', timeout: 60_000 });
  await picker.selectOption((await option.getAttribute('value'))!);
  await page.getByTestId('photo-input').setInputFiles([photo]);
  await expect.poll(() => result(page).getAttribute('data-state'), { timeout: 240_000 }).toBe('done');
  return {
    label: await result(page).getAttribute('data-label'),
    modelId: await result(page).getAttribute('data-model-id'),
  };
}

describe('"Make available offline", then no network at all', () => {
  const phones = usePhone();
  let server: Served | null = null;
  afterAll(async () => {
    await server?.close();
  });

  it('draws, trains, classifies with every kind of model and teaches offline', { timeout: 600_000 }, async () => {
    // A server of its own, so "offline" can mean the server is gone, not only emulated.
    server = await serveBuild('dist');
    // A profile on disk: ~110 MB of caches, as on a phone (incognito storage is small and in memory).
    const { context, page, errors } = await phones.openPersistent([], server.url);

    await page.goto('/settings');
    await waitForBackend(page);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
    const panel = page.getByTestId('offline-panel');
    const button = page.getByTestId('offline-download');
    expect(await button.textContent()).toMatch(/Make available offline \([\d.,]+ MB\)/); // the size before starting
    let started = Date.now();
    await button.click();
    await page.getByTestId('offline-progress').waitFor();
    await expect.poll(() => panel.getAttribute('data-ready'), { timeout: 300_000 }).toBe('yes');
    console.log(`offline: everything stored in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    expect(await page.getByTestId('offline-error').count()).toBe(0);
    const states = await page
      .getByTestId('offline-item')
      .evaluateAll((items) => items.map((i) => `${i.dataset.id}=${i.dataset.state}`));
    expect(states).toEqual(
      expect.arrayContaining([
        'resnet50=stored',
        'heads/cats-dogs=stored',
        'mnist-mlp=stored',
        'data/mnist=stored',
        'data/fashion=stored',
      ]),
    );
    expect(states.every((s) => s.endsWith('=stored'))).toBe(true);

    await server.close();
    server = null;
    await context.setOffline(true);

    // Draw
    await page.goto('/draw');
    await waitForBackend(page);
    await page.getByTestId('offline-badge').waitFor();
    await drawStrokes(page, page.getByTestId('digit-canvas'), DIGIT_STROKES['7']);
    await expect
      .poll(() => page.getByTestId('digit-prediction').getAttribute('data-label'), { timeout: 30_000 })
      .toBe('7');

    // Train: one short MNIST epoch from the stored shards
    started = Date.now();
    await page.goto('/train');
    await waitForBackend(page);
    await page.getByTestId('train-dataset').selectOption('mnist');
    await page.getByTestId('train-limit').selectOption('1000');
    await page.getByTestId('train-epochs').fill('1');
    await page.getByTestId('train-shift').fill('0');
    await page.getByTestId('train-start').click();
    const accuracy = page.getByTestId('train-test-accuracy');
    await accuracy.waitFor({ timeout: 240_000 });
    console.log(
      `offline: 1 MNIST epoch on 900 images → ${await accuracy.getAttribute('data-value')} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    expect(Number(await accuracy.getAttribute('data-value'))).toBeGreaterThan(0.6);

    // Classify with a bundled head
    expect(await classify(page, { value: 'cats-dogs' }, catPhoto(2))).toEqual({ label: 'cat', modelId: 'cats-dogs' });

    // Teach a tiny classifier of our own, then classify with it
    await page.goto('/teach');
    await waitForBackend(page);
    await page.getByTestId('new-name').fill('Pets offline');
    await page.getByTestId('new-classes').fill('cat\ndog');
    await page.getByTestId('create-classifier').click();
    await page.locator('[data-testid=class-card][data-class=dog]').waitFor();
    const photos = { cat: [1, 2, 4, 5, 6].map(catPhoto), dog: [1, 2, 4, 5, 6].map(dogPhoto) };
    for (const [i, c] of (['cat', 'dog'] as const).entries()) {
      await page.getByTestId(`add-photos-${i}`).setInputFiles(photos[c]);
      await expect
        .poll(() => page.locator(`[data-testid=class-card][data-class=${c}] [data-testid=class-count]`).textContent(), {
          timeout: 240_000,
        })
        .toBe('5 photos');
    }
    await page.getByTestId('train-classifier').click();
    await page.getByTestId('classifier-accuracy').waitFor({ timeout: 240_000 });
    const mine = await classify(page, { title: 'Pets offline' }, dogPhoto(7));
    expect(mine.modelId).toMatch(/^user:/);
    expect(['cat', 'dog']).toContain(mine.label);

    expect(errors).toEqual([]);
  });
});
