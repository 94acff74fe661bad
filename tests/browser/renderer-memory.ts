/**
 * What a step costs a tab in memory, measured like `/usr/bin/time -v` measures a CLI: the peak
 * resident set (VmHWM) of the browser's renderer processes, main thread and workers together,
 * reset before the step (Linux /proc; Chromium names its renderer processes over CDP).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';

async function rendererPids(browser: Browser): Promise<number[]> {
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as {
      processInfo: { type: string; id: number }[];
    };
    return processInfo.filter((p) => p.type === 'renderer').map((p) => p.id);
  } finally {
    await cdp.detach();
  }
}

/** VmRSS and VmHWM of a process, in bytes (0 when it has gone). */
function residentBytes(pid: number): { now: number; peak: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
    return { now: kb('VmRSS'), peak: kb('VmHWM') };
  } catch {
    return { now: 0, peak: 0 };
  }
}

/** Runs `step` and returns how far the renderers' resident memory rose above where it started, in bytes. */
export async function peakRendererGrowth(browser: Browser, step: () => Promise<void>): Promise<number> {
  const pids = await rendererPids(browser);
  if (!pids.length) throw new Error('no renderer process found');
  // Writing 5 to clear_refs resets the peak (VmHWM) to the current resident size.
  for (const pid of pids) writeFileSync(`/proc/${pid}/clear_refs`, '5');
  const before = pids.reduce((sum, pid) => sum + residentBytes(pid).now, 0);
  await step();
  const peak = pids.reduce((sum, pid) => sum + residentBytes(pid).peak, 0);
  return peak - before;
}
