import { html, nothing } from 'lit';
import type { ModelInUse, ModelVersionInfo } from '../../contract/ml-api';
import { renderModelInUse } from '../model-versions/model-in-use';

/** What the "model in use" card shows and the handler it calls. */
export interface StatusView {
  title: string;
  loaded: boolean;
  inUse: ModelInUse | null;
  versions: ModelVersionInfo[];
  bundledAccuracy: number | undefined;
  /** A training or a switch is going on. */
  busy: boolean;
  useVersion: (id: string) => void;
}

/** The model in use for the data set (the same line Draw shows) and the versions to go back to. */
export function renderStatus(v: StatusView) {
  return html`<section
    class="card"
    aria-labelledby="status-h"
    data-testid="train-model-status"
    data-user-model=${!v.loaded ? 'unknown' : v.inUse?.kind === 'user' ? 'yes' : 'no'}
  >
    <h3 id="status-h">${v.title}: model in use</h3>
    ${v.loaded ? renderModelInUse(v.inUse) : html`<p class="note">Checking…</p>`}
    ${
      v.loaded && v.versions.length
        ? html`<h4>Versions</h4>
          <pv-model-versions
            data-testid="train-versions"
            .versions=${v.versions}
            .unit=${['image', 'images']}
            .bundledAccuracy=${v.bundledAccuracy}
            ?bundledInUse=${v.inUse?.kind === 'bundled'}
            ?busy=${v.busy}
            @pv-use-version=${(e: CustomEvent<string>) => v.useVersion(e.detail)}
          ></pv-model-versions>`
        : v.loaded && v.inUse?.kind === 'bundled'
          ? html`<p class="note">No model of your own yet: train one below and save it.</p>`
          : nothing
    }
  </section>`;
}
