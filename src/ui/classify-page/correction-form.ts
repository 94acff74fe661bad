import { css, html, LitElement, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { AnswerVerdict } from '../shared/answer-words';
import { surfaces } from '../shared/surfaces.styles';
import { tokens } from '../shared/tokens.styles';

/**
 * Fired (bubbles, composed) with the class the user says the photo really shows; `className`
 * null is "Something else": none of the model's classes.
 */
export const CORRECT_EVENT = 'pv-correct';
export type CorrectEvent = CustomEvent<{ className: string | null }>;

/** "Wrong? It is …": under a result, lets the user teach the model the right answer, or that it is none of them. */
export class CorrectionForm extends LitElement {
  static styles = [
    tokens,
    surfaces,
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
  /** The current top-1 label: not offered as the correction when the answer was sure of it. */
  @property() current = '';
  /** What the answer said: after "None of these", every class is offered and "Something else" is not (it was said). */
  @property() verdict: AnswerVerdict = 'sure';
  @property({ type: Boolean }) busy = false;
  @query('select') private select!: HTMLSelectElement;
  @state() private open = false;

  private submit(e: Event) {
    e.preventDefault();
    const option = this.select.selectedOptions[0];
    if (!option) return;
    const className = option.dataset.somethingElse === undefined ? option.value : null;
    this.dispatchEvent(new CustomEvent(CORRECT_EVENT, { detail: { className }, bubbles: true, composed: true }));
  }

  render() {
    const choices = this.verdict === 'sure' ? this.classes.filter((c) => c !== this.current) : this.classes;
    return html`<details ?open=${this.open} @toggle=${(e: Event) => (this.open = (e.target as HTMLDetailsElement).open)}>
      <summary data-testid="correct-open">Wrong? Teach it</summary>
      <form class="row" @submit=${this.submit}>
        <label for="right">It is</label>
        <select id="right" data-testid="correct-class">
          ${choices.map((c) => html`<option value=${c}>${c}</option>`)}
          ${this.verdict === 'none' ? nothing : html`<option value="" data-something-else data-testid="correct-something-else">Something else</option>`}
        </select>
        <button class="primary" type="submit" data-testid="correct-submit" ?disabled=${this.busy}>${this.busy ? 'Learning…' : 'Teach it'}</button>
      </form>
      <p class="muted">
        The photo is added to your own copy of this model (in Teach), which is retrained on this phone and then used here.
        “Something else” keeps it as an example of what this model should answer “None of these” to.
      </p>
    </details>`;
  }
}
