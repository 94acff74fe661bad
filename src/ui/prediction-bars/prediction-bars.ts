import { PredictionBars } from './prediction-bars.component';

customElements.define('pv-prediction-bars', PredictionBars);
