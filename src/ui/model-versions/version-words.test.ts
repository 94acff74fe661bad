import { describe, expect, it } from 'vitest';
import { compareWithInUse } from '../../ml/core/model-versions';
import { comparisonText, inUseText } from './version-words';

describe('words for versions', () => {
  it('says better or worse in plain words, with both numbers', () => {
    expect(comparisonText(compareWithInUse(0.975, 0.95, 40))).toBe('Better than the one in use: 97.5% vs 95%.');
    expect(comparisonText(compareWithInUse(0.925, 0.95, 40))).toBe(
      'Worse than the one in use (−2.5 points): 92.5% vs 95%.',
    );
  });
  it('warns that a difference on a handful of photos may be luck', () => {
    expect(comparisonText(compareWithInUse(0.75, 1, 4))).toMatch(
      /Only 4 photos kept aside for checking: the difference may be luck\./,
    );
  });
  it('names the model in use the same way everywhere', () => {
    expect(inUseText({ kind: 'bundled', accuracy: 0.9903 })).toBe('Using: the built-in model (99%)');
    expect(
      inUseText({ kind: 'user', accuracy: 0.9871, trainedAt: `${new Date().getFullYear()}-12-03T10:00:00Z` }),
    ).toMatch(
      /^Using: your model \((3 Dec|Dec 3), 98\.7%\)$/, // the day and month in the locale's order
    );
  });
});
