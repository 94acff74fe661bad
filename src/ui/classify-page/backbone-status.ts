import { html, nothing } from 'lit';
import type { BackboneProgress } from '../../contract/ml-api';
import { megabytes } from './format';

/** The backbone's download and warm-up, or its error with a retry; nothing once it is ready. */
export function renderBackbone(b: BackboneProgress | null, error: string, retry: () => void) {
  if (error)
    return html`<div class="card status" data-testid="backbone-error">
      <p class="error" role="alert">${error}</p>
      <p class="muted">Check the connection, then try again. Each photo can also be tried again on its own.</p>
      <button data-testid="backbone-retry" @click=${retry}>Try again</button>
    </div>`;
  if (b?.phase === 'ready') return nothing;
  let text = 'Preparing the photo model…';
  let bar = html`<progress data-testid="backbone-progress" aria-labelledby="backbone-text"></progress>`;
  if (b?.phase === 'download') {
    text = b.totalBytes
      ? `Downloading the photo model: ${megabytes(b.loadedBytes)} of ${megabytes(b.totalBytes)} MB`
      : `Downloading the photo model: ${megabytes(b.loadedBytes)} MB`;
    if (b.totalBytes)
      bar = html`<progress
        data-testid="backbone-progress"
        aria-labelledby="backbone-text"
        max=${b.totalBytes}
        .value=${Math.min(b.loadedBytes, b.totalBytes)}
      ></progress>`;
  } else if (b?.phase === 'warmup') {
    text = 'Warming up…';
  }
  return html`<div class="card status" data-testid="backbone-status" data-phase=${b?.phase ?? 'starting'}>
    <p id="backbone-text">${text}</p>
    ${bar}
    <p class="muted">One-time download; photos you add now are classified as soon as it is ready.</p>
  </div>`;
}
