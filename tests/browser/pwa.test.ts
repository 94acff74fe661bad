import { describe, expect, it } from 'vitest';
import { waitForBackend } from './browser';
import { usePhone } from './fixture';

interface Manifest {
  name: string;
  display: string;
  start_url: string;
  icons: { src: string; sizes: string; purpose?: string }[];
  shortcuts: { url: string }[];
  share_target: {
    action: string;
    method: string;
    enctype: string;
    params: { files: { name: string; accept: string[] }[] };
  };
}

describe('installable PWA', () => {
  const phones = usePhone();

  it('has a complete manifest whose icons are real PNGs of the stated sizes', async () => {
    const { page } = await phones.open();
    await page.goto('/draw');
    const href = await page.locator('link[rel=manifest]').getAttribute('href');
    const manifest = (await (await page.request.get(href!)).json()) as Manifest;
    expect(manifest).toMatchObject({ name: 'Pocket Vision', display: 'standalone' });
    expect(manifest.shortcuts.map((s) => s.url)).toEqual(
      expect.arrayContaining(['/classify', '/draw', '/train', '/teach']),
    );
    expect(manifest.share_target).toEqual({
      action: '/share-target',
      method: 'POST',
      enctype: 'multipart/form-data',
      params: { files: [{ name: 'photos', accept: ['image/*'] }] },
    });
    const sizes = manifest.icons.map((i) => `${i.sizes}${i.purpose === 'maskable' ? ' maskable' : ''}`);
    expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512', '512x512 maskable']));
    for (const icon of manifest.icons) {
      const body = await (await page.request.get(icon.src)).body();
      expect(body.subarray(1, 4).toString()).toBe('PNG');
      const [w, h] = [body.readUInt32BE(16), body.readUInt32BE(20)];
      expect(`${w}x${h}`).toBe(icon.sizes);
    }
  });

  it('passes Chromium’s own installability check once the service worker runs', async () => {
    const { context, page } = await phones.openPersistent(); // a normal context counts as incognito: never installable
    await page.goto('/draw');
    await waitForBackend(page);
    await page.evaluate(() => navigator.serviceWorker.ready);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
      installabilityErrors: { errorId: string }[];
    };
    expect(installabilityErrors.map((e) => e.errorId)).toEqual([]);
  });

  it('deep-links each section', async () => {
    const { page } = await phones.open();
    for (const [path, hook] of [
      ['/classify', 'photo-pick'],
      ['/train', 'train-start'],
      ['/settings', 'tta-select'],
      ['/draw', 'digit-canvas'],
    ]) {
      await page.goto(path);
      await page.getByTestId(hook).waitFor();
      expect(await page.locator('nav a[aria-current=page]').getAttribute('href')).toBe(path);
    }
    await page.goto('/');
    await page.getByTestId('photo-pick').waitFor(); // the start page is Classify
  });
});
