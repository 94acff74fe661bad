import { appLocale } from '../../app/locale';
import { accuracy } from '../shared/format';

/** Text for numbers and dates on the Train page: accuracies as everywhere else ("98.7%"). */
export const percent = accuracy;
export { megabytes } from '../shared/format';

/** A model card's ISO date in the app's locale (the raw text if it does not parse). */
export function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(appLocale(), { dateStyle: 'medium', timeStyle: 'short' });
}

export const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));
