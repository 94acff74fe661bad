import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, phone, waitForBackend, watchErrors } from './browser';
import { DIGIT_STROKES, drawStrokes } from './strokes';

describe('/draw on a phone', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => browser?.close());

  it('reads digits drawn with pointer strokes', async () => {
    const context = await phone(browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto('/draw');
    await waitForBackend(page);
    const canvas = page.getByTestId('digit-canvas');
    const prediction = page.getByTestId('digit-prediction');
    for (const [digit, strokes] of Object.entries(DIGIT_STROKES)) {
      await page.getByTestId('digit-clear').click();
      await expect.poll(() => prediction.getAttribute('data-label')).toBe('');
      await drawStrokes(page, canvas, strokes);
      await expect.poll(() => prediction.getAttribute('data-label'), { timeout: 30_000 }).toBe(digit);
    }
    expect(errors).toEqual([]);
    await context.close();
  });
});
