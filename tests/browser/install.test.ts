import { devices } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { usePhone } from './fixture';

describe('install to the home screen', () => {
  const phones = usePhone();

  it('shows Install only once Chromium offers it, opens the prompt, and hides it after installing', async () => {
    // A profile on disk (incognito is never installable) and no engagement wait before the offer.
    const { page } = await phones.openPersistent(['--bypass-app-banner-engagement-checks']);
    await page.goto('/settings');
    // Chromium checks installability as a page loads; on a first visit that check can run before the
    // service worker is active and is not always repeated. A second visit, as a returning user's, is checked with it.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.reload();
    const card = page.getByTestId('install-card');
    const button = page.getByTestId('install-button');
    await button.waitFor({ timeout: 60_000 }); // the real beforeinstallprompt arrived
    expect(await card.getAttribute('data-state')).toBe('available');

    // The browser's own dialog cannot be answered headless: record the call and accept instead.
    await page.evaluate(() => {
      const proto = (window as unknown as { BeforeInstallPromptEvent: { prototype: object } }).BeforeInstallPromptEvent
        .prototype;
      Object.defineProperty(proto, 'prompt', {
        value: async () => void ((window as unknown as { prompted: boolean }).prompted = true),
      });
      Object.defineProperty(proto, 'userChoice', {
        get: () => Promise.resolve({ outcome: 'accepted', platform: 'web' }),
      });
    });
    await button.click();
    expect(await page.evaluate(() => (window as unknown as { prompted?: boolean }).prompted)).toBe(true);
    await page.evaluate(() => window.dispatchEvent(new Event('appinstalled')));
    await expect.poll(() => card.getAttribute('data-state')).toBe('installed');
    expect(await button.count()).toBe(0);
  });

  it('tells iPhone users to use Share → Add to Home Screen', async () => {
    const { defaultBrowserType: _, ...iphone } = devices['iPhone 13'];
    const { page } = await phones.open(iphone);
    await page.goto('/settings');
    const help = page.getByTestId('ios-install-help');
    await help.waitFor();
    expect(await help.textContent()).toMatch(/Share.*Add to Home Screen/s);
    expect(await page.getByTestId('install-button').count()).toBe(0);
  });
});
