/**
 * Lighthouse against the served build in Debian's Chromium, mobile emulation. Shared by
 * `npm run lighthouse` (training/bench/lighthouse.ts) and tests/browser/a11y.test.ts, so both judge alike.
 */
import { type LaunchedChrome, launch } from 'chrome-launcher';
import lighthouse, { defaultConfig } from 'lighthouse';
import { SECTIONS as APP_SECTIONS } from '../../src/app/sections';

/** Every section's path, in nav order. */
export const SECTIONS = APP_SECTIONS.map((s) => `/${s.id}`);
/** The bar of the "fast and hard to break" issue. */
export const MIN_ACCESSIBILITY = 95;

/** What this Lighthouse offers of what we want (12.x dropped the PWA category; it is used where present). */
export function availableCategories(wanted = ['accessibility', 'best-practices', 'performance', 'pwa']): string[] {
  const known = Object.keys(defaultConfig.categories ?? {});
  return wanted.filter((c) => known.includes(c));
}

export interface FailingAudit {
  category: string;
  id: string;
  title: string;
  score: number | null;
  /** Where it failed: a few selectors or URLs from the audit's details. */
  where: string[];
}

export interface PageAudit {
  path: string;
  /** 0–100 per category; null when Lighthouse could not score it. */
  scores: Record<string, number | null>;
  failing: FailingAudit[];
  seconds: number;
  /** Set when the run itself went wrong (e.g. the page never loaded). */
  runtimeError?: string;
}

export async function startChrome(): Promise<LaunchedChrome> {
  return launch({
    chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    chromeFlags: [
      '--headless=new',
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

interface Item {
  node?: { selector?: string; snippet?: string };
  url?: string;
  source?: { url?: string };
}

function whereOf(details: unknown): string[] {
  const items = ((details as { items?: Item[] } | undefined)?.items ?? []).slice(0, 4);
  return items.map((i) => i.node?.selector ?? i.node?.snippet ?? i.url ?? i.source?.url ?? '').filter(Boolean);
}

/** One Lighthouse navigation of baseURL + path in the Chromium listening on `port`. */
export async function auditPage(port: number, baseURL: string, path: string, categories: string[]): Promise<PageAudit> {
  const started = performance.now();
  const result = await lighthouse(`${baseURL}${path}`, {
    port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: categories,
    formFactor: 'mobile',
    // The photo page starts a model download: don't wait for the network to go quiet for long.
    maxWaitForLoad: 30_000,
  });
  const lhr = result?.lhr;
  if (!lhr) throw new Error(`Lighthouse returned nothing for ${path}`);
  const scores: Record<string, number | null> = {};
  const failing: FailingAudit[] = [];
  for (const id of categories) {
    const cat = lhr.categories[id];
    scores[id] = cat?.score == null ? null : Math.round(cat.score * 100);
    for (const ref of cat?.auditRefs ?? []) {
      const a = lhr.audits[ref.id];
      // Only audits that count and pass/fail; informative and not-applicable ones are skipped.
      if (!a || ref.weight === 0 || a.score === null || a.score >= 0.9) continue;
      if (a.scoreDisplayMode !== 'binary' && a.scoreDisplayMode !== 'numeric' && a.scoreDisplayMode !== 'metricSavings')
        continue;
      failing.push({ category: id, id: a.id, title: a.title, score: a.score, where: whereOf(a.details) });
    }
  }
  return {
    path,
    scores,
    failing,
    seconds: (performance.now() - started) / 1000,
    runtimeError: lhr.runtimeError?.message,
  };
}

/** Audits each path in one Chromium, one after another (Lighthouse needs the tab to itself). */
export async function auditPages(
  baseURL: string,
  paths = SECTIONS,
  categories = availableCategories(),
): Promise<PageAudit[]> {
  const chrome = await startChrome();
  try {
    const out: PageAudit[] = [];
    for (const p of paths) out.push(await auditPage(chrome.port, baseURL, p, categories));
    return out;
  } finally {
    await chrome.kill();
  }
}
