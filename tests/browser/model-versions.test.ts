import { describe, expect, it } from 'vitest';
import { waitForBackend } from './browser';
import { classifyWith } from './classify-with';
import { usePhone } from './fixture';
import { flowerPhotos } from './photos';

const flowers = flowerPhotos;
const PER_CLASS = 10;
/** Pinned as in teach.test.ts: the automatic choice may pick WebGL on a busy machine. */
const PIN_WASM = `localStorage.setItem('pv.backend', 'wasm');`;

describe('model versions in Teach', () => {
  const phones = usePhone();

  it('a retrain that comes out worse leaves the better head in use; any kept version can be put back', async () => {
    const { page, errors } = await phones.open({ init: (context) => context.addInitScript(PIN_WASM) });
    await page.goto('/teach?test');
    await waitForBackend(page);
    await page.getByTestId('new-name').fill('Versions');
    await page.getByTestId('new-classes').fill('daisy\nsunflower');
    await page.getByTestId('create-classifier').click();
    for (const [i, c] of ['daisy', 'sunflower'].entries()) {
      await page.getByTestId(`add-photos-${i}`).setInputFiles(flowers(c).slice(0, PER_CLASS));
      await expect
        .poll(() => page.locator(`[data-testid=class-card][data-class=${c}] [data-testid=class-count]`).textContent(), {
          timeout: 300_000,
        })
        .toBe(`${PER_CLASS} photos`);
    }
    const decision = page.getByTestId('classifier-decision');
    await page.getByTestId('train-classifier').click();
    await expect.poll(() => decision.getAttribute('data-verdict'), { timeout: 240_000 }).toBe('first');
    expect(await decision.getAttribute('data-adopted')).toBe('yes');
    const first = Number(await page.getByTestId('classifier-accuracy').getAttribute('data-accuracy'));

    // The next training ends with a useless head (every answer "daisy": half the held-out photos).
    await page.evaluate(() =>
      (window as unknown as { pvSpoilNextTraining: () => Promise<void> }).pvSpoilNextTraining(),
    );
    await page.getByTestId('train-classifier').click();
    await expect.poll(() => decision.getAttribute('data-verdict'), { timeout: 240_000 }).toBe('worse');
    const text = (await decision.textContent()) ?? '';
    console.log(`versions: first training ${first}; the spoiled retrain: ${text.replace(/\s+/g, ' ').trim()}`);
    expect(await decision.getAttribute('data-adopted')).toBe('no');
    expect(text).toMatch(/Worse than the one in use \(−\d+(\.\d)? points\)/);
    expect(text).toMatch(/Only 4 photos kept aside for checking: the difference may be luck/);
    expect(text).toMatch(/The one in use stays/);
    const versions = page.locator('[data-testid=classifier-versions] [data-testid=model-version]');
    await expect.poll(() => versions.count(), { timeout: 30_000 }).toBe(2);
    // Newest first: the spoiled one is kept but not in use; the first one still is.
    expect(await versions.nth(0).getAttribute('data-in-use')).toBe('no');
    expect(await versions.nth(1).getAttribute('data-in-use')).toBe('yes');

    const sunflowers = flowers('sunflower').slice(20, 23);
    const kept = await classifyWith(page, 'Versions', sunflowers);
    console.log(`versions: the head kept in use says ${kept.join(', ')} for 3 unseen sunflowers`);
    expect(kept.filter((l) => l === 'sunflower').length).toBeGreaterThanOrEqual(2);

    // "Use this one" on the spoiled version: Classify now answers with it…
    await page.goto('/teach');
    await page.getByTestId('classifier-item').filter({ hasText: 'Versions' }).click();
    await expect.poll(() => versions.count(), { timeout: 30_000 }).toBe(2);
    await versions.nth(0).getByTestId('use-version').click();
    await expect.poll(() => versions.nth(0).getAttribute('data-in-use'), { timeout: 30_000 }).toBe('yes');
    expect(await classifyWith(page, 'Versions', sunflowers)).toEqual(['daisy', 'daisy', 'daisy']);

    // …and putting the first one back restores its answers.
    await page.goto('/teach');
    await page.getByTestId('classifier-item').filter({ hasText: 'Versions' }).click();
    await expect.poll(() => versions.count(), { timeout: 30_000 }).toBe(2);
    await versions.nth(1).getByTestId('use-version').click();
    await expect.poll(() => versions.nth(1).getAttribute('data-in-use'), { timeout: 30_000 }).toBe('yes');
    expect(await classifyWith(page, 'Versions', sunflowers)).toEqual(kept);
    expect(errors).toEqual([]);
  });
});
