/**
 * The app's core flows, written once and run per engine (webkit.test.ts, webkit-sab.test.ts,
 * firefox.test.ts): each flow is a test of its own, on a phone-sized window, against the same
 * production build the Chromium suite uses (tests/browser/global-setup.ts serves dist/).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { heldOutPhotos } from '../browser/held-out';
import { catPhoto, dogPhoto, flowerPhotos } from '../browser/photos';
import { serveBuild } from '../browser/serve';
import { DIGIT_STROKES } from '../browser/strokes';
import { type Engine, type EnginePage, StopWaiting, VIEWPORT } from './engine';
import { describeLoad, repeatedLoads, summary } from './loads';

export interface FlowOptions {
  /**
   * WASM threads as the app starts them in this engine: 'all' (SharedArrayBuffer, one per core),
   * 'none' (no SharedArrayBuffer: one thread), 'asked' (SharedArrayBuffer, but the app starts
   * single-threaded until Settings' "Use all cores": Gecko and WebKit, whose threaded starts can freeze).
   */
  threads: 'all' | 'none' | 'asked';
}

const CLASSES = ['daisy', 'sunflower'];
const PER_CLASS = 6;
/** Photos after the ones taught, never seen by the classifier. */
const UNSEEN = CLASSES.map((c) => flowerPhotos(c)[20]);
const MINUTES = 60_000;

/** Page errors are asserted; console.error lines are only reported. */
async function expectNoErrors(page: EnginePage) {
  const console = await page.consoleErrors();
  if (console.length) process.stdout.write(`[${page.engine}] console.error: ${console.join(' | ')}\n`);
  expect(await page.errors()).toEqual([]);
}

const log = (page: EnginePage, line: string) => process.stdout.write(`[${page.engine}] ${line}\n`);

/** The newest result card (the page shows newest first). */
const NEWEST = 'classify-result';

async function openClassify(page: EnginePage, model: string, query = '') {
  await page.goto(`/classify${query}`);
  await page.waitForBackend();
  await page.waitFor(
    () => page.count(`[data-testid=model-picker] option[value="${model}"]`),
    1 * MINUTES,
    `model ${model} in the picker`,
  );
  await page.select('model-picker', model);
}

/** Adds one file through the gallery input; waits for its card (the newest) to finish. */
async function classify(page: EnginePage, file: string) {
  const before = await page.count('article.result');
  await page.setFiles('photo-input', [file]);
  await page.waitFor(
    async () =>
      (await page.count('article.result')) > before && (await page.attr(NEWEST, 'aria-label')) === basename(file),
    30_000,
    `a card for ${basename(file)}`,
  );
  const state = await page.waitFor(
    async () => (await page.attr(NEWEST, 'data-state'))?.match(/^(done|error)$/)?.[0],
    4 * MINUTES,
    `${basename(file)} to be classified`,
  );
  return {
    state,
    label: (await page.attr(NEWEST, 'data-label')) ?? '',
    model: (await page.attr(NEWEST, 'data-model-id')) ?? '',
    p: Number(await page.attr(NEWEST, 'data-p')),
    notSure: (await page.attr(NEWEST, 'data-not-sure')) ?? '',
    verdict: (await page.attr(NEWEST, 'data-verdict')) ?? '',
    error: (await page.text('[data-testid=classify-result] [data-testid=classify-error]'))?.trim() ?? '',
  };
}

/** Selects the user model titled `title` in /classify. */
async function openUserModel(page: EnginePage, title: string) {
  await page.goto('/classify');
  await page.waitForBackend();
  const value = await page
    .waitFor(
      () =>
        page.evaluate<string | null>(
          'var title = arguments[0], o = __pvDeepAll(\'[data-testid=model-picker] option[value^="user:"]\').find(function (o) { return o.textContent.indexOf(title) >= 0; }); return o ? o.value : null;',
          title,
        ),
      1 * MINUTES,
      `“${title}” in the model picker`,
    )
    .catch(async (e) => {
      // What the picker offered instead, to tell a missing model from a picker that never loaded.
      const offered = await page.evaluate<string[]>(
        "return __pvDeepAll('[data-testid=model-picker] option').map(function (o) { return o.value + '=' + o.textContent; });",
      );
      log(page, `picker offered: ${JSON.stringify(offered)}; error: ${await page.text('model-error')}`);
      throw e;
    });
  await page.select('model-picker', value);
}

async function drawDigit(page: EnginePage, digit: string) {
  await page.click('digit-clear');
  await page.waitFor(
    async () => (await page.attr('digit-prediction', 'data-label')) === '',
    10_000,
    'the pad to clear',
  );
  await page.draw('digit-canvas', DIGIT_STROKES[digit]);
  // The pad reads live while strokes arrive: an early reading of a half-drawn digit can still be
  // showing. The answer is the reading that then stays put for 1.5 s.
  let last = '';
  let since = Date.now();
  return page.waitFor(
    async () => {
      const now = (await page.attr('digit-prediction', 'data-label')) ?? '';
      if (now !== last) [last, since] = [now, Date.now()];
      return now && Date.now() - since >= 1500 ? now : null;
    },
    30_000,
    `a steady reading of the drawn ${digit}`,
  );
}

export function coreFlows(make: () => Engine, { threads }: FlowOptions) {
  const engine = make();
  const baseURL = () => inject('baseURL');
  let exported: { file: string; labels: string[] } | null = null;

  /** A fresh page in a fresh profile; closed (and its errors asserted by the flow) at the end. */
  async function withPage(flow: (page: EnginePage) => Promise<void>, url = baseURL()) {
    const page = await engine.open(url);
    try {
      await flow(page);
    } finally {
      await page.close();
    }
  }

  describe(`core flows in ${engine.name}`, () => {
    beforeAll(async () => {
      // Start the browser once up front: a missing browser fails here, loudly.
      await withPage(async (page) => {
        const viewport = await page.viewport();
        log(page, `viewport ${viewport.width}×${viewport.height}`);
        expect(viewport).toEqual(VIEWPORT);
      });
    }, 2 * MINUTES);
    afterAll(() => engine.close());

    it('classifies gallery photos: cats-dogs says "cat" for a cat, ImageNet answers, Flowers and CIFAR-10 say "none of these" to each other', () =>
      withPage(async (page) => {
        await openClassify(page, 'cats-dogs');
        const cat = await classify(page, catPhoto(3));
        expect(cat).toMatchObject({ state: 'done', label: 'cat', model: 'cats-dogs', notSure: 'no' });
        await page.select('model-picker', 'imagenet');
        const imagenet = await classify(page, catPhoto(11));
        log(
          page,
          `ImageNet top-1 for cat.11.jpg: "${imagenet.label}" (p ${imagenet.p}) on ${await page.attr('backend-badge', 'data-backend')}`,
        );
        expect(imagenet).toMatchObject({ state: 'done', model: 'imagenet' });
        expect(imagenet.label).not.toBe('');
        expect(imagenet.p).toBeGreaterThan(0);
        // Flowers and CIFAR-10 also read the backbone's stage-3 probe (a second output of the same
        // pass): each turns away a held-out picture of the other's collection.
        await page.select('model-picker', 'flowers5');
        const [airplane] = await heldOutPhotos('cifar10', 1);
        expect(await classify(page, airplane.path)).toMatchObject({
          state: 'done',
          model: 'flowers5',
          verdict: 'none',
        });
        await page.select('model-picker', 'cifar10');
        const [daisy] = await heldOutPhotos('flowers5', 1);
        expect(await classify(page, daisy.path)).toMatchObject({ state: 'done', model: 'cifar10', verdict: 'none' });
        await expectNoErrors(page);
      }));

    it('is cross-origin isolated, and Settings shows the WASM threads it runs on', () =>
      withPage(async (page) => {
        await openClassify(page, 'cats-dogs', '?backend=wasm');
        expect(await page.attr('backend-badge', 'data-backend')).toBe('wasm');
        await page.click('nav a[href="/settings"]');
        const threadsShown = () =>
          page.waitFor(
            async () => {
              const t = (await page.text('wasm-threads'))?.trim();
              return t && t !== '…' ? t : null;
            },
            1 * MINUTES,
            'Settings to show the WASM threads',
          );
        const shown = await threadsShown();
        const [isolated, sab, cores] = await page.evaluate<[boolean, boolean, number]>(() => [
          crossOriginIsolated,
          typeof SharedArrayBuffer === 'function',
          navigator.hardwareConcurrency,
        ]);
        log(
          page,
          `crossOriginIsolated ${isolated}, SharedArrayBuffer ${sab}, hardwareConcurrency ${cores}, Settings → WASM threads "${shown}"`,
        );
        expect(isolated).toBe(true);
        expect(sab).toBe(threads !== 'none');
        const allCores = String(Math.min(8, cores));
        if (threads === 'all') expect(shown).toBe(allCores);
        if (threads === 'none') {
          // No SharedArrayBuffer: threads cannot exist here, whatever the user asks. One thread, and
          // neither a reason that blames freezing nor a "Use all cores" that cannot give more.
          expect(shown).toMatch(/^1\b/);
          expect(shown).not.toMatch(/freez/);
          expect(await page.count('retry-threads')).toBe(0);
        }
        if (threads === 'asked') {
          // Single-threaded with the reason, and a way to ask for every core (the page reloads).
          expect(shown).toMatch(/^1 \(this browser can freeze while starting several cores/);
          await page.click('retry-threads');
          await page.waitForBackend(2 * MINUTES);
          const after = await page.waitFor(
            async () => {
              const t = (await page.text('wasm-threads'))?.trim();
              return t && t !== shown && t !== '…' ? t : null;
            },
            2 * MINUTES,
            'Settings to show the threads after "Use all cores"',
          );
          log(page, `after "Use all cores": WASM threads "${after}"`);
          // Every core, or (when the threaded start froze and the watchdog stepped in) one, saying why.
          expect(after).toMatch(new RegExp(`^(${allCores}|1 \\(with all cores the engine froze at start-up)`));
        }
        await expectNoErrors(page);
      }));

    it(
      'identifies with the camera: the shutter answers in a sheet, live answers keep coming, Hold freezes one',
      () =>
        withPage(async (page) => {
          await openClassify(page, 'cats-dogs');
          await page.click('camera-start');
          await page.waitFor(
            async () => {
              const problem = (await page.text('camera-error'))?.trim();
              if (problem) throw new StopWaiting(`the camera did not start: ${problem}`);
              return (
                (await page.evaluate<boolean>(
                  'var b = __pvDeep("[data-testid=camera-shutter]"); return !!b && !b.disabled;',
                )) || null
              );
            },
            MINUTES,
            'the shutter to be ready',
          );
          await page.click('camera-shutter');
          const state = await page.waitFor(
            async () => (await page.attr(NEWEST, 'data-state'))?.match(/^(done|error)$/)?.[0],
            4 * MINUTES,
            'the shot to be answered',
          );
          expect(state).toBe('done');
          expect(['cat', 'dog']).toContain(await page.attr(NEWEST, 'data-label'));
          expect(await page.count('take-another')).toBe(1);
          await page.click('take-another');
          await page.waitFor(
            async () => (await page.count('take-another')) === 0 || null,
            MINUTES,
            'the sheet to close',
          );

          // A real pointer click: the offline offer that the first answer brings waits while the camera is live (it covered Live here).
          await page.click('live-toggle');
          await page.waitFor(
            async () => (await page.attr('live-toggle', 'aria-pressed')) === 'true' || null,
            30_000,
            'live mode to be on',
          );
          const answers = async () =>
            Number((await page.attr('pv-classify-page[data-live-answers]', 'data-live-answers')) ?? 0);
          const first = await page.waitFor(
            async () => ((await answers()) >= 1 ? answers() : null),
            2 * MINUTES,
            'a live answer',
          );
          await page.waitFor(async () => (await answers()) > first || null, 2 * MINUTES, 'a second live answer');
          log(page, `camera: live answers so far ${await answers()}`);
          await page.click('live-hold');
          await page.waitFor(
            async () => (await page.count('take-another')) === 1 || null,
            MINUTES,
            'Hold to open the sheet',
          );
          await expectNoErrors(page);
        }),
      8 * MINUTES,
    );

    it('reads a digit drawn with the pointer', () =>
      withPage(async (page) => {
        await page.goto('/draw');
        await page.waitForBackend();
        const read: Record<string, string> = {};
        for (const digit of Object.keys(DIGIT_STROKES)) read[digit] = await drawDigit(page, digit);
        log(
          page,
          `drawn → read: ${Object.entries(read)
            .map(([d, r]) => `${d}→${r}`)
            .join(', ')}`,
        );
        expect(read).toEqual(Object.fromEntries(Object.keys(DIGIT_STROKES).map((d) => [d, d])));
        await expectNoErrors(page);
      }));

    it(`teaches a classifier (2 classes × ${PER_CLASS} photos), keeps it across a reload, classifies with it, exports it`, () =>
      withPage(async (page) => {
        await page.goto('/teach');
        await page.waitForBackend();
        await page.type('new-name', 'My garden');
        await page.type('new-classes', CLASSES.join('\n'));
        await page.click('create-classifier');
        /** Stops at once when the editor reports an error instead of waiting out the deadline. */
        const editorError = async () => {
          const error = (await page.text('editor-error'))?.trim();
          if (error) throw new StopWaiting(`the editor says: ${error}`);
        };
        const started = Date.now();
        for (const [i, c] of CLASSES.entries()) {
          await page.waitFor(() => page.count(`add-photos-${i}`), 30_000, `the ${c} class card`);
          await page.setFiles(`add-photos-${i}`, flowerPhotos(c).slice(0, PER_CLASS));
          await page.waitFor(
            async () => {
              await editorError();
              return (
                (await page.text(`[data-testid=class-card][data-class=${c}] [data-testid=class-count]`)) ===
                  `${PER_CLASS} photos` && (await page.count('adding')) === 0
              );
            },
            5 * MINUTES,
            `${PER_CLASS} ${c} photos to be added`,
          );
        }
        log(
          page,
          `teach: adding ${PER_CLASS * CLASSES.length} photos took ${((Date.now() - started) / 1000).toFixed(1)} s`,
        );

        await page.click('train-classifier');
        await page.waitFor(
          async () => {
            const error = (await page.text('train-error'))?.trim();
            if (error) throw new StopWaiting(`training failed: ${error}`);
            return page.count('classifier-accuracy');
          },
          4 * MINUTES,
          'training to finish',
        );
        const accuracy = await page.attr('classifier-accuracy', 'data-accuracy');
        log(page, `teach: trained, validation accuracy ${accuracy}`);
        // A fraction as the trainer writes it (toFixed(4)); a few held-out photos allow no tighter bound,
        // and Number() of a missing attribute would be 0, which `>= 0` let through.
        expect(accuracy).toMatch(/^(0\.\d{4}|1\.0000)$/);

        // Try it, in place: a photo it has not learned from is answered under the result, in words.
        await page.setFiles('try-photo', [UNSEEN[0]]);
        await page.waitFor(
          async () => (await page.attr('try-result', 'data-state')) === 'done',
          2 * MINUTES,
          'Try it to answer',
        );
        const tried = (await page.attr('try-result', 'data-label')) ?? '';
        log(page, `teach: Try it says ${tried} for an unseen ${CLASSES[0]}`);
        expect(CLASSES).toContain(tried);
        expect((await page.text('try-words'))?.toLowerCase()).toContain(tried);

        // Still there after a reload.
        await page.goto('/teach');
        await page.reload();
        const item = () =>
          page.evaluate<string | null>(
            'var i = __pvDeepAll("[data-testid=classifier-item]").find(function (a) { return a.getAttribute("data-name") === "My garden"; }); return i ? i.textContent.replace(/\\s+/g, " ").trim() : null;',
          );
        const summaryText = await page.waitFor(item, 30_000, '“My garden” in the list after a reload');
        expect(summaryText).toMatch(new RegExp(`2 classes · ${2 * PER_CLASS} photos · trained`));

        // It answers in /classify.
        await openUserModel(page, 'My garden');
        const labels: string[] = [];
        for (const photo of UNSEEN) {
          const out = await classify(page, photo);
          expect(out).toMatchObject({ state: 'done' });
          expect(out.model).toMatch(/^user:/);
          labels.push(out.label);
        }
        log(page, `teach: unseen ${CLASSES.join(', ')} → ${labels.join(', ')}`);
        for (const l of labels) expect(CLASSES).toContain(l);

        // Export with photos (a Blob download).
        await page.goto('/teach');
        await page.click('[data-testid=classifier-item][data-name="My garden"]');
        await page.waitFor(
          async () => (await page.attr('export-with-photos', 'disabled')) === null,
          30_000,
          'Export with photos to be enabled',
        );
        const download = await page.download('export-with-photos');
        log(page, `teach: exported ${download.name} (${download.bytes.length} bytes)`);
        expect(download.name).toMatch(/My-garden\.pvclassifier\.zip$/);
        expect(download.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
        const file = join(mkdtempSync(join(tmpdir(), 'pv-engine-export-')), download.name);
        writeFileSync(file, download.bytes);
        exported = { file, labels };
        await expectNoErrors(page);
      }));

    it('imports the exported file into a fresh profile, which then answers the same', () =>
      withPage(async (page) => {
        if (!exported) throw new Error('no exported file: the teach flow above failed before its export');
        await page.goto('/teach');
        await page.waitForBackend();
        await page.setFiles('import-file', [exported.file]);
        const notice = await page.waitFor(
          async () => {
            const error = (await page.text('teach-error'))?.trim();
            if (error) throw new StopWaiting(`the import failed: ${error}`);
            return (await page.text('teach-notice'))?.trim() || null;
          },
          2 * MINUTES,
          'the import to finish',
        );
        expect(notice).toMatch(new RegExp(`Imported “My garden” \\(2 classes, ${2 * PER_CLASS} photos\\)`));
        await openUserModel(page, 'My garden');
        const labels: string[] = [];
        for (const photo of UNSEEN) labels.push((await classify(page, photo)).label);
        expect(labels).toEqual(exported.labels);
        await expectNoErrors(page);
      }));

    it('after one visit, reloads /draw with the server gone and still reads a digit', async () => {
      const served = await serveBuild(undefined, 0);
      let closed = false;
      try {
        await withPage(async (page) => {
          await page.goto('/draw');
          await page.waitForBackend();
          await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
          await page.waitFor(
            () => page.evaluate(() => navigator.serviceWorker.controller !== null),
            30_000,
            'the service worker to control the page',
          );
          await page.waitFor(
            () => page.evaluate(async () => Boolean(await caches.match('/models/mnist-mlp/weights.bin'))),
            60_000,
            'the MNIST model to be cached',
          );
          await served.close();
          closed = true;
          await page.reload();
          const backend = await page.waitForBackend();
          log(page, `offline: reloaded with the server gone, backend ${backend}`);
          expect(await drawDigit(page, '7')).toBe('7');
          await expectNoErrors(page);
        }, served.url);
      } finally {
        if (!closed) await served.close();
      }
    });

    it('says "not a picture" for a text file named .jpg, then a good photo still works', () =>
      withPage(async (page) => {
        const notes = join(mkdtempSync(join(tmpdir(), 'pv-bad-')), 'shopping.jpg');
        writeFileSync(notes, 'milk\neggs\nbread\n'.repeat(40));
        await openClassify(page, 'cats-dogs');
        const bad = await classify(page, notes);
        log(page, `bad image: ${bad.state} “${bad.error}”`);
        expect(bad.state).toBe('error');
        expect(bad.error).toMatch(/not a picture/i);
        expect(await classify(page, dogPhoto(5))).toMatchObject({ state: 'done', label: 'dog' });
        await expectNoErrors(page);
      }));

    it('starts the ML worker on each of 10 loads and reloads', async () => {
      const records = await repeatedLoads(engine, baseURL(), {
        count: 10,
        deadlineMs: 60_000,
        each: (r) => process.stdout.write(`[${engine.name}] ${describeLoad(r)}\n`),
      });
      process.stdout.write(`[${engine.name}] ${summary(records)}\n`);
      expect(records.filter((r) => r.outcome === 'hung').map(describeLoad)).toEqual([]);
    });

    it('offers the install path this engine has (no beforeinstallprompt here)', () =>
      withPage(async (page) => {
        await page.goto('/settings');
        expect(await page.evaluate(() => 'onbeforeinstallprompt' in window)).toBe(false);
        const state = await page.waitFor(() => page.attr('install-card', 'data-state'), 30_000, 'the install card');
        const text = (await page.text('install-card'))?.replace(/\s+/g, ' ').trim() ?? '';
        log(page, `install card: ${state}: “${text}”`);
        expect(await page.count('install-button')).toBe(0);
        // WebKitGTK and desktop Firefox say neither iPhone nor iPad: the generic advice shows.
        expect(state).toBe('unavailable');
        expect(text).toMatch(/Use your browser's menu/);
        await expectNoErrors(page);
      }));
  });
}
