/** Shared steps: classify photos one by one with a user's classifier, as the Identify page shows them. */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { waitForBackend } from './browser';

/** Opens Identify with a bundled model chosen (once the worker has listed it). */
export async function openIdentify(page: Page, modelId: string): Promise<void> {
  await page.goto('/classify');
  await waitForBackend(page);
  const picker = page.getByTestId('model-picker');
  await picker.locator(`option[value="${modelId}"]`).waitFor({ state: 'attached', timeout: 60_000 });
  await picker.selectOption(modelId);
}

/** Picks one photo from the gallery and waits until its answer (the newest card) is done. */
export async function pickPhoto(page: Page, file: string): Promise<void> {
  const result = page.getByTestId('classify-result');
  await page.getByTestId('photo-input').setInputFiles([file]);
  await expect
    .poll(
      async () =>
        (await result.getAttribute('aria-label')) === file.split('/').pop() &&
        (await result.getAttribute('data-state')),
      { timeout: 240_000 },
    )
    .toBe('done');
}

/** Picks the user's classifier titled `modelTitle` on Identify and returns each photo's answer label. */
export async function classifyWith(page: Page, modelTitle: string, files: string[]): Promise<string[]> {
  await page.goto('/classify');
  await waitForBackend(page);
  const picker = page.getByTestId('model-picker');
  const option = picker.locator('option[value^="user:"]', { hasText: modelTitle });
  await option.waitFor({ state: 'attached', timeout: 60_000 });
  await picker.selectOption((await option.getAttribute('value'))!);
  const labels: string[] = [];
  for (const file of files) {
    await pickPhoto(page, file);
    labels.push((await page.getByTestId('classify-result').getAttribute('data-label')) ?? '');
  }
  return labels;
}

/** For `expect.poll`: the model id of the newest answer once it is done, false while it is working. */
export async function answeredBy(page: Page): Promise<string | false | null> {
  const result = page.getByTestId('classify-result');
  return (await result.getAttribute('data-state')) === 'done' && (await result.getAttribute('data-model-id'));
}
