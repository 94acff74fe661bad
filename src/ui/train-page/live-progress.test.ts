import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BatchReport } from '../../contract/ml-api';
import { LiveProgress } from './live-progress';

/** A Lit host stand-in: counts the redraws it is asked for. */
function host() {
  return {
    updates: 0,
    addController() {},
    removeController() {},
    requestUpdate() {
      this.updates++;
    },
    updateComplete: Promise.resolve(true),
  };
}
const report = (epoch: number, batch: number, loss: number): BatchReport => ({
  epoch,
  batch,
  batches: 10,
  loss,
  accuracy: 0.5,
});

describe('Train progress between the worker and the screen', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('window', globalThis);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('redraws at most every 100 ms however fast batches arrive, and shows the newest', () => {
    const h = host();
    const progress = new LiveProgress(h);
    progress.begin(3);
    const before = h.updates;
    for (let b = 0; b < 10; b++) progress.batch(report(0, b, 1));
    expect(h.updates).toBe(before); // held until the timer
    vi.advanceTimersByTime(100);
    expect(h.updates).toBe(before + 1);
    expect(progress.batchesDone).toBe(10);
    expect(progress.batchesTotal).toBe(30);
    expect(progress.curve[0]).toEqual([1]); // one point per flush, at the newest batch
  });

  it('smooths the loss without pulling the first points towards zero', () => {
    const progress = new LiveProgress(host());
    progress.begin(1);
    progress.batch(report(0, 0, 2));
    progress.flush();
    expect(progress.curve[1][0]).toBeCloseTo(2, 6); // bias-corrected: a constant loss reads as itself
    progress.batch(report(0, 1, 2));
    progress.flush();
    expect(progress.curve[1][1]).toBeCloseTo(2, 6);
  });
});
