import { html, nothing } from 'lit';
import type { HeldOutSamples, TrainingOutcome, UserModelInfo } from '../../contract/ml-api';
import { count, seconds } from '../shared/format';
import { percent, when } from './format';

/** What the Results card shows and the handlers it calls. */
export interface ResultsView {
  outcome: TrainingOutcome | null;
  preview: HeldOutSamples | null;
  saving: boolean;
  saved: UserModelInfo | null;
  busy: boolean;
  save: () => void;
  goDraw: (e: Event) => void;
}

/** Test accuracy, per-class accuracy, confusion matrix, held-out samples, and Save. */
export function renderResults(v: ResultsView) {
  const o = v.outcome;
  if (!o) return nothing;
  const saved = v.saved;
  return html`<section class="card" aria-labelledby="results-h">
    <h3 id="results-h">Results</h3>
    ${o.stopped ? html`<p class="note">Stopped early after ${count(o.history.length, 'epoch', 'epochs')}; results are for that model.</p>` : nothing}
    <p class="big" data-testid="train-test-accuracy" data-value=${o.testAccuracy.toFixed(4)}>
      Test accuracy: ${percent(o.testAccuracy)}
    </p>
    <p class="note">${seconds(o.secondsPerEpoch * 1000)} per epoch.</p>
    <h4>Right answers per class</h4>
    <ul class="per-class" data-testid="train-per-class">
      ${o.confusion.map((row, i) => {
        const n = row.reduce((a, b) => a + b, 0);
        return html`<li><span>${o.classes[i]}</span><span>${percent(n ? row[i] / n : 0)}</span></li>`;
      })}
    </ul>
    <h4>Confusion matrix</h4>
    <pv-confusion-matrix .matrix=${o.confusion} .classes=${o.classes}></pv-confusion-matrix>
    <h4>Some test images and the model’s answers</h4>
    ${v.preview ? html`<pv-held-out-samples .preview=${v.preview}></pv-held-out-samples>` : html`<p class="note">Loading…</p>`}
    <div class="actions">
      <button class="primary" data-testid="train-save" ?disabled=${v.saving || !!saved || v.busy} @click=${v.save}>
        ${v.saving ? 'Saving…' : saved ? 'Saved' : 'Save this model'}
      </button>
    </div>
    ${
      saved
        ? html`<p role="status" data-testid="train-saved">
            ${
              saved.dataset === 'mnist'
                ? html`Saved. Draw now reads your digits with it. <a class="button" href="/draw" @click=${v.goDraw}>Try it in Draw</a>`
                : html`Saved — it is now your Fashion-MNIST model`
            }
          </p>
          <p class="note">
            Model card: ${saved.card.title}, ${percent(saved.card.metrics.testAccuracy)} test accuracy, trained
            ${when(saved.card.training.trainedAt)}.
          </p>`
        : nothing
    }
  </section>`;
}
