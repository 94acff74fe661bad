import { describe, expect, it } from 'vitest';
import { type AnswerInput, answerWords, capitalised, doesNotLookLike, spokenAnswer, withArticle } from './answer-words';

const top = (...pairs: [string, number][]) => pairs.map(([label, p], index) => ({ index, label, p }));
const answer = (verdict: AnswerInput['verdict'], ...pairs: [string, number][]): AnswerInput => ({
  top: top(...pairs),
  notSure: false,
  verdict,
});

const CATS_DOGS = ['cat', 'dog'];
const THREE = ['cat', 'dog', 'owl'];
const CIFAR = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];
const IMAGENET = Array.from({ length: 1000 }, (_, i) => `class ${i}`);

describe('answer words', () => {
  it('2 classes: a sure answer is the class alone, the percentage secondary', () => {
    const w = answerWords(answer('sure', ['cat', 0.97], ['dog', 0.03]), CATS_DOGS);
    expect(w).toMatchObject({ kind: 'sure', headline: 'Cat', explanation: '', odds: 'cat 97%' });
  });

  it('2 classes: unsure with a clear leader is "Probably a cat", with two close ones "cat or dog?"', () => {
    expect(answerWords(answer('unsure', ['cat', 0.66], ['dog', 0.34]), CATS_DOGS)).toMatchObject({
      kind: 'probably',
      headline: 'Probably a cat',
    });
    const close = answerWords(answer('unsure', ['dog', 0.55], ['cat', 0.45]), CATS_DOGS);
    expect(close).toMatchObject({ kind: 'either', headline: 'Not sure — dog or cat?', odds: 'dog 55% · cat 45%' });
  });

  it('2 classes: "none" names both classes and gives the closest as a hint', () => {
    const w = answerWords(answer('none', ['cat', 0.91], ['dog', 0.09]), CATS_DOGS);
    expect(w.headline).toBe('None of these');
    expect(w.explanation).toBe("This doesn't look like a cat or a dog.");
    expect(w.odds).toBe('Closest: cat (91%)');
    expect(spokenAnswer(w)).toBe("None of these. This doesn't look like a cat or a dog. Closest: cat (91%).");
  });

  it('3 classes: the "none" sentence lists all three, with the right articles', () => {
    const w = answerWords(answer('none', ['owl', 0.5], ['cat', 0.3], ['dog', 0.2]), THREE);
    expect(w.explanation).toBe("This doesn't look like a cat, a dog or an owl.");
    expect(answerWords(answer('unsure', ['owl', 0.6], ['cat', 0.25], ['dog', 0.15]), THREE).headline).toBe(
      'Probably an owl',
    );
  });

  it('10 classes: counts instead of listing; a weak lone guess is "maybe"', () => {
    const none = answerWords(answer('none', ['ship', 0.4], ['truck', 0.1]), CIFAR);
    expect(none.explanation).toBe("This doesn't look like any of the 10 things this model knows.");
    const weak = answerWords(answer('unsure', ['ship', 0.35], ['truck', 0.12], ['airplane', 0.1]), CIFAR);
    expect(weak).toMatchObject({ kind: 'maybe', headline: 'Not sure — maybe a ship?' });
    const two = answerWords(answer('unsure', ['deer', 0.38], ['horse', 0.3]), CIFAR);
    expect(two.headline).toBe('Not sure — deer or horse?');
  });

  it('1000 classes: the count is grouped in the locale', () => {
    expect(answerWords(answer('none', ['tabby', 0.2]), IMAGENET).explanation).toBe(
      "This doesn't look like any of the 1,000 things this model knows.",
    );
    expect(doesNotLookLike([])).toBe("This doesn't look like anything this model knows.");
  });

  it('falls back to notSure when the model gives no verdict yet', () => {
    const sure = answerWords({ top: top(['cat', 0.9], ['dog', 0.1]), notSure: false }, CATS_DOGS);
    expect(sure).toMatchObject({ kind: 'sure', verdict: 'sure', headline: 'Cat' });
    const unsure = answerWords({ top: top(['tabby', 0.3], ['tiger cat', 0.25]), notSure: true }, IMAGENET);
    expect(unsure).toMatchObject({ verdict: 'unsure', headline: 'Not sure — tabby or tiger cat?' });
  });

  it('reads plural, multi-word and typed-in labels naturally and safely', () => {
    expect(withArticle('golden retriever')).toBe('a golden retriever');
    expect(withArticle('owl')).toBe('an owl');
    expect(withArticle('hourglass')).toBe('an hourglass');
    expect(withArticle('unicycle')).toBe('a unicycle');
    expect(withArticle('sunflowers')).toBe('sunflowers');
    expect(withArticle('bus')).toBe('a bus');
    expect(withArticle('Rex')).toBe('Rex');
    expect(withArticle('Egyptian cat')).toBe('Egyptian cat');
    expect(withArticle('猫')).toBe('猫');
    expect(answerWords(answer('unsure', ['sunflowers', 0.6], ['roses', 0.2])).headline).toBe('Probably sunflowers');
    expect(answerWords(answer('sure', ['golden retriever', 0.9])).headline).toBe('Golden retriever');
    expect(capitalised('iPod')).toBe('iPod');
    expect(capitalised('été')).toBe('Été');
  });

  it('keeps markup in a label as plain text', () => {
    const label = '<img src=x onerror=alert(1)>';
    const w = answerWords(answer('unsure', [label, 0.6], ['b', 0.1]));
    expect(w.headline).toBe(`Probably ${label}`);
    expect(answerWords(answer('none', [label, 0.5]), [label, 'b']).explanation).toBe(
      `This doesn't look like ${label} or a b.`,
    );
  });
});
