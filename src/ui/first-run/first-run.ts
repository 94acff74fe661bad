import { FirstRun } from './first-run.component';

customElements.define('pv-first-run', FirstRun);
