import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { usePhone } from './fixture';
import { type Served, serveBuild } from './serve';

const NEXT_VERSION = '9.9.9-next';
const scratch = mkdtempSync(join(tmpdir(), 'pv-next-'));

/** The next release: the same code stamped with another version, built beside dist/. */
async function buildNextRelease(): Promise<string> {
  const outDir = join(scratch, 'dist');
  await promisify(execFile)('npx', ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], {
    env: { ...process.env, VITE_APP_VERSION: NEXT_VERSION, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
  });
  return outDir;
}

describe('a new release', () => {
  const phones = usePhone();
  let server: Served | null = null;
  afterAll(async () => {
    await server?.close();
    rmSync(scratch, { recursive: true, force: true }); // a whole build, models included
  });

  it('waits behind "Update available → Reload" and takes over only when asked', { timeout: 300_000 }, async () => {
    const nextRelease = buildNextRelease(); // builds while the first release is visited
    server = await serveBuild('dist');
    const { page, errors } = await phones.open({ baseURL: server.url });
    await page.goto('/settings');
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
    const version = page.getByTestId('app-version');
    const firstVersion = (await version.textContent())!;
    expect(firstVersion).not.toContain(NEXT_VERSION);
    // A models cache of an older asset version, which the new worker must delete on activation.
    await page.evaluate(() => caches.open('pv-models-v0'));

    // The same origin now serves the next release.
    const dir = await nextRelease;
    const { port } = server;
    await server.close();
    server = await serveBuild(dir, port);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    await page.getByTestId('update-banner').waitFor({ timeout: 60_000 });

    // Waiting, not active: the open session still runs the release it started with.
    expect(await page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())!.waiting))).toBe(
      true,
    );
    expect(await version.textContent()).toBe(firstVersion);
    expect(await page.evaluate(() => caches.has('pv-models-v0'))).toBe(true);

    await Promise.all([page.waitForEvent('load'), page.getByTestId('update-reload').click()]);
    await expect
      .poll(() => page.getByTestId('app-version').textContent(), { timeout: 30_000 })
      .toBe(`Version ${NEXT_VERSION}`);
    expect(await page.getByTestId('update-banner').count()).toBe(0);
    expect(await page.evaluate(() => caches.has('pv-models-v0'))).toBe(false);
    expect(errors).toEqual([]);
  });
});
