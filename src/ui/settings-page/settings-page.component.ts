import { css, html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ml } from '../../app/ml-client';
import { backboneDownloadBytes } from '../../app/pwa/offline-assets';
import {
  type BackboneSetting,
  backboneSetting,
  backboneVariant,
  preferredBackend,
  saveBackboneSetting,
  saveBackendSetting,
  saveTtaSetting,
  saveWasmThreadsSetting,
  type TtaSetting,
  threadsPossible,
  ttaSetting,
  wasmThreadsAllowed,
  wasmThreadsSetting,
} from '../../app/settings';
import { APP_VERSION } from '../../app/version';
import { BACKENDS, type BackendChoice, type BackendName, isBackendName } from '../../ml/core/backend-names';
import { showWelcome } from '../first-run/first-run-state';
import { surfaces } from '../shared/surfaces.styles';
import { tokens } from '../shared/tokens.styles';

const megabytes = (bytes: number) => `${Math.round(bytes / 1e6)} MB`;

/** Why WASM runs on one thread, when it does: threads need SharedArrayBuffer on a cross-origin isolated page. */
function threadsText(n: number): string {
  if (n > 1) return String(n);
  if (!globalThis.crossOriginIsolated)
    return '1 (the server does not send the cross-origin isolation headers, so WASM uses one core)';
  if (!threadsPossible()) return '1 (this browser gives web pages no shared memory, so WASM uses one core)';
  if (wasmThreadsSetting() === 'hung')
    return '1 (with all cores the engine froze at start-up once in this browser, so it uses one)';
  if (!wasmThreadsAllowed()) return '1 (this browser can freeze while starting several cores, so it uses one)';
  return '1';
}

/** Asks for threads where they are off; the page reloads, as a running engine cannot gain threads. */
function useAllCores() {
  saveWasmThreadsSetting('on');
  location.reload();
}

/**
 * Settings: first what a person sets (photos, offline use, install, the welcome screen); then
 * "About this device", whose Details disclosure holds the engine's choice and its reasons.
 */
export class SettingsPage extends LitElement {
  static styles = [
    tokens,
    surfaces,
    css`
      :host {
        display: grid;
        gap: var(--pv-space-4);
      }
      section {
        display: grid;
        gap: var(--pv-space-2);
        background: var(--pv-surface);
        border: 1px solid var(--pv-border);
        border-radius: var(--pv-radius);
        padding: var(--pv-space-3);
      }
      section > * {
        margin: 0;
      }
      section > button {
        justify-self: start;
      }
      h2 {
        font-size: var(--pv-text-md);
        margin: 0;
      }
      details[open] > summary {
        margin-bottom: var(--pv-space-2);
      }
      /* minmax(0, …): a long <option> text must not widen the page past a 360 px screen. */
      label {
        display: grid;
        grid-template-columns: minmax(0, 1fr);
        gap: 4px;
      }
      dl {
        display: grid;
        grid-template-columns: max-content minmax(0, 1fr);
        gap: var(--pv-space-1) var(--pv-space-3);
        margin: var(--pv-space-2) 0 0;
        font-size: var(--pv-text-sm);
      }
      dt {
        color: var(--pv-muted);
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
    `,
  ];

  @property({ attribute: false }) backend: BackendChoice | null = null;
  @state() private wanted: BackendName | 'auto' = preferredBackend();
  @state() private tta: TtaSetting = ttaSetting();

  private applyTta(e: Event) {
    this.tta = (e.target as HTMLSelectElement).value as TtaSetting;
    saveTtaSetting(this.tta);
  }
  @state() private switching = false;
  @state() private error = '';
  @state() private photoModel: BackboneSetting = backboneSetting();

  /** Restarts the engine so the worker loads the chosen variant (it downloads on the next photo). */
  private async applyPhotoModel(e: Event) {
    this.photoModel = (e.target as HTMLSelectElement).value as BackboneSetting;
    saveBackboneSetting(this.photoModel);
    this.switching = true;
    this.error = '';
    try {
      window.dispatchEvent(new CustomEvent('pv-backend', { detail: await ml().init(preferredBackend()) }));
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
    } finally {
      this.switching = false;
    }
  }

  private async apply(e: Event) {
    const value = (e.target as HTMLSelectElement).value;
    this.wanted = isBackendName(value) ? value : 'auto';
    saveBackendSetting(this.wanted);
    this.switching = true;
    this.error = '';
    try {
      const choice = await ml().init(this.wanted);
      window.dispatchEvent(new CustomEvent('pv-backend', { detail: choice }));
      if (this.wanted !== 'auto' && choice.name !== this.wanted)
        this.error = `${this.wanted} could not start on this device; using ${choice.name}.`;
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
    } finally {
      this.switching = false;
    }
  }

  /** The GPU the browser offers, in words; "none" without WebGPU. */
  private adapterText(b: BackendChoice): string {
    if (!b.adapter) return 'none';
    const a = b.adapter;
    return `${a.vendor || 'unknown'} ${a.architecture}${a.isFallbackAdapter ? ' (software fallback)' : ''}`;
  }

  render() {
    const b = this.backend;
    const measured = b
      ? Object.entries(b.measured).map(([k, v]) => `${k}: ${v === null ? 'failed' : `${v.toFixed(1)} ms`}`)
      : [];
    return html`
      <section>
        <h2>Photos</h2>
        <label
          >Mirror-image averaging
          <select data-testid="tta-select" .value=${this.tta} @change=${this.applyTta}>
            <option value="auto">As each model was tested</option>
            <option value="on">Always (more accurate, twice the work)</option>
            <option value="off">Never (fastest)</option>
          </select>
        </label>
        <p class="muted">Identifies the photo and its mirror image and averages the two answers.</p>
        <label
          >Photo model download
          <select
            data-testid="photo-model-select"
            .value=${this.photoModel}
            ?disabled=${this.switching}
            @change=${this.applyPhotoModel}
          >
            <option value="auto">Automatic (${backboneVariant('auto') === 'uint8' ? 'data saver' : 'full precision'})</option>
            <option value="uint8">Data saver (${megabytes(backboneDownloadBytes('uint8'))}, answers can differ a little)</option>
            <option value="float16">Full precision (${megabytes(backboneDownloadBytes('float16'))})</option>
          </select>
        </label>
        <p class="muted">
          Automatic saves data when your browser asks for it. Photos you taught a classifier are prepared for one of the
          two: switching back lets you train it again.
        </p>
      </section>
      ${
        threadsPossible() && !wasmThreadsAllowed()
          ? html`<section>
              <h2>Speed</h2>
              <p>${wasmThreadsSetting() === 'hung' ? 'The app runs on one processor core here: with all of them it froze once while starting.' : 'The app runs on one processor core here: this browser can freeze while starting several.'}</p>
              <button data-testid="retry-threads" @click=${useAllCores}>${wasmThreadsSetting() === 'hung' ? 'Try all cores again' : 'Use all cores'}</button>
            </section>`
          : nothing
      }
      <pv-offline-panel></pv-offline-panel>
      <pv-install-card></pv-install-card>
      <section>
        <h2>Help</h2>
        <button data-testid="show-welcome" @click=${showWelcome}>Show the welcome screen</button>
      </section>
      <section data-testid="about-device">
        <h2>About this device</h2>
        <p>Everything runs on this phone: your drawings, photos and models never leave it.</p>
        <p data-testid="app-version">Version ${APP_VERSION}</p>
        <details data-testid="device-details">
          <summary>Details</summary>
          <label
            >Run models with
            <select data-testid="backend-select" .value=${this.wanted} ?disabled=${this.switching} @change=${this.apply}>
              <option value="auto">Automatic (measured)</option>
              ${BACKENDS.map((n) => html`<option value=${n}>${n.toUpperCase()}</option>`)}
            </select>
          </label>
          ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
          <dl>
            <dt>In use</dt>
            <dd data-testid="backend-in-use">${b?.name ?? 'Starting…'}</dd>
            <dt>Why</dt>
            <dd>${b?.reason ?? 'Measuring this device…'}</dd>
            <dt>GPU adapter</dt>
            <dd>${b ? this.adapterText(b) : '…'}</dd>
            <dt>Probe</dt>
            <dd>${measured.length ? measured.join(' · ') : b ? 'not needed' : '…'}</dd>
            <dt>WASM threads</dt>
            <dd data-testid="wasm-threads">${b?.threads ? threadsText(b.threads) : b ? 'not in use' : '…'}</dd>
          </dl>
        </details>
      </section>
    `;
  }
}
