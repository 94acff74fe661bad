/**
 * The browser setup every test file shares: `usePhone()` in a describe block gives it one Chromium
 * (launched on first use, closed after the block) and phone pages that are closed after the test
 * that opened them, also when it fails, so a failed test leaves no worker running into the next.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeEach } from 'vitest';
import { WELCOME_SEEN_KEY } from '../../src/ui/first-run/first-run-state';
import { launch, persistentPhone, phone, watchErrors } from './browser';

export type ContextOptions = NonNullable<Parameters<typeof phone>[1]>;

export interface PhoneOptions extends ContextOptions {
  /** Runs on the new context before its page opens (init scripts, exposed functions). */
  init?: (context: BrowserContext) => Promise<unknown>;
  /** Show the first-visit welcome screen; other tests start as a returning user, without it. */
  welcome?: boolean;
}

/** Marks the welcome screen as seen before the app's code runs (src/ui/first-run/first-run-state.ts). */
const skipWelcome = (context: BrowserContext) =>
  context.addInitScript((key) => {
    try {
      localStorage.setItem(key, 'yes');
    } catch {
      // about:blank and the like have no storage
    }
  }, WELCOME_SEEN_KEY);

export interface PhonePage {
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors, for `expect(errors).toEqual([])`. */
  errors: string[];
}

export interface Phones {
  /** A Pixel 7 context of the shared browser, and a page in it. */
  open(options?: PhoneOptions): Promise<PhonePage>;
  /** A profile on disk in a browser of its own (install prompts, big caches, "a fresh profile"). */
  openPersistent(extraArgs?: string[], url?: string): Promise<PhonePage>;
  /** A browser of its own whose rear camera films `video` (a y4m from photos.ts), camera allowed. */
  openCamera(video: string, options?: ContextOptions): Promise<PhonePage>;
}

type Close = () => Promise<unknown>;

export function usePhone(): Phones {
  let browser: Promise<Browser> | null = null;
  // Opened in a test: closed after it. Opened in beforeAll (a page the tests share): after the block.
  let inTest = false;
  const afterTest: Close[] = [];
  const afterBlock: Close[] = [];
  const closeAll = async (closers: Close[]) => {
    // Newest first; one that fails to close must not keep the others open.
    for (const close of closers.splice(0).reverse()) await close().catch(() => {});
  };

  beforeEach(() => {
    inTest = true;
  });
  afterEach(async () => {
    inTest = false;
    await closeAll(afterTest);
  });
  afterAll(async () => {
    await closeAll(afterBlock);
    await (await browser)?.close();
  });

  async function withPage(
    context: BrowserContext,
    close: Close,
    init?: PhoneOptions['init'],
    welcome = false,
  ): Promise<PhonePage> {
    (inTest ? afterTest : afterBlock).push(close);
    if (!welcome) await skipWelcome(context);
    await init?.(context);
    const page = await context.newPage();
    return { context, page, errors: watchErrors(page) };
  }

  return {
    async open({ init, welcome, ...options } = {}) {
      browser ??= launch();
      const context = await phone(await browser, options);
      return withPage(context, () => context.close(), init, welcome);
    },
    async openPersistent(extraArgs = [], url) {
      const context = await persistentPhone(extraArgs, url);
      return withPage(context, () => context.close());
    },
    async openCamera(video, options = {}) {
      const own = await launch([
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
        `--use-file-for-fake-video-capture=${video}`,
      ]);
      const context = await phone(own, { permissions: ['camera'], ...options });
      return withPage(context, () => own.close());
    },
  };
}
