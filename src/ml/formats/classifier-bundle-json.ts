/**
 * Bounded JSON for classifier files: one pass over the raw bytes counts nesting and tokens BEFORE
 * JSON.parse, so a small file cannot parse into gigabytes of objects or nest deep enough to
 * overflow a later walk. Strings are skipped as a whole; `"` and `\` are ASCII, so scanning UTF-8
 * bytes is exact.
 */
import { bad, damaged } from './classifier-bundle-errors';
import { MAX_JSON_DEPTH, MAX_JSON_TOKENS } from './classifier-bundle-limits';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Parses `raw` (UTF-8 JSON of at most maxBytes) or throws the bad-classifier-file error for `what`. */
export function parseBoundedJson(raw: Uint8Array, what: string, maxBytes: number): unknown {
  const unreadable = (detail: string) => bad(damaged(`${what} cannot be read`), detail);
  if (raw.byteLength > maxBytes)
    throw bad(damaged(`${what} is far bigger than any classifier needs`), `${raw.byteLength} bytes > ${maxBytes}`);
  let depth = 0;
  let tokens = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === QUOTE) {
      for (i++; i < raw.length && raw[i] !== QUOTE; i++) if (raw[i] === BACKSLASH) i++;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_JSON_DEPTH) throw unreadable(`nested deeper than ${MAX_JSON_DEPTH}`);
      tokens++;
    } else if (c === 0x5d || c === 0x7d) depth--;
    else if (c === 0x2c || c === 0x3a) tokens++;
    if (tokens > MAX_JSON_TOKENS) throw unreadable(`more than ${MAX_JSON_TOKENS} values`);
  }
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
  } catch (e) {
    // SyntaxError messages quote the input; say only where it broke.
    const at = e instanceof Error ? /position (\d+)/.exec(e.message)?.[1] : undefined;
    throw unreadable(`not valid JSON${at ? ` at byte ${at}` : ''}`);
  }
}
