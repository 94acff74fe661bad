import { html, nothing } from 'lit';
import type { MlpCard, UserModelInfo } from '../../contract/ml-api';
import { percent, when } from './format';

/** What the "model in use" card shows and the handlers it calls. */
export interface StatusView {
  title: string;
  loaded: boolean;
  userModel: UserModelInfo | null;
  bundled: MlpCard | null;
  busy: boolean;
  confirmReset: boolean;
  resetting: boolean;
  askReset: (open: boolean) => void;
  reset: () => void;
}

/** The model in use for the data set (bundled or the user's), with the two-step reset. */
export function renderStatus(v: StatusView) {
  const user = v.userModel;
  return html`<section
    class="card"
    aria-labelledby="status-h"
    data-testid="train-model-status"
    data-user-model=${!v.loaded ? 'unknown' : user ? 'yes' : 'no'}
  >
    <h3 id="status-h">${v.title}: model in use</h3>
    ${
      v.bundled
        ? html`<p data-testid="train-bundled-accuracy" data-value=${v.bundled.metrics.testAccuracy ?? ''}>
          Bundled model: ${percent(v.bundled.metrics.testAccuracy)} test accuracy.
        </p>`
        : nothing
    }
    ${
      !v.loaded
        ? html`<p class="note">Checking…</p>`
        : user
          ? html`<p data-testid="train-user-model" data-value=${user.card.metrics.testAccuracy ?? ''}>
              <strong>Your model is in use:</strong> ${percent(user.card.metrics.testAccuracy)} test accuracy, trained
              ${when(user.card.training.trainedAt)}.
            </p>
            ${
              v.confirmReset
                ? renderConfirm(v)
                : html`<button class="danger" data-testid="train-reset" ?disabled=${v.busy} @click=${() => v.askReset(true)}>
                  Reset to bundled model
                </button>`
            }`
          : html`<p class="note">No model of your own yet: the bundled one is in use.</p>`
    }
  </section>`;
}

function renderConfirm(v: StatusView) {
  return html`<div class="confirm" role="group" aria-labelledby="reset-q">
    <p id="reset-q">Delete your model and go back to the bundled one?</p>
    <div class="actions">
      <button class="danger primary" data-testid="train-reset-confirm" ?disabled=${v.resetting} @click=${v.reset}>
        ${v.resetting ? 'Resetting…' : 'Yes, reset'}
      </button>
      <button data-testid="train-reset-cancel" ?disabled=${v.resetting} @click=${() => v.askReset(false)}>Cancel</button>
    </div>
  </div>`;
}
