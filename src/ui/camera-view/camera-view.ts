import { CameraView } from './camera-view.component';

customElements.define('pv-camera-view', CameraView);
