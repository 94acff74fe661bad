import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type HeadCard, headTta, ttaFields } from '../../src/ml/photos/bundled-heads';

const card = (extra: Partial<HeadCard>): HeadCard => ({ id: 'x', title: 'X', classes: ['a', 'b'], ...extra });

describe('test-time augmentation on a head card', () => {
  it('reads the typed field', () => {
    expect(headTta(card({ tta: 'flip' }))).toBe('flip');
    expect(headTta(card({ tta: 'none' }))).toBe('none');
  });

  it('reads older cards that only have the prose', () => {
    expect(headTta(card({ testTimeAugmentation: 'horizontal flip, probabilities averaged' }))).toBe('flip');
    expect(headTta(card({ testTimeAugmentation: 'Horizontal FLIP' }))).toBe('flip');
    expect(headTta(card({ testTimeAugmentation: 'none' }))).toBe('none');
    expect(headTta(card({}))).toBe('none');
  });

  it('prefers the typed field when both are there', () => {
    expect(headTta(card({ tta: 'none', testTimeAugmentation: 'horizontal flip, probabilities averaged' }))).toBe(
      'none',
    );
  });

  it('writes both forms, and older readers (matching /flip/i on the prose) agree', () => {
    for (const tta of ['flip', 'none'] as const) {
      const written = card(ttaFields(tta));
      expect(headTta(written)).toBe(tta);
      expect(/flip/i.test(written.testTimeAugmentation ?? '')).toBe(tta === 'flip');
      expect(headTta({ testTimeAugmentation: written.testTimeAugmentation })).toBe(tta);
    }
  });

  it('the committed heads say the same in both forms', () => {
    for (const id of readdirSync('models/heads')) {
      const c = JSON.parse(readFileSync(`models/heads/${id}/card.json`, 'utf8')) as HeadCard;
      if (c.tta) expect(headTta({ testTimeAugmentation: c.testTimeAugmentation }), id).toBe(c.tta);
    }
  });
});
