import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import type { DatasetId } from '../../ml/digits/datasets';
import { type Errors, type Form, LIMITS, type TextKey } from './train-form';

/** What the Settings card shows and the handlers it calls (the page keeps the state). */
export interface SettingsView {
  datasetId: DatasetId;
  form: Form;
  errors: Errors;
  /** Every field is valid. */
  valid: boolean;
  /** A run is going on, from this page or an earlier one. */
  busy: boolean;
  stopping: boolean;
  /** Title of the data set an earlier page is still training on, else ''. */
  busyElsewhere: string;
  chooseDataset: (e: Event) => void;
  edit: <K extends keyof Form>(key: K, value: Form[K]) => void;
  start: () => void;
  stop: () => void;
}

/** The Settings card: data set, network and training fields, Start and Stop. */
export function renderSettings(v: SettingsView) {
  const { form, errors } = v;
  return html`<section class="card" aria-labelledby="settings-h">
    <h3 id="settings-h">Training settings</h3>
    <div class="field">
      <label for="f-dataset">Data set</label>
      <select id="f-dataset" data-testid="train-dataset" ?disabled=${v.busy} @change=${v.chooseDataset}>
        <option value="mnist" ?selected=${v.datasetId === 'mnist'}>MNIST digits</option>
        <option value="fashion" ?selected=${v.datasetId === 'fashion'}>Fashion-MNIST</option>
      </select>
    </div>
    <fieldset class="grid" ?disabled=${v.busy}>
      <legend>Network and training (reset to the recommended values when the data set changes)</legend>
      ${textField(v, 'hidden', 'Hidden layer sizes', 'train-hidden', errors, 'text')}
      ${textField(v, 'dropout', 'Dropout', 'train-dropout', errors)}
      <div class="field">
        <label for="f-optimizer">Optimiser</label>
        <select
          id="f-optimizer"
          data-testid="train-optimizer"
          .value=${live(form.optimizer)}
          @change=${(e: Event) => v.edit('optimizer', (e.target as HTMLSelectElement).value as Form['optimizer'])}
        >
          <option value="adam">Adam</option>
          <option value="sgd">SGD</option>
          <option value="rmsprop">RMSprop</option>
        </select>
      </div>
      ${textField(v, 'learningRate', 'Learning rate', 'train-lr', errors)}
      ${textField(v, 'batchSize', 'Batch size', 'train-batch', errors, 'numeric')}
      ${textField(v, 'epochs', 'Epochs', 'train-epochs', errors, 'numeric')}
      ${textField(v, 'shift', 'Random shift (pixels)', 'train-shift', errors, 'numeric')}
      <div class="field">
        <label for="f-limit">Training images</label>
        <select
          id="f-limit"
          data-testid="train-limit"
          .value=${live(form.trainLimit)}
          @change=${(e: Event) => v.edit('trainLimit', (e.target as HTMLSelectElement).value)}
        >
          ${LIMITS.map(([value, label]) => html`<option value=${value}>${label}</option>`)}
        </select>
      </div>
      <div class="field">
        <label class="check"
          ><input
            id="f-flip"
            type="checkbox"
            data-testid="train-flip"
            .checked=${live(form.flip)}
            @change=${(e: Event) => v.edit('flip', (e.target as HTMLInputElement).checked)}
          />Random left–right flip</label
        >
      </div>
    </fieldset>
    <div class="actions">
      <button
        class="primary"
        data-testid="train-start"
        ?disabled=${!v.valid || v.busy}
        aria-describedby=${v.valid ? nothing : 'start-hint'}
        @click=${v.start}
      >
        Start training
      </button>
      <button data-testid="train-stop" ?disabled=${!v.busy || v.stopping} @click=${v.stop}>
        ${v.stopping && v.busy ? 'Stopping…' : 'Stop'}
      </button>
    </div>
    ${v.valid ? nothing : html`<p id="start-hint" class="error">Fix the settings marked above to start.</p>`}
    ${
      v.busyElsewhere
        ? html`<p class="note">Training on ${v.busyElsewhere} is still running from before. Stop it or wait.</p>`
        : nothing
    }
  </section>`;
}

function textField(
  v: SettingsView,
  key: TextKey,
  label: string,
  testid: string,
  errors: Errors,
  mode: 'decimal' | 'numeric' | 'text' = 'decimal',
) {
  const id = `f-${key}`;
  const err = errors[key];
  return html`<div class="field">
    <label for=${id}>${label}</label>
    <input
      id=${id}
      data-testid=${testid}
      inputmode=${mode}
      autocomplete="off"
      spellcheck="false"
      .value=${live(v.form[key])}
      aria-invalid=${err ? 'true' : 'false'}
      aria-describedby=${err ? `${id}-err` : nothing}
      @input=${(e: Event) => v.edit(key, (e.target as HTMLInputElement).value)}
    />
    ${err ? html`<p class="error field-error" id="${id}-err">${err}</p>` : nothing}
  </div>`;
}
