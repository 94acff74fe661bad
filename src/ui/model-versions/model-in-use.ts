import { html, nothing } from 'lit';
import type { ModelInUse } from '../../contract/ml-api';
import { inUseText } from './version-words';

/** One line, the same on every page that uses a model: "Using: your model (3 Dec, 98.7%)". */
export function renderModelInUse(m: ModelInUse | null) {
  if (!m) return nothing;
  return html`<p
    class="model-in-use"
    data-testid="model-in-use"
    data-kind=${m.kind}
    data-version=${m.versionId ?? ''}
    data-accuracy=${m.accuracy ?? ''}
  >
    ${inUseText(m)}
  </p>`;
}
