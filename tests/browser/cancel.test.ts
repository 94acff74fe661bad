/** Stop means stop: a long MLP training ends after its current batch and reports what it had. */
import { describe, expect, it } from 'vitest';
import { waitForBackend } from './browser';
import { usePhone } from './fixture';

describe('stopping a training run', () => {
  const phones = usePhone();

  it('Stop ends a 30-epoch MNIST run early, with results for the epochs done', async () => {
    const { page, errors } = await phones.open();
    await page.goto('/train');
    await waitForBackend(page);
    await page.getByTestId('train-dataset').selectOption('mnist');
    await page.getByTestId('train-limit').selectOption('10000');
    await page.getByTestId('train-epochs').fill('30');
    await page.getByTestId('train-start').click();

    // Some batches done, then Stop.
    const progress = page.getByTestId('train-progress');
    await expect
      .poll(async () => Number(await progress.getAttribute('value')), { timeout: 120_000 })
      .toBeGreaterThan(5);
    await page.getByTestId('train-stop').click();

    const accuracy = page.getByTestId('train-test-accuracy');
    await accuracy.waitFor({ timeout: 120_000 });
    await page.getByText(/Stopped early after \d+ epoch/).waitFor();
    const epochsDone = Number((await page.getByText(/Stopped early after \d+ epoch/).textContent())?.match(/\d+/)?.[0]);
    expect(epochsDone).toBeLessThan(30);
    expect(Number(await accuracy.getAttribute('data-value'))).toBeGreaterThan(0); // evaluated on the test set
    // The worker is free again: a new run can start.
    await expect.poll(() => page.getByTestId('train-start').isEnabled()).toBe(true);
    expect(errors).toEqual([]);
  });
});
