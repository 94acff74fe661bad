import { html, nothing } from 'lit';
import { modelOptionText } from './model-choice';
import type { ModelList } from './model-list';

/** The Model select, with its loading and empty states and the listing error. */
export function renderModelPicker(models: ModelList, choose: (e: Event) => void) {
  return html`<div class="picker">
      <label for="model">Model</label>
      <select
        id="model"
        data-testid="model-picker"
        ?disabled=${models.loading || models.all.length === 0}
        .value=${models.chosen}
        @change=${choose}
      >
        ${models.loading ? html`<option value="">Loading models…</option>` : nothing}
        ${!models.loading && models.all.length === 0 ? html`<option value="">No models available</option>` : nothing}
        ${models.all.map((m) => html`<option value=${m.id} ?selected=${m.id === models.chosen}>${modelOptionText(m)}</option>`)}
      </select>
    </div>
    ${models.error ? html`<p class="error" role="alert" data-testid="model-error">${models.error}</p>` : nothing}`;
}
