import { describe, expect, it } from 'vitest';
import { baseURL, waitForBackend } from './browser';
import { usePhone } from './fixture';
import { catPhoto } from './photos';

describe('Web Share Target', () => {
  const phones = usePhone();

  it('classifies a photo shared from another app', async () => {
    const { page, errors } = await phones.open();
    await page.goto('/classify');
    await waitForBackend(page);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
    const picker = page.getByTestId('model-picker');
    await picker.locator('option[value="cats-dogs"]').waitFor({ state: 'attached', timeout: 60_000 });
    await picker.selectOption('cats-dogs');

    // The phone's share sheet posts the photo as a cross-site form navigation: a form on a blank
    // page stands in for it (a form on our own page would be stopped by the CSP's form-action).
    await page.goto('about:blank');
    await page.setContent(
      `<form method="post" enctype="multipart/form-data" action="${baseURL()}/share-target"><input type="file" name="photos" accept="image/*" multiple></form>`,
    );
    await page.locator('input[name=photos]').setInputFiles(catPhoto(3));
    await Promise.all([
      page.waitForURL(/\/classify/, { timeout: 60_000 }),
      page.evaluate(() => document.forms[0].submit()),
    ]);

    const result = page.getByTestId('classify-result');
    await expect.poll(() => result.getAttribute('data-state'), { timeout: 240_000 }).toBe('done');
    expect(await result.getAttribute('aria-label')).toBe('cat.3.jpg');
    expect(await result.getAttribute('data-model-id')).toBe('cats-dogs');
    expect(await result.getAttribute('data-label')).toBe('cat');
    // The 303 landed on /classify?shared=1; the page then drops the flag and empties the inbox.
    expect(new URL(page.url()).search).toBe('');
    expect(await page.evaluate(async () => (await (await caches.open('pv-share-inbox')).keys()).length)).toBe(0);
    // The first answer brings the offer to download everything for offline use, with its size.
    const offer = page.getByTestId('offline-prompt');
    await offer.waitFor({ timeout: 30_000 });
    expect(await offer.textContent()).toMatch(/without internet\?.*\([\d.,]+ MB\)/s);
    await page.getByTestId('offline-prompt-dismiss').click();
    expect(await offer.count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
