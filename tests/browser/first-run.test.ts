/** The welcome screen: on the first visit only, dismissible, and back on request from Settings. */
import { describe, expect, it } from 'vitest';
import { waitForBackend } from './browser';
import { usePhone } from './fixture';

describe('first run', () => {
  const phones = usePhone();

  it('welcomes a first visit, stays away after "Not now" and a reload, and Settings brings it back', async () => {
    const { page, errors } = await phones.open({ welcome: true });
    await page.goto('/classify');
    const welcome = page.getByTestId('first-run');
    await welcome.waitFor({ timeout: 30_000 });
    const text = (await welcome.textContent()) ?? '';
    expect(text).toMatch(/stays on this phone/i);
    for (const id of ['welcome-photo', 'welcome-draw', 'welcome-teach'])
      expect(await page.getByTestId(id).isVisible(), id).toBe(true);

    await page.getByTestId('first-run-close').click();
    await expect.poll(() => welcome.count()).toBe(0);
    await page.reload();
    await waitForBackend(page);
    await page.waitForTimeout(500);
    expect(await welcome.count()).toBe(0);

    await page.goto('/settings');
    await page.getByTestId('show-welcome').click();
    await welcome.waitFor();
    // A first step takes the user where it says, and closes the screen.
    await page.getByTestId('welcome-draw').click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/draw');
    expect(await welcome.count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('is not shown to a returning user (the other tests start as one)', async () => {
    const { page } = await phones.open();
    await page.goto('/draw');
    await waitForBackend(page);
    await page.waitForTimeout(500);
    expect(await page.getByTestId('first-run').count()).toBe(0);
  });
});
