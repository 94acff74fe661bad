import type { BrowserContext } from 'playwright-core';

/** Benchmarks time the app as a returning user sees it: the first-run welcome (a modal) would take every click. */
export async function asReturningUser(opening: BrowserContext | Promise<BrowserContext>): Promise<BrowserContext> {
  const context = await opening;
  await context.addInitScript(() => localStorage.setItem('pv.welcomeSeen', 'yes'));
  return context;
}
