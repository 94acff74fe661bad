/**
 * Imported by loss-chart.component.ts before uPlot, so that uPlot's module-level
 * `new Intl.NumberFormat(navigator.language)` never sees a tag Intl rejects, however the chart is
 * loaded (load.ts does the same before its dynamic import). See src/app/locale.ts.
 */
import { shadowInvalidNavigatorLanguage } from '../../app/locale';

shadowInvalidNavigatorLanguage();
