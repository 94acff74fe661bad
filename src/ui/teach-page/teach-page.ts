import { CaptureSheet } from './capture-sheet.component';
import { ClassifierEditor } from './classifier-editor.component';
import { ClassifierList } from './classifier-list.component';
import { ClassifierTrainer } from './classifier-trainer.component';
import { TeachPage } from './teach-page.component';
import { TryClassifier } from './try-classifier.component';
import '../camera-view/camera-view';
// <pv-loss-chart> (uPlot) is loaded by the trainer when it connects: src/ui/loss-chart/load.ts.
import '../confusion-matrix/confusion-matrix';

customElements.define('pv-teach-page', TeachPage);
customElements.define('pv-classifier-list', ClassifierList);
customElements.define('pv-classifier-editor', ClassifierEditor);
customElements.define('pv-classifier-trainer', ClassifierTrainer);
customElements.define('pv-capture-sheet', CaptureSheet);
customElements.define('pv-try-classifier', TryClassifier);
