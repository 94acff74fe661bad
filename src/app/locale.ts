/**
 * Locale tags the `Intl` APIs accept, whatever the browser reports.
 *
 * A browser's language is not always a BCP 47 tag: WebKitGTK started with `LANG=C` reports
 * `navigator.language === "C"`, other POSIX setups give `"en_US.UTF-8"` or `""`, and
 * `new Intl.NumberFormat("C")` throws a RangeError. Every locale the app hands to `Intl` or
 * `toLocaleString` comes from here.
 */

/** What the app formats in when the browser names no usable language (its text is English). */
export const FALLBACK_LOCALE = 'en-US';

/** `tag` canonicalised ("EN-us" → "en-US") if `Intl` accepts it, otherwise null. */
export function validLocale(tag: unknown): string | null {
  if (typeof tag !== 'string' || tag.trim() === '') return null;
  try {
    // Both steps throw a RangeError on a malformed tag; constructing a formatter also catches an
    // engine whose getCanonicalLocales is missing or more lenient than its formatters.
    const canonical = typeof Intl.getCanonicalLocales === 'function' ? Intl.getCanonicalLocales(tag)[0] : tag;
    if (!canonical) return null;
    new Intl.NumberFormat(tag);
    new Intl.NumberFormat(canonical);
    return canonical;
  } catch {
    return null;
  }
}

/** The first of `tags` that `Intl` accepts, or FALLBACK_LOCALE. */
export function firstValidLocale(tags: readonly unknown[]): string {
  for (const tag of tags) {
    const valid = validLocale(tag);
    if (valid) return valid;
  }
  return FALLBACK_LOCALE;
}

type Languages = Pick<Navigator, 'language' | 'languages'>;

const currentNavigator = (): Languages | undefined => (typeof navigator === 'undefined' ? undefined : navigator);

/** The browser's preferred language as a tag `Intl` accepts: the locale for all the app's own formatting. */
export function appLocale(nav: Languages | undefined = currentNavigator()): string {
  if (!nav) return FALLBACK_LOCALE;
  return firstValidLocale([nav.language, ...(nav.languages ?? [])]);
}

/**
 * Makes `navigator.language` and `navigator.languages` name a valid tag, for libraries that read
 * them and pass them straight to `Intl` — uPlot does `new Intl.NumberFormat(navigator.language)`
 * while its module is evaluated, so an invalid tag there throws before any of our code can catch it.
 * Only an invalid report is touched: an own property on this navigator instance shadows the
 * prototype's getter (configurable, so it can be removed again); valid reports stay as they are.
 * Returns whether it shadowed anything.
 */
export function shadowInvalidNavigatorLanguage(nav: Languages | undefined = currentNavigator()): boolean {
  if (!nav) return false;
  const reported = [nav.language, ...(nav.languages ?? [])];
  if (reported.every((t) => validLocale(t) !== null)) return false;
  const valid = reported.map(validLocale).filter((t): t is string => t !== null);
  const languages = Object.freeze([...new Set(valid.length ? valid : [FALLBACK_LOCALE])]);
  try {
    Object.defineProperty(nav, 'language', { value: languages[0], configurable: true, enumerable: true });
    Object.defineProperty(nav, 'languages', { value: languages, configurable: true, enumerable: true });
    return true;
  } catch {
    return false; // a frozen or exotic navigator: nothing more to do here
  }
}
