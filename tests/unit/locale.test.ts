import { describe, expect, it } from 'vitest';
import {
  appLocale,
  FALLBACK_LOCALE,
  firstValidLocale,
  shadowInvalidNavigatorLanguage,
  validLocale,
} from '../../src/app/locale';

/** A navigator-like object whose language comes from prototype getters, as in a browser. */
function fakeNavigator(language: string, languages: string[]): Navigator {
  const proto = {
    get language() {
      return language;
    },
    get languages() {
      return Object.freeze([...languages]);
    },
  };
  return Object.create(proto) as Navigator;
}

describe('locale', () => {
  it('keeps tags Intl accepts, canonicalised', () => {
    expect(validLocale('en-US')).toBe('en-US');
    expect(validLocale('de')).toBe('de');
    expect(validLocale('fr-CA')).toBe('fr-CA');
    expect(validLocale('zh-Hant-TW')).toBe('zh-Hant-TW');
    expect(validLocale('EN-us')).toBe('en-US');
  });

  it('rejects what browsers report on POSIX setups, and non-strings', () => {
    for (const bad of ['C', '', ' ', 'en_US.UTF-8', 'C.UTF-8', 'de_DE', undefined, null, 42, {}])
      expect(validLocale(bad), String(bad)).toBeNull();
  });

  it('falls back to en-US for "C", "", "en_US.UTF-8" and undefined', () => {
    expect(FALLBACK_LOCALE).toBe('en-US');
    for (const bad of ['C', '', 'en_US.UTF-8', undefined]) expect(firstValidLocale([bad]), String(bad)).toBe('en-US');
    expect(firstValidLocale([])).toBe('en-US');
    // Whatever comes back, Intl takes it.
    expect(() => new Intl.NumberFormat(firstValidLocale(['C'])).format(1234.5)).not.toThrow();
  });

  it('takes the first usable one of navigator.language and navigator.languages', () => {
    expect(appLocale(fakeNavigator('de-DE', ['de-DE', 'en']))).toBe('de-DE');
    expect(appLocale(fakeNavigator('C', ['C', 'fr-FR']))).toBe('fr-FR');
    expect(appLocale(fakeNavigator('C', ['C']))).toBe('en-US');
    expect(appLocale(fakeNavigator('', []))).toBe('en-US');
    expect(appLocale(undefined)).toBe('en-US');
  });

  it('shadows an invalid navigator.language so a library passing it to Intl does not throw', () => {
    const nav = fakeNavigator('C', ['C']);
    expect(() => new Intl.NumberFormat(nav.language)).toThrow(RangeError);
    expect(shadowInvalidNavigatorLanguage(nav)).toBe(true);
    expect(nav.language).toBe('en-US');
    expect([...nav.languages]).toEqual(['en-US']);
    expect(() => new Intl.NumberFormat(nav.language)).not.toThrow();

    const mixed = fakeNavigator('en_US.UTF-8', ['en_US.UTF-8', 'nl-NL']);
    expect(shadowInvalidNavigatorLanguage(mixed)).toBe(true);
    expect(mixed.language).toBe('nl-NL');
    expect([...mixed.languages]).toEqual(['nl-NL']);
  });

  it('leaves a valid navigator alone', () => {
    const nav = fakeNavigator('pt-BR', ['pt-BR', 'en']);
    expect(shadowInvalidNavigatorLanguage(nav)).toBe(false);
    expect(Object.getOwnPropertyNames(nav)).toEqual([]);
    expect(nav.language).toBe('pt-BR');
    expect(shadowInvalidNavigatorLanguage(undefined)).toBe(false);
  });
});
