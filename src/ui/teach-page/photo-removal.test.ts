import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PhotoRemoval, UNDO_MS } from './photo-removal';

function host() {
  return {
    addController: vi.fn(),
    requestUpdate: vi.fn(),
    removeController: vi.fn(),
    updateComplete: Promise.resolve(true),
  };
}

describe('removing a Teach photo with Undo', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('hides the photo at once and deletes it only when the offer runs out', async () => {
    const commit = vi.fn(async () => undefined);
    const r = new PhotoRemoval(host(), commit);
    r.remove('a');
    r.remove('b');
    expect(r.hidden('a')).toBe(true);
    expect(r.count).toBe(2);
    await vi.advanceTimersByTimeAsync(UNDO_MS - 100);
    expect(commit).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(200);
    expect(commit).toHaveBeenCalledWith(['a', 'b']);
    expect(r.count).toBe(0);
  });

  it('Undo brings the photos back and deletes nothing', async () => {
    const commit = vi.fn(async () => undefined);
    const r = new PhotoRemoval(host(), commit);
    r.remove('a');
    r.undo();
    expect(r.hidden('a')).toBe(false);
    await vi.advanceTimersByTimeAsync(UNDO_MS * 2);
    expect(commit).not.toHaveBeenCalled();
  });

  it('leaving the page deletes what is pending, so nothing is left half-done', async () => {
    const commit = vi.fn(async () => undefined);
    const r = new PhotoRemoval(host(), commit);
    r.remove('a');
    r.hostDisconnected();
    await vi.advanceTimersByTimeAsync(0);
    expect(commit).toHaveBeenCalledWith(['a']);
  });
});
