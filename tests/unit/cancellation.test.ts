import { describe, expect, it } from 'vitest';
import { newRunToken } from '../../src/contract/ml-api';
import { cancelRun, runSignal } from '../../src/worker/cancellation';

describe('run cancellation by token', () => {
  it('aborts only the run it names', () => {
    const a = runSignal('a');
    const b = runSignal('b');
    cancelRun('a');
    expect(a.signal.aborted).toBe(true);
    expect(b.signal.aborted).toBe(false);
    a.done();
    b.done();
  });

  it('counts a cancel that overtook the start of its run', () => {
    cancelRun('early');
    const run = runSignal('early');
    expect(run.signal.aborted).toBe(true);
    run.done();
    // Once done, the token is forgotten: a later run may not inherit the old cancel.
    expect(runSignal('early').signal.aborted).toBe(false);
  });

  it('gives each run its own token', () => {
    const tokens = new Set(Array.from({ length: 1000 }, newRunToken));
    expect(tokens.size).toBe(1000);
  });
});
