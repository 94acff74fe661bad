import type { BrowserContext } from 'playwright-core';
import { WELCOME_SEEN_KEY } from '../../src/ui/first-run/first-run-state';

/** Benchmarks time the app as a returning user sees it: the first-run welcome (a modal) would take every click. */
export async function asReturningUser(opening: BrowserContext | Promise<BrowserContext>): Promise<BrowserContext> {
  const context = await opening;
  await context.addInitScript((key) => localStorage.setItem(key, 'yes'), WELCOME_SEEN_KEY);
  return context;
}
