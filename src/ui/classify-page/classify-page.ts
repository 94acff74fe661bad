import { ClassifyPage } from './classify-page.component';
import { CorrectionForm } from './correction-form';
import '../camera-view/camera-view';
import '../photo-picker/photo-picker';
import '../prediction-bars/prediction-bars';

customElements.define('pv-classify-page', ClassifyPage);
customElements.define('pv-correction-form', CorrectionForm);
