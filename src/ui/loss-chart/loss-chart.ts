import { LossChart } from './loss-chart.component';

customElements.define('pv-loss-chart', LossChart);
