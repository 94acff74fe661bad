/**
 * The charts' code (uPlot, ~50 KB) is not part of the app's start: a page that shows a chart calls
 * loadLossChart() when it connects, and `<pv-loss-chart>` upgrades when the chunk arrives (Lit keeps
 * the properties set on it before that). Until then the page reserves its space (placeholder.styles.ts).
 * A failure here costs the curves, never the app: it is logged and the next page to ask tries again.
 */
import { shadowInvalidNavigatorLanguage } from '../../app/locale';

export const LOSS_CHART_TAG = 'pv-loss-chart';

let loading: Promise<boolean> | null = null;

/** Defines `<pv-loss-chart>` once; resolves to whether it is defined. Never rejects. */
export function loadLossChart(): Promise<boolean> {
  if (customElements.get(LOSS_CHART_TAG)) return Promise.resolve(true);
  // uPlot formats numbers with `new Intl.NumberFormat(navigator.language)` while its module is
  // evaluated: make sure that tag is one Intl accepts before the chunk runs (see locale.ts).
  shadowInvalidNavigatorLanguage();
  loading ??= import('./loss-chart').then(
    () => true,
    (e: unknown) => {
      console.error('The training charts could not be loaded:', e);
      loading = null;
      return false;
    },
  );
  return loading;
}
