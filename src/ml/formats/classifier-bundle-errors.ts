/**
 * How the classifier file reader says no: a UserError 'bad-classifier-file' with a sentence for
 * the user and a technical detail. Details never echo a value from the file in full: `quote`
 * gives a short, escaped prefix, so a huge or deeply nested value cannot blow up the error path.
 */
import { UserError } from '../core/errors';

export const bad = (message: string, detail: string) => new UserError('bad-classifier-file', message, detail);
export const damaged = (what: string) => `This classifier file is damaged: ${what}. Try exporting it again.`;

const QUOTE_CHARS = 60;

/** A bounded description of an untrusted value: never walks into arrays or objects. */
export function quote(v: unknown): string {
  if (typeof v === 'string') {
    const head = [...v.slice(0, QUOTE_CHARS + 1)].slice(0, QUOTE_CHARS).join(''); // whole code points
    // JSON.stringify escapes controls; invisible and format characters are escaped too, to be seen.
    const escaped = JSON.stringify(head).replace(
      /[\p{Cf}\p{Zl}\p{Zp}\u115f\u1160\u3164\uffa0]/gu,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
    return `${escaped}${head.length < v.length ? '…' : ''}`;
  }
  if (typeof v === 'number' || typeof v === 'boolean' || v === null || v === undefined) return String(v);
  if (Array.isArray(v)) return `a list of ${v.length}`;
  return typeof v === 'object' ? 'an object' : typeof v;
}

/**
 * A part's name as shown to the user: at most 60 characters, with control, format and other
 * invisible characters replaced, so a name cannot garble or reorder the sentence around it.
 */
export function shownName(s: string): string {
  const clean = s.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u115f\u1160\u3164\uffa0]/gu, '?');
  return clean.length > QUOTE_CHARS ? `${clean.slice(0, QUOTE_CHARS - 3)}...` : clean;
}
