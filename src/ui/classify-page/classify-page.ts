import { ClassifyPage } from './classify-page.component';
import { CorrectionForm } from './correction-form';
import { ResultCard } from './result-card.component';
import '../camera-view/camera-view';
import '../photo-picker/photo-picker';
import '../prediction-bars/prediction-bars';

customElements.define('pv-classify-page', ClassifyPage);
customElements.define('pv-correction-form', CorrectionForm);
customElements.define('pv-result-card', ResultCard);
