import { describe, expect, it } from 'vitest';
import { waitForBackend } from './browser';
import { usePhone } from './fixture';
import { DIGIT_STROKES, drawStrokes } from './strokes';

describe('/train on a phone', () => {
  const phones = usePhone();

  it('retrains MNIST for one epoch on a subset, beats 90%, is told it is worse than the one in use, saves it, uses it anyway, and Draw follows', async () => {
    const { page, errors } = await phones.open();
    await page.goto('/train');
    await waitForBackend(page);
    await page.getByTestId('train-dataset').selectOption('mnist');
    await page.getByTestId('train-limit').selectOption('10000');
    await page.getByTestId('train-epochs').fill('1');
    await page.getByTestId('train-shift').fill('0'); // augmentation pays off over many epochs, not one
    await page.getByTestId('train-start').click();

    const accuracy = page.getByTestId('train-test-accuracy');
    await accuracy.waitFor({ timeout: 240_000 });
    const value = Number(await accuracy.getAttribute('data-value'));
    const epochText = await page.getByTestId('train-epoch-seconds').textContent();
    console.log(`browser: 1 epoch on 9,000 MNIST images → test accuracy ${value}; ${epochText}`);
    expect(value).toBeGreaterThan(0.9);
    await expect.poll(() => accuracy.textContent()).toMatch(/\d\d(\.\d+)?\s?%/);
    // The confusion matrix holds every one of the 10,000 test images; the preview shows 24 of them.
    const total = async () =>
      (await page.locator('pv-confusion-matrix td').allTextContents()).map(Number).reduce((a, b) => a + b, 0);
    await expect.poll(total).toBe(10_000); // the 10×10 table comes a frame after the rest
    await expect.poll(() => page.getByTestId('held-out-samples-item').count(), { timeout: 30_000 }).toBe(24);

    // One epoch on 9,000 images is worse than the bundled model (99%) on the same 10,000 test images:
    // saving keeps it as a version, the bundled one stays in use until asked.
    const comparison = page.getByTestId('train-comparison');
    expect(await comparison.getAttribute('data-verdict')).toBe('worse');
    const bundled = Number(await comparison.getAttribute('data-in-use'));
    console.log(
      `browser: the model in use (bundled) on the same test set: ${bundled}; ${await comparison.textContent()}`,
    );
    expect(bundled).toBeGreaterThan(0.985);
    expect(await comparison.textContent()).toMatch(/Worse than the one in use \(−\d+(\.\d)? points\)/);
    const inUse = page.getByTestId('model-in-use');
    await page.getByTestId('train-save').click();
    const saved = page.getByTestId('train-saved');
    await expect.poll(() => saved.getAttribute('data-adopted'), { timeout: 30_000 }).toBe('no');
    expect(await inUse.getAttribute('data-kind')).toBe('bundled');
    await page.getByTestId('train-use-anyway').click();
    await expect.poll(() => inUse.getAttribute('data-kind'), { timeout: 30_000 }).toBe('user');
    expect(Number(await inUse.getAttribute('data-accuracy'))).toBeCloseTo(value, 4);
    const usingText = (await inUse.textContent())?.trim();
    expect(usingText).toMatch(/^Using: your model \(.+, \d\d(\.\d)?%\)$/);

    // Draw follows what Train saved, says so the same way, and the reading comes from that model.
    await page.getByRole('navigation').getByRole('link', { name: 'Draw' }).click();
    await expect.poll(() => page.getByTestId('model-in-use').textContent(), { timeout: 30_000 }).toContain(usingText);
    await drawStrokes(page, page.getByTestId('digit-canvas'), DIGIT_STROKES['1']);
    const prediction = page.getByTestId('digit-prediction');
    await expect.poll(() => prediction.getAttribute('data-label'), { timeout: 30_000 }).toBe('1');
    expect(await prediction.getAttribute('data-model')).toBe('user');

    // Versions on Train put the built-in model back; Draw follows.
    await page.getByRole('navigation').getByRole('link', { name: 'Digit lab' }).click();
    const builtIn = page.locator('[data-testid=model-version][data-version=bundled]');
    await builtIn.getByTestId('use-version').click({ timeout: 30_000 });
    await expect
      .poll(() => page.getByTestId('model-in-use').getAttribute('data-kind'), { timeout: 30_000 })
      .toBe('bundled');
    expect(await page.locator('[data-testid=model-version][data-in-use=yes]').getAttribute('data-version')).toBe(
      'bundled',
    );
    await page.getByRole('navigation').getByRole('link', { name: 'Draw' }).click();
    await expect
      .poll(() => page.getByTestId('model-in-use').textContent(), { timeout: 30_000 })
      .toMatch(/Using: the built-in model \(99(\.0)?%\)/);
    await drawStrokes(page, page.getByTestId('digit-canvas'), DIGIT_STROKES['1']);
    await expect.poll(() => prediction.getAttribute('data-model'), { timeout: 30_000 }).toBe('bundled');
    expect(errors).toEqual([]);
  });
});
