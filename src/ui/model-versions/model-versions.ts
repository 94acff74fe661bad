import { ModelVersions } from './model-versions.component';

if (!customElements.get('pv-model-versions')) customElements.define('pv-model-versions', ModelVersions);
