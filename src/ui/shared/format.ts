/**
 * Every number and count the app shows, in the user's locale: one place, so "86.57 %" never sits
 * next to "100.0%" and "1 photos" never happens. Formatters are built once per locale.
 */
import { appLocale } from '../../app/locale';

const locale = appLocale();
const plurals = new Intl.PluralRules(locale);
const wholePercent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
const finePercent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });

/** A confidence for people: "87%"; below 1% and above 99% keep one decimal so 0.4% is not "0%". */
export function percent(p: number | undefined): string {
  if (p === undefined || !Number.isFinite(p)) return '–';
  return p < 0.01 || (p > 0.99 && p < 1) ? finePercent.format(p) : wholePercent.format(p);
}

/** An accuracy, where a tenth of a point matters (98.7% vs 99.0%). */
export function accuracy(p: number | undefined): string {
  if (p === undefined || !Number.isFinite(p)) return '–';
  return finePercent.format(p);
}

/** A difference in accuracy points, signed: "+1.2 points", "−0.4 points". */
export function points(delta: number): string {
  const v = Math.round(delta * 1000) / 10;
  const sign = v > 0 ? '+' : v < 0 ? '−' : '±';
  return `${sign}${oneDecimal.format(Math.abs(v))} ${Math.abs(v) === 1 ? 'point' : 'points'}`;
}

/** "1 photo", "3 photos", "1,200 photos": `forms` gives the singular and the plural. */
export function count(n: number, one: string, other: string): string {
  return `${integer.format(n)} ${plurals.select(n) === 'one' ? one : other}`;
}

/** Megabytes with one decimal, never "0.0 MB" for something that is there. */
export function megabytes(bytes: number): string {
  const mb = bytes / 1e6;
  if (bytes > 0 && mb < 0.1) return '< 0.1 MB';
  return `${oneDecimal.format(mb)} MB`;
}

/** A duration for people: "0.4 s", "12 s", "2 min". */
export function seconds(ms: number): string {
  const s = ms / 1000;
  if (s < 10) return `${oneDecimal.format(s)} s`;
  if (s < 120) return `${integer.format(s)} s`;
  return `${integer.format(s / 60)} min`;
}

export const number = (n: number) => integer.format(n);
