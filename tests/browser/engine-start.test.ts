/**
 * A start-up that cannot hang: the first ML worker is frozen while starting (as Firefox's
 * threaded-WASM thread pool sometimes freezes it); the page must replace it within the deadline,
 * run single-threaded, say so in plain words, remember it, and let Settings try threads again.
 */
import { describe, expect, it } from 'vitest';
import { waitForBackend } from './browser';
import { usePhone } from './fixture';

describe('engine start-up watchdog', () => {
  const phones = usePhone();

  it('replaces a frozen worker with a single-threaded one, says so, remembers it, and can retry threads', async () => {
    const { page, errors } = await phones.open();
    const started = Date.now();
    await page.goto('/draw?backend=wasm&test-freeze-start');
    expect(await waitForBackend(page)).toBe('wasm');
    const seconds = (Date.now() - started) / 1000;
    console.log(`engine start: frozen worker replaced, ready after ${seconds.toFixed(1)} s`);
    expect(seconds).toBeGreaterThanOrEqual(15); // the deadline really was waited out, not skipped
    await expect
      .poll(() => page.getByTestId('backend-notice').textContent())
      .toMatch(/restarted using one processor core/);
    expect(await page.evaluate(() => localStorage.getItem('pv.wasmThreads'))).toBe('hung');

    // The replacement works: a drawn 1 is read.
    const canvas = page.getByTestId('digit-canvas');
    const box = (await canvas.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.2);
    await page.mouse.down();
    for (let i = 1; i <= 8; i++)
      await page.mouse.move(box.x + box.width / 2, box.y + box.height * (0.2 + (0.6 * i) / 8));
    await page.mouse.up();
    await expect
      .poll(() => page.getByTestId('digit-prediction').getAttribute('data-label'), { timeout: 30_000 })
      .toBe('1');

    // A later visit starts single-threaded at once; Settings says why and offers threads again.
    await page.goto('/settings?backend=wasm');
    expect(await waitForBackend(page)).toBe('wasm');
    await expect
      .poll(() => page.getByTestId('wasm-threads').textContent(), { timeout: 30_000 })
      .toMatch(/^1 \(with all cores the engine froze/);
    await page.getByTestId('retry-threads').click();
    await page.waitForLoadState('load');
    expect(await waitForBackend(page)).toBe('wasm');
    await expect.poll(() => page.getByTestId('wasm-threads').textContent(), { timeout: 30_000 }).toMatch(/^\d+$/);
    expect(Number(await page.getByTestId('wasm-threads').textContent())).toBe(
      await page.evaluate(() => Math.min(8, navigator.hardwareConcurrency)),
    );
    expect(await page.getByTestId('retry-threads').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
