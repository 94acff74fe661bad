import { ConfusionMatrix } from './confusion-matrix.component';

customElements.define('pv-confusion-matrix', ConfusionMatrix);
