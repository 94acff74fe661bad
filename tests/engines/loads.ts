/**
 * Repeated loads of /classify, alternating a fresh page (new profile) and a reload of it: did the
 * ML worker start each time (the backend badge got a data-backend) and how long did it take?
 * Used by the core flows (10 loads) and by the CLI (loads-cli.ts) that measures a start-up hang rate.
 */
import type { Engine, EnginePage } from './engine';

export interface LoadRecord {
  n: number;
  kind: 'fresh' | 'reload';
  /** ready: a backend in time; recovered: a backend in time, but the app said it had to recover; hung: none by the deadline. */
  outcome: 'ready' | 'recovered' | 'hung';
  backend: string;
  /** The badge's title: why this backend (or the start-up error). */
  title: string;
  /** The badge's text when it never got a backend ("Starting…", "ML unavailable"). */
  badge: string;
  seconds: number;
  /** Text of a `backend-notice` / `engine-notice`, if one showed. */
  notice: string;
}

const NOTICE = '[data-testid=backend-notice], [data-testid=engine-notice]';

async function observe(page: EnginePage, deadlineMs: number, started: number) {
  for (;;) {
    const s = await page.evaluate<{ backend: string; title: string; badge: string; notice: string }>(
      `var b = __pvDeep('[data-testid=backend-badge]'), n = __pvDeep(arguments[0]);
       return { backend: b ? b.getAttribute('data-backend') || '' : '', title: b ? b.getAttribute('title') || '' : '', badge: b ? b.textContent.trim() : '', notice: n ? n.textContent.trim().replace(/\\s+/g, ' ') : '' };`,
      NOTICE,
    );
    const seconds = (Date.now() - started) / 1000;
    if (s.backend || Date.now() - started > deadlineMs) return { ...s, seconds };
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** `count` loads; calls `each` after every one (for a live log). The last page is closed. */
export async function repeatedLoads(
  engine: Engine,
  baseURL: string,
  {
    count,
    deadlineMs = 45_000,
    path = '/classify',
    each,
    storage = {},
  }: {
    count: number;
    deadlineMs?: number;
    path?: string;
    each?: (r: LoadRecord) => void;
    /** localStorage entries set before every load (a fresh profile then loads once unmeasured to reach the origin). */
    storage?: Record<string, string>;
  },
): Promise<LoadRecord[]> {
  const records: LoadRecord[] = [];
  let page: EnginePage | null = null;
  try {
    for (let n = 1; n <= count; n++) {
      const kind = n % 2 === 1 ? 'fresh' : 'reload';
      const presetStorage = Object.keys(storage).length > 0;
      if (kind === 'fresh' || !page) {
        await page?.close();
        page = await engine.open(baseURL);
        if (presetStorage) await page.goto(path);
      }
      if (presetStorage)
        await page.evaluate(
          (entries: Record<string, string>) => Object.entries(entries).forEach(([k, v]) => localStorage.setItem(k, v)),
          storage,
        );
      const started = Date.now(); // from the navigation: a browser's own start-up is not the app's
      if (kind === 'fresh' && !presetStorage) await page.goto(path);
      else await page.reload();
      const s = await observe(page, deadlineMs, started);
      const outcome = !s.backend ? 'hung' : s.notice ? 'recovered' : 'ready';
      const record: LoadRecord = {
        n,
        kind,
        outcome,
        backend: s.backend,
        title: s.title,
        badge: s.backend ? '' : s.badge,
        seconds: s.seconds,
        notice: s.notice,
      };
      records.push(record);
      each?.(record);
    }
  } finally {
    await page?.close();
  }
  return records;
}

export function summary(records: LoadRecord[]): string {
  const times = records
    .filter((r) => r.outcome !== 'hung')
    .map((r) => r.seconds)
    .sort((a, b) => a - b);
  const median = times.length
    ? times.length % 2
      ? times[times.length >> 1]
      : (times[times.length / 2 - 1] + times[times.length / 2]) / 2
    : NaN;
  const count = (o: LoadRecord['outcome']) => records.filter((r) => r.outcome === o).length;
  const backends = [...new Set(records.map((r) => r.backend).filter(Boolean))].join('/') || 'none';
  return `${records.length} loads: ready ${count('ready')}, recovered ${count('recovered')}, hung ${count('hung')}; median ${median.toFixed(1)} s, max ${(times.at(-1) ?? NaN).toFixed(1)} s (backend ${backends})`;
}

export const describeLoad = (r: LoadRecord) =>
  `#${r.n} ${r.kind.padEnd(6)} ${r.outcome.padEnd(9)} ${r.seconds.toFixed(1).padStart(5)} s ${r.backend || `badge "${r.badge}"`}${r.title ? ` — ${r.title}` : ''}${r.notice ? ` [notice: ${r.notice}]` : ''}`;
