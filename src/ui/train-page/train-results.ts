import { html, nothing } from 'lit';
import type { HeldOutSamples, MlpSaveResult, TrainingOutcome } from '../../contract/ml-api';
import { comparisonText } from '../model-versions/version-words';
import { accuracy, count, seconds } from '../shared/format';
import { percent, when } from './format';

/** What the Results card shows and the handlers it calls. */
export interface ResultsView {
  outcome: TrainingOutcome | null;
  preview: HeldOutSamples | null;
  saving: boolean;
  saved: MlpSaveResult | null;
  busy: boolean;
  save: () => void;
  useAnyway: () => void;
  goDraw: (e: Event) => void;
}

const TEST_IMAGES: [string, string] = ['test image', 'test images'];

/** Test accuracy against the model in use, per-class accuracy, confusion matrix, held-out samples, and Save. */
export function renderResults(v: ResultsView) {
  const o = v.outcome;
  if (!o) return nothing;
  const worseThanBundled = o.testAccuracy < o.bundledAccuracy && o.comparison.verdict !== 'worse';
  return html`<section class="card" aria-labelledby="results-h">
    <h3 id="results-h">Results</h3>
    ${o.stopped ? html`<p class="note">Stopped early after ${count(o.history.length, 'epoch', 'epochs')}; results are for that model.</p>` : nothing}
    <p class="big" data-testid="train-test-accuracy" data-value=${o.testAccuracy.toFixed(4)}>
      Test accuracy: ${accuracy(o.testAccuracy)}
    </p>
    <p data-testid="train-comparison" data-verdict=${o.comparison.verdict} data-in-use=${o.comparison.inUse ?? ''}>
      ${comparisonText(o.comparison, TEST_IMAGES)}
    </p>
    ${
      worseThanBundled
        ? html`<p class="note" data-testid="train-worse-than-bundled">
            Worse than the built-in model (${accuracy(o.bundledAccuracy)}): you can go back to it any time under Versions.
          </p>`
        : nothing
    }
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
      <button class="primary" data-testid="train-save" ?disabled=${v.saving || !!v.saved || v.busy} @click=${v.save}>
        ${v.saving ? 'Saving…' : v.saved ? 'Saved' : 'Save this model'}
      </button>
    </div>
    ${v.saved ? renderSaved(v.saved, v) : nothing}
  </section>`;
}

function renderSaved(saved: MlpSaveResult, v: ResultsView) {
  const card = saved.saved.card;
  const draw = saved.saved.dataset === 'mnist';
  return html`<div role="status" data-testid="train-saved" data-adopted=${saved.adopted ? 'yes' : 'no'}>
      ${
        saved.adopted
          ? draw
            ? html`<p>Saved and in use: Draw now reads digits with it. <a class="button" href="/draw" @click=${v.goDraw}>Try it in Draw</a></p>`
            : html`<p>Saved and in use: it is now your Fashion-MNIST model.</p>`
          : html`<p>
              Saved as a version, but not in use: the one in use is better
              (${accuracy(saved.comparison.inUse ?? undefined)} vs ${accuracy(saved.comparison.candidate)}).
            </p>
            <button data-testid="train-use-anyway" ?disabled=${v.busy} @click=${v.useAnyway}>Use the new one anyway</button>`
      }
    </div>
    <p class="note">
      Model card: ${card.title}, ${accuracy(card.metrics.testAccuracy)} test accuracy, trained ${when(card.training.trainedAt)}.
    </p>`;
}
