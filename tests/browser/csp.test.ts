/**
 * The Content-Security-Policy (build/content-security-policy.ts) holds while the app is used:
 * every `securitypolicyviolation` in the page (an init script reports it) and in the ML worker
 * (src/worker/csp-violations.ts logs it as a console error) fails the test, as does any console error.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { preview } from 'vite';
import { describe, expect, it } from 'vitest';
import { HEADER_CSP } from '../../build/content-security-policy';
import { waitForBackend } from './browser';
import { type ContextOptions, type Phones, usePhone } from './fixture';
import { catPhoto, dogPhoto } from './photos';
import { DIGIT_STROKES, drawStrokes } from './strokes';

declare global {
  interface Window {
    pvCspViolation?: (v: string) => void;
  }
}

/** Runs before any page script, in every page of the context. */
function reportViolations() {
  document.addEventListener(
    'securitypolicyviolation',
    (e) =>
      window.pvCspViolation?.(
        `${location.pathname}: ${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} ${e.sourceFile}:${e.lineNumber} ${e.sample}`,
      ),
    true,
  );
}

interface Watched {
  context: BrowserContext;
  page: Page;
  /** CSP violations, console errors (page and worker) and uncaught errors, as text. */
  problems: string[];
}

async function watched(phones: Phones, options: ContextOptions = {}): Promise<Watched> {
  const problems: string[] = [];
  const { context, page } = await phones.open({
    ...options,
    init: async (context) => {
      await context.exposeFunction('pvCspViolation', (v: string) => problems.push(`violation: ${v}`));
      await context.addInitScript(reportViolations);
    },
  });
  page.on(
    'console',
    (m) => m.type() === 'error' && problems.push(`console error${m.worker() ? ' (worker)' : ''}: ${m.text()}`),
  );
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  return { context, page, problems };
}

async function classifyCat(page: Page, query = ''): Promise<string> {
  await page.goto(`/classify${query}`);
  const backend = await waitForBackend(page);
  const picker = page.getByTestId('model-picker');
  await picker.locator('option[value="cats-dogs"]').waitFor({ state: 'attached', timeout: 60_000 });
  await picker.selectOption('cats-dogs');
  await page.getByTestId('photo-input').setInputFiles(catPhoto(8));
  const result = page.getByTestId('classify-result');
  await expect.poll(() => result.getAttribute('data-state'), { timeout: 240_000 }).toBe('done');
  expect(await result.getAttribute('data-label')).toBe('cat');
  // The confidence bar got its width although inline style attributes are blocked (CSSOM, css-props.ts).
  expect(
    await result
      .locator('pv-prediction-bars .fill')
      .first()
      .evaluate((e) => (e as HTMLElement).style.width),
  ).toMatch(/^\d+(\.\d)?%$/);
  return backend;
}

describe('Content-Security-Policy', () => {
  const phones = usePhone();

  it('is in force: the page has the <meta> policy, the server the header, and an injected inline script is blocked and seen', async () => {
    const { page, problems } = await watched(phones);
    const response = await page.goto('/settings');
    expect(response?.headers()['content-security-policy']).toContain("'wasm-unsafe-eval'");
    const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(meta).toMatch(/script-src 'self';/);
    expect(meta).not.toMatch(/unsafe-inline|unsafe-eval/);
    // The canary: proves the recorder would catch a violation.
    const ran = await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.inlineRan = true';
      document.head.append(s);
      return (window as unknown as { inlineRan?: boolean }).inlineRan ?? false;
    });
    expect(ran).toBe(false);
    await expect.poll(() => problems.join('\n')).toMatch(/violation: .*script-src-elem blocked inline/);
  });

  it('no violations on /classify (a photo), /draw (a digit), /train (a short run) and /settings, service worker included', async () => {
    const { page, problems } = await watched(phones);
    const backend = await classifyCat(page);
    // "Where did it look?" draws a Grad-CAM overlay over the photo.
    await page.getByTestId('explain').click();
    const overlay = page.getByTestId('saliency');
    await expect
      .poll(() => overlay.evaluate((img) => (img as HTMLImageElement).naturalWidth).catch(() => 0), {
        timeout: 120_000,
      })
      .toBe(224);

    // Teach: a tiny classifier, trained (curves, confusion matrix, thumbnails).
    await page.goto('/teach');
    await page.getByTestId('new-name').fill('CSP check');
    await page.getByTestId('new-classes').fill('cat\ndog');
    await page.getByTestId('create-classifier').click();
    await page.getByTestId('add-photos-0').setInputFiles([catPhoto(30), catPhoto(31)]);
    await page.getByTestId('add-photos-1').setInputFiles([dogPhoto(30), dogPhoto(31)]);
    await expect
      .poll(() => page.getByTestId('class-count').allTextContents(), { timeout: 180_000 })
      .toEqual(['2 photos', '2 photos']);
    await page.getByTestId('train-classifier').click();
    await page.getByTestId('classifier-accuracy').waitFor({ timeout: 120_000 });

    await page.goto('/draw');
    await waitForBackend(page);
    await drawStrokes(page, page.getByTestId('digit-canvas'), DIGIT_STROKES['7']);
    await expect
      .poll(() => page.getByTestId('digit-prediction').getAttribute('data-label'), { timeout: 30_000 })
      .toBe('7');

    await page.goto('/train');
    await waitForBackend(page);
    await page.getByTestId('train-dataset').selectOption('mnist');
    await page.getByTestId('train-limit').selectOption('1000');
    await page.getByTestId('train-epochs').fill('1');
    await page.getByTestId('train-start').click();
    await page.getByTestId('train-test-accuracy').waitFor({ timeout: 240_000 });
    expect(await page.locator('pv-loss-chart canvas').count()).toBeGreaterThan(0); // uPlot drew

    await page.goto('/settings');
    await page.getByTestId('device-details').locator('summary').click(); // the engine's details are folded away
    await page.getByTestId('backend-in-use').and(page.getByText(backend)).waitFor();
    // The service worker installed and now serves the app under the same header policy.
    expect(await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state)).toBe('activated');
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

    console.log(`CSP walk-through on ${backend}: ${problems.length} problems`);
    expect(problems).toEqual([]);
  });

  it("catches a violation in the ML worker too: served without 'wasm-unsafe-eval', WASM is refused and reported", async () => {
    const strict = HEADER_CSP.replace(" 'wasm-unsafe-eval'", '');
    const server = await preview({
      preview: { host: '127.0.0.1', port: 0, strictPort: false, headers: { 'Content-Security-Policy': strict } },
      logLevel: 'warn',
    });
    const address = server.httpServer.address();
    const { context, page, problems } = await watched(phones, {
      baseURL: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    });
    await page.goto('/settings?backend=wasm');
    expect(await waitForBackend(page)).not.toBe('wasm'); // it fell back
    expect(problems.join('\n')).toMatch(
      /console error \(worker\): CSP violation in the ML worker: script-src blocked wasm-eval/,
    );
    await context.close();
    await server.close();
  });

  for (const forced of ['webgl', 'wasm']) {
    it(`no violations classifying on ?backend=${forced}`, async () => {
      const { page, problems } = await watched(phones);
      expect(await classifyCat(page, `?backend=${forced}`)).toBe(forced);
      expect(problems).toEqual([]);
    });
  }

  // WebGPU needs nothing from the CSP either (WGSL is not script). Here it is the software adapter
  // (SwiftShader), so a small digit model rather than ResNet50 keeps this quick.
  it('no violations reading a digit on ?backend=webgpu', async () => {
    const { page, problems } = await watched(phones);
    await page.goto('/draw?backend=webgpu');
    expect(await waitForBackend(page)).toBe('webgpu');
    await drawStrokes(page, page.getByTestId('digit-canvas'), DIGIT_STROKES['1']);
    await expect
      .poll(() => page.getByTestId('digit-prediction').getAttribute('data-label'), { timeout: 60_000 })
      .toBe('1');
    expect(problems).toEqual([]);
  });
});
