import { describe, expect, it } from 'vitest';
import { preparingText } from './preparing-text';

const round = (total: number, usable: number, ready: number, preparing: number, finishing: number) => ({
  total,
  usable,
  ready,
  preparing: Array.from({ length: preparing }, (_, i) => `p${i}`),
  finishing: Array.from({ length: finishing }, (_, i) => `f${i}`),
});

describe('what a class card says while its photos are prepared', () => {
  it('counts the photo being prepared out of the round', () => {
    expect(preparingText(round(8, 2, 0, 6, 2), 6)).toBe('Preparing 3 of 8 photos…');
    expect(preparingText(round(1, 0, 0, 1, 0), 1)).toBe('Preparing 1 of 1 photo…');
  });
  it('then says the photos can be trained on while the extra views follow', () => {
    expect(preparingText(round(8, 8, 3, 0, 5), 0)).toMatch(/^Ready to train.*3 of 8 done/);
  });
  it('counts photos shown but not stored yet, also before any progress is known', () => {
    expect(preparingText(round(2, 0, 0, 2, 0), 8, 6)).toBe('Preparing 1 of 8 photos…');
    expect(preparingText(null, 2, 2)).toBe('Preparing 1 of 2 photos…');
  });
});
