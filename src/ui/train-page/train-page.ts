import { TrainPage } from './train-page.component';
// <pv-loss-chart> (uPlot) is loaded by the page when it connects: src/ui/loss-chart/load.ts.
import '../confusion-matrix/confusion-matrix';
import '../held-out-samples/held-out-samples';
import '../model-versions/model-versions';

customElements.define('pv-train-page', TrainPage);
