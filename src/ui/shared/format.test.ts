import { describe, expect, it } from 'vitest';
import { accuracy, count, megabytes, percent, points, seconds } from './format';

describe('shared number formatting', () => {
  it('shows confidences as whole percents, keeping a decimal near 0 and 1', () => {
    expect(percent(0.8657)).toBe('87%');
    expect(percent(1)).toBe('100%');
    expect(percent(0.996)).toBe('99.6%');
    expect(percent(0.004)).toBe('0.4%');
    expect(percent(undefined)).toBe('–');
  });
  it('shows accuracies to a tenth of a point and differences with a sign', () => {
    expect(accuracy(0.9903)).toBe('99%');
    expect(accuracy(0.9871)).toBe('98.7%');
    expect(points(0.012)).toBe('+1.2 points');
    expect(points(-0.004)).toBe('−0.4 points');
    expect(points(0.01)).toBe('+1 point');
  });
  it('counts with the right plural', () => {
    expect(count(1, 'photo', 'photos')).toBe('1 photo');
    expect(count(0, 'photo', 'photos')).toBe('0 photos');
    expect(count(1200, 'photo', 'photos')).toBe('1,200 photos');
  });
  it('never shows "0.0 MB" for something that is there', () => {
    expect(megabytes(20_000)).toBe('< 0.1 MB');
    expect(megabytes(0)).toBe('0 MB');
    expect(megabytes(47_300_000)).toBe('47.3 MB');
  });
  it('says durations in seconds or minutes', () => {
    expect(seconds(420)).toBe('0.4 s');
    expect(seconds(12_300)).toBe('12 s');
    expect(seconds(150_000)).toBe('3 min');
  });
});
