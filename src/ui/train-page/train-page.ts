import { TrainPage } from './train-page.component';
import '../loss-chart/loss-chart';
import '../confusion-matrix/confusion-matrix';
import '../test-preview/test-preview';

customElements.define('pv-train-page', TrainPage);
