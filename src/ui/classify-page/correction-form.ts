import { css, html, LitElement } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { tokens } from '../shared/tokens.styles';

/** Fired (bubbles, composed) with the class the user says the photo really shows. */
export const CORRECT_EVENT = 'pv-correct';
export type CorrectEvent = CustomEvent<{ className: string }>;

/** "Wrong? It is …": under a result, lets the user teach the model the right answer. */
export class CorrectionForm extends LitElement {
  static styles = [
    tokens,
    css`
      /* A real button to look at: "Wrong? Teach it" sits beside "Where did it look?". */
      summary {
        cursor: pointer;
        min-height: var(--pv-touch);
        display: inline-flex;
        align-items: center;
        padding: 0 16px;
        border: 1px solid var(--pv-border);
        border-radius: var(--pv-radius);
        background: var(--pv-surface);
        list-style: none;
      }
      summary::-webkit-details-marker {
        display: none;
      }
      details[open] summary {
        margin-bottom: 8px;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
        align-items: center;
      }
    `,
  ];

  @property({ attribute: false }) classes: string[] = [];
  /** The current top-1 label: not offered as the correction. */
  @property() current = '';
  @property({ type: Boolean }) busy = false;
  @query('select') private select!: HTMLSelectElement;
  @state() private open = false;

  private submit(e: Event) {
    e.preventDefault();
    const className = this.select.value;
    if (className)
      this.dispatchEvent(new CustomEvent(CORRECT_EVENT, { detail: { className }, bubbles: true, composed: true }));
  }

  render() {
    const choices = this.classes.filter((c) => c !== this.current);
    return html`<details ?open=${this.open} @toggle=${(e: Event) => (this.open = (e.target as HTMLDetailsElement).open)}>
      <summary data-testid="correct-open">Wrong? Teach it</summary>
      <form class="row" @submit=${this.submit}>
        <label for="right">It is</label>
        <select id="right" data-testid="correct-class">
          ${choices.map((c) => html`<option value=${c}>${c}</option>`)}
        </select>
        <button class="primary" type="submit" data-testid="correct-submit" ?disabled=${this.busy}>${this.busy ? 'Learning…' : 'Teach it'}</button>
      </form>
      <p class="muted">The photo is added to your own copy of this model (in Teach), which is retrained on this phone and then used here.</p>
    </details>`;
  }
}
