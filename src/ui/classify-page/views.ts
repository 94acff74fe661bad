import { html, nothing, type TemplateResult } from 'lit';

import { answerWords } from '../shared/answer-words';
import type { LiveMode } from './live-mode';

/**
 * The answer sheet: over the frozen frame (a shot) or over the page (a picked photo), above the
 * bottom nav, so the answer is seen the moment it comes without the page scrolling.
 */
export function renderSheet(card: TemplateResult, fromCamera: boolean, close: () => void) {
  return html`<div class="sheet" role="region" aria-label="Answer" tabindex="-1" data-testid="answer-sheet">
    <div class="sheet-bar">
      ${
        fromCamera
          ? html`<button class="primary" data-testid="take-another" @click=${close}>Take another</button>`
          : html`<span></span>`
      }
      <button class="close" data-testid="sheet-close" aria-label="Close the answer" @click=${close}>
        <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M19 6.4 17.6 5 12 10.6 6.4 5 5 6.4 10.6 12 5 17.6 6.4 19l5.6-5.6 5.6 5.6 1.4-1.4-5.6-5.6z"></path></svg>
      </button>
    </div>
    ${card}
  </div>`;
}

/**
 * Live mode's controls over the viewfinder: the toggle beside the shutter, the running answer (in
 * the same words as the sheet, the percentage small) and "Hold".
 */
export function renderLive(live: LiveMode, classesOf: (modelId: string) => string[]) {
  if (!live.cameraLive) return nothing;
  const { on, answer } = live;
  const top = answer?.top[0];
  const words = answer && top ? answerWords(answer, classesOf(answer.modelId)) : null;
  return html`<button
      slot="extra"
      class="live-toggle"
      data-testid="live-toggle"
      aria-label="Live answers"
      aria-pressed=${on ? 'true' : 'false'}
      @click=${() => live.toggle()}
    >
      Live
    </button>
    ${
      on
        ? html`<div slot="overlay" class="live" data-testid="live-answer" data-label=${top?.label ?? ''} data-verdict=${words?.verdict ?? nothing}>
          <p class="live-label ${words?.kind ?? ''}">
            ${words ? html`<span data-testid="live-words">${words.headline}</span> <span class="live-p">${words.odds}</span>` : 'Looking…'}
          </p>
          <button class="live-hold" data-testid="live-hold" aria-label="Hold this answer" ?disabled=${!top} @click=${() => live.hold()}>Hold</button>
        </div>`
        : nothing
    }`;
}
