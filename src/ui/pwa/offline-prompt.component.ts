import { html, LitElement, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { MODEL_USED_EVENT } from '../../app/pwa/model-used';
import { missingFiles, sumBytes } from '../../app/pwa/offline-assets';
import { type DownloadState, offlineDownload } from '../../app/pwa/offline-download';
import { surfaces } from '../shared/surfaces.styles';
import { tokens } from '../shared/tokens.styles';
import { megabytes } from './offline-text';
import { styles } from './pwa.styles';

const DISMISSED_KEY = 'pv.offlinePrompt';

function dismissedBefore(): boolean {
  try {
    return localStorage.getItem(DISMISSED_KEY) === 'dismissed';
  } catch {
    return false;
  }
}

/**
 * The small offer after a model first answers: download everything for offline use. Once per
 * visit; "Not now" means never again (Settings still has the button). The shell floats it over
 * the page, so it never pushes the answer that brought it away.
 */
export class OfflinePrompt extends LitElement {
  static styles = [tokens, surfaces, styles];

  @state() private open = false;
  @state() private remaining = 0;
  @state() private download: DownloadState = offlineDownload.state;
  private offered = false;

  private readonly onUsed = () => void this.offer();
  private readonly onDownload = () => (this.download = offlineDownload.state);

  connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener(MODEL_USED_EVENT, this.onUsed);
    offlineDownload.addEventListener('change', this.onDownload);
  }

  disconnectedCallback(): void {
    window.removeEventListener(MODEL_USED_EVENT, this.onUsed);
    offlineDownload.removeEventListener('change', this.onDownload);
    super.disconnectedCallback();
  }

  private async offer() {
    if (this.offered || dismissedBefore() || !navigator.onLine || !('caches' in window)) return;
    this.offered = true;
    this.remaining = sumBytes((await missingFiles().catch(() => [])).map((m) => m.file));
    this.open = this.remaining > 0 && offlineDownload.state.phase !== 'running';
  }

  private notNow() {
    this.open = false;
    try {
      localStorage.setItem(DISMISSED_KEY, 'dismissed');
    } catch {
      // storage blocked: it just asks again next visit
    }
  }

  private body() {
    const d = this.download;
    if (d.phase === 'running')
      return html`<p id="prompt-text">Downloading for offline use: ${megabytes(d.loadedBytes)} of ${megabytes(d.totalBytes)}</p>
        <progress aria-labelledby="prompt-text" max=${d.totalBytes || 1} .value=${Math.min(d.loadedBytes, d.totalBytes)}></progress>
        <div class="actions"><button data-testid="offline-prompt-hide" @click=${() => (this.open = false)}>Hide</button></div>`;
    if (d.phase === 'done')
      return html`<p role="status">Done: Pocket Vision now works without internet.</p>
        <div class="actions"><button @click=${() => (this.open = false)}>OK</button></div>`;
    return html`${d.phase === 'error' ? html`<p class="error" role="alert">${d.error}</p>` : nothing}
      <p>Use Pocket Vision without internet? Download all models and data sets once (${megabytes(this.remaining)}).</p>
      <div class="actions">
        <button class="primary" data-testid="offline-prompt-download" @click=${() => void offlineDownload.start()}>Download</button>
        <button data-testid="offline-prompt-dismiss" @click=${this.notNow}>Not now</button>
      </div>`;
  }

  render() {
    if (!this.open) return nothing;
    return html`<div class="card bar" role="region" aria-label="Offline use" data-testid="offline-prompt">${this.body()}</div>`;
  }
}
