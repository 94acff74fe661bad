import { DrawPage } from './draw-page.component';
import '../prediction-bars/prediction-bars';

customElements.define('pv-draw-page', DrawPage);
