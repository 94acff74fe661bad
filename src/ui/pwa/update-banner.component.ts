import { html, LitElement, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { applyUpdate, updates, updateWaiting } from '../../app/pwa/update';
import { surfaces } from '../shared/surfaces.styles';
import { tokens } from '../shared/tokens.styles';
import { styles } from './pwa.styles';

/** "Update available → Reload", floating over the page while a new release waits; "Later" hides it for this visit. */
export class UpdateBanner extends LitElement {
  static styles = [tokens, surfaces, styles];

  @state() private waiting = updateWaiting();
  @state() private reloading = false;
  @state() private later = false;
  private readonly onChange = () => (this.waiting = updateWaiting());

  connectedCallback(): void {
    super.connectedCallback();
    updates.addEventListener('change', this.onChange);
    this.onChange();
  }

  disconnectedCallback(): void {
    updates.removeEventListener('change', this.onChange);
    super.disconnectedCallback();
  }

  private reload() {
    this.reloading = true;
    applyUpdate();
  }

  render() {
    if (!this.waiting || this.later) return nothing;
    return html`<div class="card bar" role="status" data-testid="update-banner">
      <p><strong>Update available.</strong> A new version of Pocket Vision is ready.</p>
      <p class="muted">Your classifiers and saved models are kept; a training run still going would stop, so finish it first.</p>
      <div class="actions">
        <button class="primary" data-testid="update-reload" ?disabled=${this.reloading} @click=${this.reload}>${this.reloading ? 'Reloading…' : 'Reload'}</button>
        <button data-testid="update-later" ?disabled=${this.reloading} @click=${() => (this.later = true)}>Later</button>
      </div>
    </div>`;
  }
}
