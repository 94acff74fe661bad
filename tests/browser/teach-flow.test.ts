import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { waitForBackend } from './browser';
import { usePhone } from './fixture';
import { flowerPhotos, y4mFrom } from './photos';

/** Pinned for reproducible answers (the automatic choice is a timing probe). */
const PIN_WASM = `localStorage.setItem('pv.backend', 'wasm');`;

const card = (page: Page, name: string) => page.locator(`[data-testid=class-card][data-class="${name}"]`);
const samples = (page: Page, name: string, state?: 'preparing' | 'finishing' | 'ready') =>
  card(page, name).locator(state ? `[data-testid=sample][data-state=${state}]` : '[data-testid=sample]');

/**
 * Teach as a flow, as a person does it on a phone: each class card's own Photos and Camera, photos
 * that show at once while their features are prepared in the background (also across a reload),
 * training, Try it right there, and Use in Classify.
 */
describe('/teach as a flow', () => {
  const phones = usePhone();

  it('photos per class card (gallery and capture sheet) show at once, train, Try it answers, Use in Classify', async () => {
    const { page, context, errors } = await phones.openCamera(y4mFrom(flowerPhotos('daisy')[45]));
    await context.addInitScript(PIN_WASM);
    await page.goto('/teach');
    await waitForBackend(page);
    await page.getByTestId('new-name').fill('Flow');
    await page.getByTestId('new-classes').fill('daisy\nsunflower');
    await page.getByTestId('create-classifier').click();

    // No global camera any more: each class has its own Camera and Photos.
    await page.getByTestId('class-camera-0').waitFor();
    expect(await page.getByText('Camera adds here').count()).toBe(0);
    expect(await page.locator('pv-camera-view').count()).toBe(0);

    // Photos (the card's own button → the file chooser): 8 photos show long before their features are ready.
    const daisies = flowerPhotos('daisy').slice(0, 8);
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('class-photos-0').click();
    const started = Date.now();
    await (await chooser).setFiles(daisies);
    await expect.poll(() => samples(page, 'daisy').count(), { timeout: 30_000 }).toBe(8);
    const visibleAfter = (Date.now() - started) / 1000;
    // All 8 visible while most are still being prepared (each needs 4 backbone passes).
    expect(await samples(page, 'daisy', 'preparing').count()).toBeGreaterThan(0);
    await expect(card(page, 'daisy').getByTestId('preparing').textContent()).resolves.toMatch(
      /Preparing \d of 8 photos/,
    );
    console.log(`teach flow: 8 gallery photos visible after ${visibleAfter.toFixed(2)} s`);

    // Pending work survives a reload: once stored (the worker stores a batch before any backbone
    // pass), the photos are there and get prepared on the next visit.
    await expect.poll(() => card(page, 'daisy').getByTestId('adding').count(), { timeout: 60_000 }).toBe(0);
    await page.reload();
    await expect.poll(() => samples(page, 'daisy').count(), { timeout: 30_000 }).toBe(8);
    await expect.poll(() => samples(page, 'daisy', 'ready').count(), { timeout: 300_000 }).toBe(8);

    // Deleting a photo while it waits drops its queued work (and the photo).
    await page.getByTestId('add-photos-1').setInputFiles(flowerPhotos('sunflower').slice(0, 6));
    await expect.poll(() => samples(page, 'sunflower').count(), { timeout: 30_000 }).toBe(6);
    await samples(page, 'sunflower').last().getByRole('button', { name: 'Remove this photo' }).click();
    await expect.poll(() => samples(page, 'sunflower').count(), { timeout: 30_000 }).toBe(5);

    // Camera (the card's own): a full-screen sheet above the nav with the class, its count, a shutter.
    await page.getByTestId('class-camera-1').click();
    const sheet = page.getByTestId('capture-sheet');
    await expect.poll(() => sheet.isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => sheet.locator('h2').textContent(), { timeout: 10_000 }).toBe('sunflower');
    const count = page.getByTestId('sheet-count');
    expect(await count.textContent()).toBe('5 photos');
    const shutter = page.getByTestId('camera-shutter');
    await expect.poll(() => shutter.isEnabled(), { timeout: 30_000 }).toBe(true);
    // A modal dialog (the top layer: above the header and the nav), with the shutter in the lower half.
    expect(await sheet.evaluate((d) => d.matches(':modal'))).toBe(true);
    const box = (await shutter.boundingBox())!;
    const viewport = page.viewportSize()!;
    expect(box.y + box.height / 2).toBeGreaterThan(viewport.height / 2);
    expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
    await shutter.click();
    await expect.poll(() => count.textContent(), { timeout: 30_000 }).toBe('6 photos');
    await shutter.click();
    await expect.poll(() => count.textContent(), { timeout: 30_000 }).toBe('7 photos');
    // Held: a burst.
    await shutter.hover();
    await page.mouse.down();
    await page.waitForTimeout(1000);
    await page.mouse.up();
    await expect
      .poll(async () => Number((await count.textContent())?.split(' ')[0]), { timeout: 30_000 })
      .toBeGreaterThanOrEqual(9);
    // Done closes it, and the camera stops with it.
    await page.getByTestId('sheet-done').click();
    await expect.poll(() => sheet.isVisible(), { timeout: 10_000 }).toBe(false);
    expect(await page.getByTestId('camera-video').count()).toBe(0);
    const sunflowers = await samples(page, 'sunflower').count();
    expect(sunflowers).toBeGreaterThanOrEqual(9);
    // The back button closes it too.
    await page.getByTestId('class-camera-1').click();
    await expect.poll(() => sheet.isVisible(), { timeout: 10_000 }).toBe(true);
    await page.goBack();
    await expect.poll(() => sheet.isVisible(), { timeout: 10_000 }).toBe(false);
    expect(new URL(page.url()).pathname).toMatch(/^\/teach\/.+/);

    // Train: it waits for photos still being prepared, never trains without their features.
    await expect.poll(() => page.getByTestId('adding').count(), { timeout: 30_000 }).toBe(0);
    const classCounts = async () =>
      (await page.getByTestId('class-count').allTextContents()).map((t) => Number(t.split(' ')[0]));
    // The burst's last shots may still be on their way into the store: wait until the counts stop moving.
    let counts = await classCounts();
    await expect
      .poll(
        async () => {
          const before = counts.join();
          await page.waitForTimeout(1500);
          counts = await classCounts();
          return counts.join() === before;
        },
        { timeout: 30_000 },
      )
      .toBe(true);
    expect(counts[0]).toBe(8);
    // A photo removed just before Train (its Undo offer still open) is not learned from.
    await samples(page, 'sunflower').last().getByRole('button', { name: 'Remove this photo' }).click();
    counts = await classCounts();
    await page.getByTestId('train-classifier').click();
    await page.getByTestId('classifier-accuracy').waitFor({ timeout: 300_000 });
    expect(await page.getByTestId('classifier-accuracy').textContent()).toMatch(
      new RegExp(`${counts[0] + counts[1]} photos`),
    );

    // Try it, right under the result: a photo it has not seen, answered here.
    const tryIt = page.getByTestId('try-it');
    await tryIt.waitFor();
    await page.getByTestId('try-photo').setInputFiles(flowerPhotos('daisy')[60]);
    const answer = page.getByTestId('try-result');
    await expect.poll(() => answer.getAttribute('data-state'), { timeout: 120_000 }).toBe('done');
    const tried = (await answer.getAttribute('data-label')) ?? '';
    expect(['daisy', 'sunflower']).toContain(tried);
    // Words first ("Daisy", "Probably a daisy", "Not sure — daisy or sunflower?"), the percentage beside them.
    const words = (await answer.getByTestId('try-words').textContent()) ?? '';
    expect(words.toLowerCase()).toContain(tried);
    expect(words).not.toMatch(/%/);
    expect(await answer.textContent()).toMatch(/\d+(\.\d)?%/);

    // Use in Classify: Classify opens with this classifier chosen.
    await page.getByTestId('use-in-classify').click();
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 10_000 }).toBe('/classify');
    const picker = page.getByTestId('model-picker');
    await expect.poll(async () => picker.locator('option:checked').textContent(), { timeout: 60_000 }).toMatch(/^Flow/);
    expect(await picker.inputValue()).toMatch(/^user:/);
    expect(errors).toEqual([]);
  });
});
