import { html, LitElement, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { MODEL_USED_EVENT } from '../../app/pwa/model-used';
import { missingFiles, sumBytes } from '../../app/pwa/offline-assets';
import { type DownloadState, offlineDownload } from '../../app/pwa/offline-download';
import { CAMERA_STATE_EVENT, type CameraStateEvent } from '../camera-view/camera-view.component';
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
 * the page, so it never pushes the answer that brought it away; while a camera is live it waits
 * (it would cover the shutter, Live and Hold) and comes when the camera stops.
 */
export class OfflinePrompt extends LitElement {
  static styles = [tokens, surfaces, styles];

  @state() private open = false;
  /** Offered while a camera was live: shown when it stops. */
  private held = false;
  private cameraLive = false;
  @state() private remaining = 0;
  @state() private download: DownloadState = offlineDownload.state;
  private offered = false;

  private readonly onUsed = () => void this.offer();
  private readonly onCamera = (e: Event) => {
    this.cameraLive = (e as CameraStateEvent).detail.live;
    if (this.cameraLive && this.open) [this.held, this.open] = [true, false];
    else if (!this.cameraLive && this.held) [this.held, this.open] = [false, true];
  };
  private readonly onDownload = () => (this.download = offlineDownload.state);

  connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener(MODEL_USED_EVENT, this.onUsed);
    window.addEventListener(CAMERA_STATE_EVENT, this.onCamera);
    offlineDownload.addEventListener('change', this.onDownload);
  }

  disconnectedCallback(): void {
    window.removeEventListener(MODEL_USED_EVENT, this.onUsed);
    window.removeEventListener(CAMERA_STATE_EVENT, this.onCamera);
    offlineDownload.removeEventListener('change', this.onDownload);
    super.disconnectedCallback();
  }

  private async offer() {
    if (this.offered || dismissedBefore() || !navigator.onLine || !('caches' in window)) return;
    this.offered = true;
    this.remaining = sumBytes((await missingFiles().catch(() => [])).map((m) => m.file));
    const wanted = this.remaining > 0 && offlineDownload.state.phase !== 'running';
    if (wanted && this.cameraLive) this.held = true;
    else this.open = wanted;
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
