/**
 * What an answer says in words: "Cat", "Probably a cat", "Not sure — cat or dog?", "None of these".
 * One pure module so the sheet, live mode, Try it and the screen-reader line all say the same.
 * Labels are plain text typed by users: they are only ever joined into strings (Lit renders them
 * as text), never parsed as markup.
 */
import type { ImageClassification } from '../../contract/ml-api';
import { count, percent } from './format';

export type AnswerVerdict = NonNullable<ImageClassification['verdict']>;

/** How the headline reads. "unsure" splits into a clear leader, two close ones, or a weak lone guess. */
export type AnswerKind = 'sure' | 'probably' | 'either' | 'maybe' | 'none';

export interface AnswerWords {
  kind: AnswerKind;
  verdict: AnswerVerdict;
  /** The big line. */
  headline: string;
  /** For "none" only: which model's things it does not look like ("This doesn't look like a cat or a dog."). */
  explanation: string;
  /** Small and muted: "cat 91%", "cat 55% · dog 45%", "Closest: cat (62%)". */
  odds: string;
}

/** The answer as the worker gives it: `verdict` when the model has open-set data, else today's `notSure`. */
export type AnswerInput = Pick<ImageClassification, 'top' | 'notSure' | 'verdict'>;

/** An unsure top-1 this likely and this far ahead of the runner-up reads "Probably a cat". */
const PROBABLY_AT = 0.5;
const PROBABLY_LEAD = 0.2;
/** A runner-up at least this share of the top-1 is a real contender: "cat or dog?". */
const CONTENDER_SHARE = 0.5;
/** The "none" sentence lists the classes up to this many, else counts them. */
const LISTED_CLASSES = 3;

export function verdictOf(a: AnswerInput): AnswerVerdict {
  return a.verdict ?? (a.notSure ? 'unsure' : 'sure');
}

/** `classes`: the model's classes (for the "none" sentence); empty when not known. */
export function answerWords(a: AnswerInput, classes: readonly string[] = []): AnswerWords {
  const verdict = verdictOf(a);
  const [first, second] = a.top;
  if (!first)
    return {
      kind: 'none',
      verdict: 'none',
      headline: 'None of these',
      explanation: doesNotLookLike(classes),
      odds: '',
    };
  const odds = `${first.label} ${percent(first.p)}`;
  if (verdict === 'none')
    return {
      kind: 'none',
      verdict,
      headline: 'None of these',
      explanation: doesNotLookLike(classes),
      odds: `Closest: ${first.label} (${percent(first.p)})`,
    };
  if (verdict === 'sure') return { kind: 'sure', verdict, headline: capitalised(first.label), explanation: '', odds };
  const runnerUp = second?.p ?? 0;
  if (first.p >= PROBABLY_AT && first.p - runnerUp >= PROBABLY_LEAD)
    return { kind: 'probably', verdict, headline: `Probably ${withArticle(first.label)}`, explanation: '', odds };
  if (second && second.p >= first.p * CONTENDER_SHARE)
    return {
      kind: 'either',
      verdict,
      headline: `Not sure — ${first.label} or ${second.label}?`,
      explanation: '',
      odds: `${odds} · ${second.label} ${percent(second.p)}`,
    };
  return { kind: 'maybe', verdict, headline: `Not sure — maybe ${withArticle(first.label)}?`, explanation: '', odds };
}

/** One line for screen readers and short spaces: headline, then what else matters. */
export function spokenAnswer(w: AnswerWords): string {
  return [w.headline, w.explanation, w.odds]
    .filter(Boolean)
    .map((part) => (/[.?!]$/.test(part) ? part : `${part}.`))
    .join(' ');
}

/** "This doesn't look like a cat or a dog." / "… like any of the 10 things this model knows." */
export function doesNotLookLike(classes: readonly string[]): string {
  if (!classes.length) return "This doesn't look like anything this model knows.";
  if (classes.length > LISTED_CLASSES)
    return `This doesn't look like any of the ${count(classes.length, 'thing', 'things')} this model knows.`;
  return `This doesn't look like ${orList(classes.map(withArticle))}.`;
}

/** "a", "a or b", "a, b or c". */
export function orList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

/** Lower-case English-looking words only ("cat", "golden retriever"); anything else may be a name. */
const PLAIN_NOUN = /^[a-z][a-z'-]*( [a-z][a-z'-]*)*$/;
/** Sounds like a consonant though spelt with a vowel: "a unicycle", "a European …", "a one-…". */
const CONSONANT_SOUND = /^(uni|use|usu|uti|ure|eu|ewe|one\b|once)/;
/** Sounds like a vowel though spelt with an h: "an hourglass". */
const VOWEL_SOUND = /^(hour|honest|honou?r|heir)/;

/**
 * "a cat", "an owl", "a golden retriever"; no article when one might read wrong: a plural-looking
 * word ("sunflowers", "sunglasses"), a name or anything capitalised ("Rex", "Egyptian cat",
 * "iPod"), or words that are not plain English letters.
 */
export function withArticle(label: string): string {
  if (!PLAIN_NOUN.test(label) || looksPlural(label)) return label;
  const an = (/^[aeiou]/.test(label) && !CONSONANT_SOUND.test(label)) || VOWEL_SOUND.test(label);
  return `${an ? 'an' : 'a'} ${label}`;
}

/** "roses", "sunflowers" — but not "bus", "glass" or "iris". */
function looksPlural(label: string): boolean {
  const last = label.split(' ').at(-1) ?? '';
  return last.endsWith('s') && !/(ss|us|is)$/.test(last);
}

/** "cat" → "Cat", "golden retriever" → "Golden retriever"; "iPod", "Rex" and others as typed. */
export function capitalised(label: string): string {
  const firstWord = label.split(' ')[0] ?? '';
  if (!/^\p{Ll}+$/u.test(firstWord.replace(/['-]/g, ''))) return label;
  return label.charAt(0).toLocaleUpperCase() + label.slice(1);
}
