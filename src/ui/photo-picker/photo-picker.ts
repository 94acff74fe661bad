import { PhotoPicker } from './photo-picker.component';

customElements.define('pv-photo-picker', PhotoPicker);
