import { html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { answerWords, verdictOf } from '../shared/answer-words';
import { percent } from '../shared/format';
import { surfaces } from '../shared/surfaces.styles';
import { tokens } from '../shared/tokens.styles';
import type { Answer, Card } from './card';
import { styles } from './result-card.styles';

/** Fired (bubbles, composed) by a card's "Try again" and "Where did it look?"; the page does the work. */
export const RETRY_EVENT = 'pv-retry';
export const EXPLAIN_EVENT = 'pv-explain';

/** One photo's answers: the current model's big, the models chosen before it underneath. */
export class ResultCard extends LitElement {
  static styles = [tokens, surfaces, styles];

  @property({ attribute: false }) card!: Card;
  /** The newest card carries the test id and offers the correction. */
  @property({ type: Boolean }) newest = false;
  @property({ type: Boolean }) backboneReady = false;
  /** Its correction is being learnt. */
  @property({ type: Boolean }) correcting = false;
  @property() message = '';
  @property({ attribute: false }) titleOf: (modelId: string | undefined) => string = (id) => id ?? '';
  @property({ attribute: false }) classesOf: (modelId: string) => string[] = () => [];
  /** Grad-CAM: the photo as it was instead of the overlay. */
  @state() private showPhoto = false;

  private fire(name: string) {
    this.dispatchEvent(new CustomEvent(name, { detail: { id: this.card.id }, bubbles: true, composed: true }));
  }

  private verdict() {
    const c = this.card;
    const r = c.status === 'done' ? c.result : undefined;
    const top = r?.top[0];
    if (c.status === 'pending' || c.status === 'working')
      return html`<p class="working"><span class="spinner" aria-hidden="true"></span>${this.backboneReady ? 'Classifying…' : 'Waiting for the photo model…'}</p>`;
    if (c.status === 'error')
      return html`<p class="error" role="alert" data-testid="classify-error">${c.error}</p>
        ${c.source ? html`<button class="retry" data-testid="classify-retry" @click=${() => this.fire(RETRY_EVENT)}>Try again</button>` : nothing}`;
    if (!r || !top) return nothing;
    const words = answerWords(r, this.classesOf(r.modelId));
    return html`<p class="top1 ${words.kind}" data-testid="classify-label" data-verdict=${words.verdict}>${words.headline}</p>
      ${words.explanation ? html`<p class="explanation" data-testid="classify-explanation">${words.explanation}</p>` : nothing}
      <p class="muted odds" data-testid="classify-odds">${words.odds} · <span data-testid="classify-model">${this.titleOf(r.modelId)}</span></p>
      ${r.note ? html`<p class="muted" data-testid="classify-note">${r.note}</p>` : nothing}`;
  }

  private saliency() {
    const c = this.card;
    if (!c.saliency || c.saliency === 'working') return nothing;
    return html`<figure class="cam">
      ${
        this.showPhoto
          ? html`<img src=${c.url} alt=${c.name} data-testid="saliency-photo" />`
          : html`<img src=${c.saliency} alt=${`Where the model looked in ${c.name}`} data-testid="saliency" />`
      }
      <figcaption>
        <span class="legend" aria-hidden="true"></span>
        <span class="muted">Warm colours mattered most to the answer.</span>
        <button data-testid="saliency-before" aria-pressed=${this.showPhoto ? 'true' : 'false'} @click=${() => (this.showPhoto = !this.showPhoto)}>
          ${this.showPhoto ? 'After' : 'Before'}
        </button>
      </figcaption>
    </figure>`;
  }

  private actions() {
    const c = this.card;
    const r = c.status === 'done' ? c.result : undefined;
    if (!r || !c.source) return nothing;
    const looking = c.saliency === 'working';
    return html`<div class="actions">
      <button data-testid="explain" aria-pressed=${c.saliency && !looking ? 'true' : 'false'} ?disabled=${looking} @click=${() => {
        this.showPhoto = false;
        this.fire(EXPLAIN_EVENT);
      }}>
        ${looking ? 'Looking…' : c.saliency ? 'Hide where it looked' : 'Where did it look?'}
      </button>
      ${
        this.newest && r.modelId !== 'imagenet'
          ? html`<pv-correction-form
            .classes=${this.classesOf(r.modelId)}
            .current=${r.top[0]?.label ?? ''}
            .verdict=${verdictOf(r)}
            ?busy=${this.correcting}
          ></pv-correction-form>`
          : nothing
      }
    </div>`;
  }

  private earlier(answers: Answer[]) {
    if (!answers.length) return nothing;
    return html`<ul class="earlier" aria-label="Other models" data-testid="classify-earlier">
      ${answers.map((a) => {
        const top = a.result?.top[0];
        return html`<li data-model-id=${a.modelId}>
          <span class="model">${this.titleOf(a.modelId)}</span>
          <span class="said">${top ? html`${answerWords(a.result!, this.classesOf(a.modelId)).headline} <span class="muted">${percent(top.p)}</span>` : html`<span class="error">${a.error}</span>`}</span>
        </li>`;
      })}
    </ul>`;
  }

  render() {
    const c = this.card;
    const r = c.status === 'done' ? c.result : undefined;
    const top = r?.top[0];
    const busy = c.status === 'pending' || c.status === 'working';
    return html`<article
      class="card result"
      data-testid=${this.newest ? 'classify-result' : nothing}
      data-state=${c.status}
      data-label=${top?.label ?? ''}
      data-p=${top ? top.p.toFixed(4) : nothing}
      data-ms=${r ? Math.round(r.ms) : nothing}
      data-not-sure=${r ? (r.notSure ? 'yes' : 'no') : nothing}
      data-verdict=${r ? verdictOf(r) : nothing}
      data-model-id=${c.modelId ?? nothing}
      data-answers=${c.earlier.length + (c.status === 'done' || c.status === 'error' ? 1 : 0)}
      aria-busy=${busy ? 'true' : 'false'}
      aria-label=${c.name}
    >
      <div class="thumb">
        ${c.url ? html`<img src=${c.url} alt=${c.name} decoding="async" @error=${(e: Event) => ((e.target as HTMLImageElement).hidden = true)} />` : nothing}
      </div>
      <div class="head">${this.verdict()}</div>
      ${r ? html`<pv-prediction-bars class="wide" .items=${r.top}></pv-prediction-bars>` : nothing}
      ${this.saliency()} ${this.actions()} ${this.earlier(c.earlier)}
      ${this.newest && this.message ? html`<p class="wide muted" role="status" data-testid="correction-message">${this.message}</p>` : nothing}
    </article>`;
  }
}
