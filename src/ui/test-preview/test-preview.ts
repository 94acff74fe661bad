import { TestPreview } from './test-preview.component';

customElements.define('pv-test-preview', TestPreview);
