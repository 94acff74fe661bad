import { appLocale } from '../../app/locale';

/** Text for numbers and dates on /train. */
export const percent = (v: number | undefined) => (v === undefined ? '–' : `${(v * 100).toFixed(2)} %`);
export const megabytes = (b: number) => (b / 1e6).toFixed(1);

/** A model card's ISO date in the app's locale (the raw text if it does not parse). */
export function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(appLocale(), { dateStyle: 'medium', timeStyle: 'short' });
}

export const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));
