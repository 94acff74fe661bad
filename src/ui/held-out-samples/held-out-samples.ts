import { HeldOutSamples } from './held-out-samples.component';

customElements.define('pv-held-out-samples', HeldOutSamples);
