/**
 * Classify as a camera app: live answers over the viewfinder (one frame at a time, paused while
 * the page is hidden), Hold, the offline offer kept off a live camera, results that outlive a trip
 * to another section, and a second model's answer joining the first on the same card.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { waitForBackend } from './browser';
import { answeredBy } from './classify-with';
import { usePhone } from './fixture';
import { catPhoto, dogPhoto, y4mFrom } from './photos';

const result = (page: Page) => page.getByTestId('classify-result');

async function openClassify(page: Page, model: string) {
  await page.goto('/classify');
  await waitForBackend(page);
  const picker = page.getByTestId('model-picker');
  await picker.locator(`option[value="${model}"]`).waitFor({ state: 'attached', timeout: 60_000 });
  await picker.selectOption(model);
}

/** Pretends the tab went to the background (or came back), as a phone does when the screen locks. */
async function setHidden(page: Page, hidden: boolean) {
  await page.evaluate((h) => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => h });
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (h ? 'hidden' : 'visible') });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
}

describe('Classify, the camera', () => {
  const phones = usePhone();

  it('live mode: answers keep coming over the viewfinder, stop while hidden, and Hold turns one into a shot', async () => {
    const { page, errors } = await phones.openCamera(y4mFrom(dogPhoto(7)));
    await openClassify(page, 'cats-dogs');
    await page.getByTestId('camera-start').click();
    await expect.poll(() => page.getByTestId('camera-shutter').isEnabled(), { timeout: 30_000 }).toBe(true);
    await page.getByTestId('live-toggle').click();
    const live = page.getByTestId('live-answer');
    const answers = async () => Number((await page.locator('pv-classify-page').getAttribute('data-live-answers')) ?? 0);
    await expect.poll(answers, { timeout: 240_000 }).toBeGreaterThanOrEqual(3);
    expect(await live.getAttribute('data-label')).toBe('dog');
    // In the same words as the answer sheet, the percentage small beside them.
    expect(['Dog', 'Probably a dog']).toContain(await live.getByTestId('live-words').textContent());
    expect(await live.locator('.live-p').textContent()).toMatch(/^dog \d+(\.\d)?%$/);
    expect(await page.getByTestId('answer-sheet').count()).toBe(0); // live answers make no cards

    await setHidden(page, true);
    await page.waitForTimeout(5_000); // the answer in flight, if any, lands (a frame takes ~1–2 s here)
    const whileHidden = await answers();
    await page.waitForTimeout(5_000);
    expect(await answers(), 'frames were classified while the page was hidden').toBe(whileHidden);

    await setHidden(page, false);
    await expect.poll(answers, { timeout: 60_000 }).toBeGreaterThan(whileHidden + 1);

    await page.getByTestId('live-hold').click();
    await expect.poll(() => result(page).getAttribute('data-state'), { timeout: 240_000 }).toBe('done');
    expect(await result(page).getAttribute('data-label')).toBe('dog');
    expect(await page.getByTestId('answer-sheet').isVisible()).toBe(true);
    expect(['Dog', 'Probably a dog']).toContain(await result(page).getByTestId('classify-label').textContent());
    expect(await page.getByTestId('camera-still').isVisible()).toBe(true);
    // Held: no more live answers.
    expect(await live.count()).toBe(0);

    // The first answer brings the offline offer, but not over a live camera (it would cover Live
    // and Hold): it comes once the camera stops.
    const offer = page.getByTestId('offline-prompt');
    await page.waitForTimeout(2_000);
    expect(await offer.count(), 'the offer came over the live camera').toBe(0);
    await page.getByTestId('sheet-close').click();
    await page.getByTestId('camera-stop').first().click();
    await offer.waitFor({ timeout: 30_000 });
    expect(errors).toEqual([]);
  });

  it('keeps every result when the user goes to another section and comes back', async () => {
    const { page, errors } = await phones.open();
    await openClassify(page, 'cats-dogs');
    await page.getByTestId('photo-input').setInputFiles([catPhoto(3), dogPhoto(5)]);
    const done = page.locator('article.result[data-state="done"]');
    await expect.poll(() => done.count(), { timeout: 240_000 }).toBe(2);
    await page.getByRole('link', { name: 'Teach' }).first().click();
    await page.getByTestId('new-name').waitFor();
    expect(await page.locator('article.result').count()).toBe(0);
    await page.getByRole('link', { name: 'Identify' }).first().click();
    await page.getByTestId('model-picker').waitFor();
    expect(await done.count()).toBe(2);
    expect(await result(page).getAttribute('data-label')).toBe('dog');
    expect(await page.locator('article.result[aria-label="cat.3.jpg"]').getAttribute('data-label')).toBe('cat');
    expect(errors).toEqual([]);
  });

  it('choosing another model adds its answer to the same card, beside the first', async () => {
    const { page, errors } = await phones.open();
    await openClassify(page, 'cats-dogs');
    await page.getByTestId('photo-input').setInputFiles([catPhoto(11)]);
    await expect.poll(() => result(page).getAttribute('data-state'), { timeout: 240_000 }).toBe('done');
    expect(await result(page).getAttribute('data-label')).toBe('cat');
    await page.getByTestId('model-picker').selectOption('imagenet');
    await expect.poll(() => answeredBy(page), { timeout: 240_000 }).toBe('imagenet');
    expect(await page.locator('article.result').count()).toBe(1); // the same card, not a new one
    expect(await result(page).getAttribute('data-answers')).toBe('2');
    const earlier = result(page).getByTestId('classify-earlier').locator('li[data-model-id="cats-dogs"]');
    expect(await earlier.textContent()).toMatch(/cat/i);
    // Back to the first model: its answer comes back at once, and the ImageNet one stays on the card.
    await page.getByTestId('model-picker').selectOption('cats-dogs');
    await expect.poll(() => result(page).getAttribute('data-model-id')).toBe('cats-dogs');
    expect(await result(page).getAttribute('data-label')).toBe('cat');
    expect(await result(page).getByTestId('classify-earlier').locator('li[data-model-id="imagenet"]').count()).toBe(1);
    expect(errors).toEqual([]);
  });
});
