/**
 * The words for "which model is in use" and "is the new one better", the same on every page.
 * Numbers go through src/ui/shared/format.ts.
 */
import { appLocale } from '../../app/locale';
import type { Comparison, ModelInUse } from '../../contract/ml-api';
import { accuracy, count, points } from '../shared/format';

/** "3 Dec" (the year only when it is not this one). */
export function shortDate(iso: string | undefined, now = new Date()): string {
  const d = new Date(iso ?? '');
  if (Number.isNaN(d.getTime())) return '';
  const sameYear = d.getFullYear() === now.getFullYear();
  return d.toLocaleDateString(appLocale(), {
    day: 'numeric',
    month: 'short',
    ...(sameYear ? {} : { year: 'numeric' }),
  });
}

/** "Using: your model (3 Dec, 98.7%)" / "Using: the built-in model (99%)". */
export function inUseText(m: ModelInUse): string {
  const facts = [m.kind === 'user' ? shortDate(m.trainedAt) : '', m.accuracy === undefined ? '' : accuracy(m.accuracy)]
    .filter(Boolean)
    .join(', ');
  const what = m.kind === 'user' ? 'your model' : 'the built-in model';
  return `Using: ${what}${facts ? ` (${facts})` : ''}`;
}

/**
 * "Better than the one in use: 97.5% vs 95%", "Worse than the one in use (−2.5 points): …",
 * with a caution when the photos it was checked on were few. `unit` names what was tested ("photo", "image").
 */
export function comparisonText(
  c: Comparison,
  // Teach checks on the user's own photos that training left out: say so, "test" means nothing to them.
  unit: [string, string] = ['photo kept aside for checking', 'photos kept aside for checking'],
): string {
  const luck = c.fewPhotos ? ` Only ${count(c.testCount, ...unit)}: the difference may be luck.` : '';
  if (c.inUse === null) return `${accuracy(c.candidate)} on ${count(c.testCount, ...unit)}.`;
  const vs = `${accuracy(c.candidate)} vs ${accuracy(c.inUse)}`;
  switch (c.verdict) {
    case 'better':
      return `Better than the one in use: ${vs}.${luck}`;
    case 'worse':
      return `Worse than the one in use (${points(c.candidate - c.inUse)}): ${vs}.${luck}`;
    default:
      return `As good as the one in use: ${vs}.${luck}`;
  }
}
