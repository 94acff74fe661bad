import { html, nothing } from 'lit';
import type { Card } from './card';
import type { CorrectEvent } from './correction-form';
import { percent } from './format';
import type { ModelList } from './model-list';

/** What a result card needs from the page besides its photo. */
export interface CardContext {
  models: ModelList;
  backboneReady: boolean;
  /** Card id whose correction is being learnt. */
  correcting: number | null;
  correctionMessage: string;
  retry: (id: number) => void;
  explain: (c: Card) => void;
  correct: (c: Card, className: string) => void;
}

/** One photo's card; the newest (i = 0) also offers the correction and carries the test id. */
export function renderResultCard(c: Card, i: number, ctx: CardContext) {
  const r = c.status === 'done' ? c.result : undefined;
  const top = r?.top[0];
  const busy = c.status === 'pending' || c.status === 'working';
  return html`<article
    class="card result"
    data-testid=${i === 0 ? 'classify-result' : nothing}
    data-state=${c.status}
    data-label=${top?.label ?? ''}
    data-p=${top ? top.p.toFixed(4) : nothing}
    data-not-sure=${r ? (r.notSure ? 'yes' : 'no') : nothing}
    data-model-id=${c.modelId ?? nothing}
    aria-busy=${busy ? 'true' : 'false'}
    aria-label=${c.name}
  >
    <div class="thumb">
      ${
        c.saliency && c.saliency !== 'working'
          ? html`<img src=${c.saliency} alt=${`Where the model looked in ${c.name}: warm colours mattered most`} data-testid="saliency" />`
          : c.url
            ? html`<img src=${c.url} alt=${c.name} decoding="async" @error=${(e: Event) => ((e.target as HTMLImageElement).hidden = true)} />`
            : nothing
      }
    </div>
    <div class="head">
      ${
        busy
          ? html`<p class="working"><span class="spinner" aria-hidden="true"></span>${ctx.backboneReady ? 'Classifying…' : 'Waiting for the photo model…'}</p>`
          : nothing
      }
      ${
        r && top
          ? r.notSure
            ? html`<p class="top1 unsure" data-testid="classify-label">Not sure — maybe ${top.label}?</p>`
            : html`<p class="top1" data-testid="classify-label">${top.label}</p>
              <p class="muted">${percent(top.p)} sure</p>`
          : nothing
      }
      ${r?.note ? html`<p class="muted" data-testid="classify-note">${r.note}</p>` : nothing}
      ${
        c.status === 'error'
          ? html`<p class="error" role="alert" data-testid="classify-error">${c.error}</p>
            ${c.source ? html`<button class="retry" data-testid="classify-retry" @click=${() => ctx.retry(c.id)}>Try again</button>` : nothing}`
          : nothing
      }
    </div>
    ${
      r
        ? html`<pv-prediction-bars class="bars" .items=${r.top}></pv-prediction-bars>
          <p class="meta" data-testid="classify-meta">${Math.round(r.ms)} ms · ${ctx.models.title(r.modelId)}</p>
          ${
            c.source
              ? html`<button class="bars explain" data-testid="explain" aria-pressed=${c.saliency && c.saliency !== 'working' ? 'true' : 'false'} ?disabled=${c.saliency === 'working'} @click=${() => ctx.explain(c)}>
                ${c.saliency === 'working' ? 'Looking…' : c.saliency ? 'Show the photo' : 'Where did it look?'}
              </button>`
              : nothing
          }
          ${
            i === 0 && c.source && r.modelId !== 'imagenet'
              ? html`<pv-correction-form
                class="bars"
                .classes=${ctx.models.classes(r.modelId)}
                .current=${top?.label ?? ''}
                ?busy=${ctx.correcting === c.id}
                @pv-correct=${(e: CorrectEvent) => ctx.correct(c, e.detail.className)}
              ></pv-correction-form>`
              : nothing
          }`
        : nothing
    }
    ${i === 0 && ctx.correctionMessage ? html`<p class="meta" role="status" data-testid="correction-message">${ctx.correctionMessage}</p>` : nothing}
  </article>`;
}
