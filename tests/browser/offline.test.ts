import { describe, expect, it } from 'vitest';
import { waitForBackend } from './browser';
import { usePhone } from './fixture';
import { DIGIT_STROKES, drawStrokes } from './strokes';

describe('offline after one visit', () => {
  const phones = usePhone();

  it('reloads /draw with the network off and still reads digits', async () => {
    const { context, page, errors } = await phones.open();
    await page.goto('/draw');
    await waitForBackend(page);
    await page.evaluate(() => navigator.serviceWorker.ready);
    // The essentials land in the runtime cache once the service worker is up.
    await expect
      .poll(() => page.evaluate(async () => Boolean(await caches.match('/models/mnist-mlp/weights.bin'))), {
        timeout: 30_000,
      })
      .toBe(true);

    await context.setOffline(true);
    await page.reload();
    await waitForBackend(page);
    await page.getByTestId('offline-badge').waitFor();
    await drawStrokes(page, page.getByTestId('digit-canvas'), DIGIT_STROKES['7']);
    await expect
      .poll(() => page.getByTestId('digit-prediction').getAttribute('data-label'), { timeout: 30_000 })
      .toBe('7');

    // A deep link that was never opened online still opens from the precached shell.
    await page.goto('/train');
    await page.getByTestId('train-start').waitFor();
    expect(errors).toEqual([]);
  });
});
