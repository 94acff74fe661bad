import { html, LitElement, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { type GroupStatus, offlineGroups, offlineStatus, sumBytes } from '../../app/pwa/offline-assets';
import { type DownloadState, offlineDownload } from '../../app/pwa/offline-download';
import { PHOTO_MODEL_EVENT } from '../../app/settings';
import { surfaces } from '../shared/surfaces.styles';
import { tokens } from '../shared/tokens.styles';
import { megabytes, USED_FOR } from './offline-text';
import { styles } from './pwa.styles';

type UncheckedGroup = Omit<GroupStatus, 'state'> & { state: 'checking' };

/** While downloading, the list re-reads the caches at most this often. */
const REFRESH_MS = 1500;

/** Settings: what works without internet, and "Make available offline" for the rest. */
export class OfflinePanel extends LitElement {
  static styles = [tokens, surfaces, styles];

  /** Null until the caches have been read: the list is drawn at once from the index, so nothing jumps. */
  @state() private status: GroupStatus[] | null = null;
  @state() private download: DownloadState = offlineDownload.state;
  @state() private online = navigator.onLine;
  private lastRefresh = 0;

  private readonly onDownload = () => {
    this.download = offlineDownload.state;
    if (this.download.phase !== 'running' || performance.now() - this.lastRefresh > REFRESH_MS) void this.refresh();
  };
  private readonly onNet = () => (this.online = navigator.onLine);
  /** Another photo model variant changes what "Make available offline" covers. */
  private readonly onPhotoModel = () => void this.refresh();

  connectedCallback(): void {
    super.connectedCallback();
    offlineDownload.addEventListener('change', this.onDownload);
    window.addEventListener('online', this.onNet);
    window.addEventListener('offline', this.onNet);
    window.addEventListener(PHOTO_MODEL_EVENT, this.onPhotoModel);
    void this.refresh();
  }

  disconnectedCallback(): void {
    offlineDownload.removeEventListener('change', this.onDownload);
    window.removeEventListener('online', this.onNet);
    window.removeEventListener('offline', this.onNet);
    window.removeEventListener(PHOTO_MODEL_EVENT, this.onPhotoModel);
    super.disconnectedCallback();
  }

  private async refresh() {
    this.lastRefresh = performance.now();
    this.status = await offlineStatus().catch(() => []);
  }

  private item(s: GroupStatus | UncheckedGroup) {
    const text =
      s.state === 'stored'
        ? 'On this device'
        : s.state === 'partly'
          ? s.storedBytes > 0
            ? `${megabytes(s.storedBytes)} of ${megabytes(s.bytes)}`
            : 'Partly downloaded'
          : s.state === 'missing'
            ? 'Not downloaded'
            : 'Checking…';
    return html`<li data-testid="offline-item" data-id=${s.group.id} data-state=${s.state}>
      <span>${s.group.title}<br /><span class="muted">${USED_FOR[s.group.kind]} · ${megabytes(s.bytes)}</span></span>
      <span class="state">${text}</span>
    </li>`;
  }

  private action(remaining: number, checked: boolean) {
    const d = this.download;
    if (d.phase === 'running')
      return html`<p id="offline-progress-text">Downloading: ${megabytes(d.loadedBytes)} of ${megabytes(d.totalBytes)}</p>
        <progress data-testid="offline-progress" aria-labelledby="offline-progress-text" max=${d.totalBytes || 1} .value=${Math.min(d.loadedBytes, d.totalBytes)}></progress>
        <p class="muted">You can keep using the app meanwhile.</p>`;
    if (remaining === 0) return nothing;
    return html`${d.phase === 'error' ? html`<p class="error" role="alert" data-testid="offline-error">${d.error}</p>` : nothing}
      ${this.online ? nothing : html`<p class="muted">You are offline: connect to the internet to download.</p>`}
      <div class="actions">
        <button class="primary" data-testid="offline-download" ?disabled=${!this.online || !checked} @click=${() => void offlineDownload.start()}>
          Make available offline (${megabytes(remaining)})
        </button>
      </div>`;
  }

  render() {
    const known = this.status;
    const rows =
      known ??
      offlineGroups().map(
        (group): UncheckedGroup => ({ group, bytes: sumBytes(group.files), storedBytes: 0, state: 'checking' }),
      );
    const total = rows.reduce((a, s) => a + s.bytes, 0);
    const stored = rows.reduce((a, s) => a + s.storedBytes, 0);
    const everything = known !== null && known.length > 0 && stored === total;
    return html`<section class="card" data-testid="offline-panel" data-ready=${everything ? 'yes' : 'no'}>
      <h2>Offline use</h2>
      <p data-testid="offline-summary">
        ${
          everything
            ? 'Everything is on this device: every section works without internet.'
            : `${known ? `${megabytes(stored)} of ${megabytes(total)} is on this device.` : `Checking what of ${megabytes(total)} is on this device…`} Download the rest once and every section works without internet.`
        }
      </p>
      ${this.download.phase === 'done' && everything ? html`<p role="status" data-testid="offline-done">Done: Pocket Vision now works offline.</p>` : nothing}
      ${this.action(total - stored, known !== null)}
      <ul>
        ${rows.map((s) => this.item(s))}
      </ul>
      <p class="muted">Your own classifiers (Teach) and digit models (Digit lab) are always kept on this phone.</p>
    </section>`;
  }
}
