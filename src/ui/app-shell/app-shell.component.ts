import { html, LitElement, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';
import { ENGINE_RESTART_EVENT, type EngineRestart, ml, proxy } from '../../app/ml-client';
import { navigate, sectionFromPath } from '../../app/router';
import { pageTag, SECTIONS, type Section } from '../../app/sections';
import { preferredBackend } from '../../app/settings';
import type { BackendChange, BackendChoice } from '../../contract/ml-api';
import { tokens } from '../shared/tokens.styles';
import { styles } from './app-shell.styles';
import { OverlaySpace } from './overlay-space';

/**
 * The frame: a slim header, the current section, the bottom navigation (a side rail on a phone in
 * landscape), the notices floating above it, and the welcome screen on the first visit.
 */
export class AppShell extends LitElement {
  static styles = [tokens, styles];

  @state() private section: Section = sectionFromPath(location.pathname);
  @state() private backend: BackendChoice | null = null;
  @state() private backendError = '';
  @state() private online = navigator.onLine;
  /** Why the backend changed under the user (the GPU was lost); shown until dismissed. */
  @state() private notice = '';
  /** Registers itself with the shell (a Lit controller): nothing calls it. */
  protected readonly overlaySpace = new OverlaySpace(this, () => this.renderRoot.querySelector('.overlays'));

  private readonly onPop = () => (this.section = sectionFromPath(location.pathname));
  private readonly onNet = () => (this.online = navigator.onLine);
  private readonly onBackend = (e: Event) => (this.backend = (e as CustomEvent<BackendChoice>).detail);
  private readonly onEngineRestart = (e: Event) =>
    (this.notice = (e as CustomEvent<EngineRestart>).detail.singleThreaded
      ? 'The app’s engine did not start in time in this browser, so it restarted using one processor core. Everything works, a little slower; Settings can try all cores again.'
      : 'The app’s engine did not start in time, so it restarted. Everything works.');

  connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('popstate', this.onPop);
    window.addEventListener('online', this.onNet);
    window.addEventListener('offline', this.onNet);
    window.addEventListener('pv-backend', this.onBackend);
    window.addEventListener(ENGINE_RESTART_EVENT, this.onEngineRestart);
    void this.startBackend();
  }

  disconnectedCallback(): void {
    window.removeEventListener('popstate', this.onPop);
    window.removeEventListener('online', this.onNet);
    window.removeEventListener('offline', this.onNet);
    window.removeEventListener('pv-backend', this.onBackend);
    window.removeEventListener(ENGINE_RESTART_EVENT, this.onEngineRestart);
    super.disconnectedCallback();
  }

  private async startBackend() {
    void ml().onBackendChange(proxy((c: BackendChange) => this.switched(c)));
    try {
      this.backend = await ml().init(preferredBackend());
    } catch (e) {
      this.backendError = e instanceof Error ? e.message : String(e);
    }
  }

  private switched({ choice, lost }: BackendChange) {
    this.backend = choice;
    this.notice = `Your phone's graphics chip stopped responding, so Pocket Vision switched from ${lost.toUpperCase()} to ${choice.name.toUpperCase()}. Everything still works, perhaps a little slower.`;
  }

  private go(e: Event, id: Section) {
    e.preventDefault();
    navigate(id);
  }

  /** The current section's page; each gets the backend, and those that show it (Settings) declare `backend`. */
  private page() {
    const tag = unsafeStatic(pageTag(this.section));
    return staticHtml`<${tag} .backend=${this.backend}></${tag}>`;
  }

  render() {
    const b = this.backend;
    return html`
      <header>
        <h1>Pocket Vision</h1>
        ${this.online ? nothing : html`<span class="badge" data-testid="offline-badge" title="No internet: what is stored on this phone still works (see Settings)">Offline</span>`}
      </header>
      ${
        this.backendError
          ? html`<p class="notice" role="alert" data-testid="engine-error">${this.backendError} Photos, drawings and training need it; what you saved is safe.</p>`
          : nothing
      }
      <main>${this.page()}</main>
      <!-- Offers and notices float above the bottom nav: arriving, they must not push the page (or an answer) away. -->
      <div class="overlays">
        ${
          this.notice
            ? html`<p class="notice" role="status" data-testid="backend-notice">
              ${this.notice} <button @click=${() => (this.notice = '')}>OK</button>
            </p>`
            : nothing
        }
        <pv-update-banner></pv-update-banner>
        <pv-offline-prompt></pv-offline-prompt>
      </div>
      <pv-first-run></pv-first-run>
      <!--
        Which engine runs the models is a developer's detail (Settings → About this device shows it):
        not on screen, but kept as a marker that tests and benchmarks wait on (data-backend).
      -->
      <span class="visually-hidden" aria-hidden="true" data-testid="backend-badge" data-backend=${b?.name ?? ''}
        >${b ? b.name : this.backendError ? 'unavailable' : 'starting'}</span
      >
      <nav aria-label="Sections">
        ${SECTIONS.map(
          (s) => html`<a
            href="/${s.id}"
            aria-current=${this.section === s.id ? 'page' : 'false'}
            @click=${(e: Event) => this.go(e, s.id)}
            ><svg class="icon" viewBox="0 0 24 24" aria-hidden="true"><path d=${s.icon}></path></svg>${s.title}</a
          >`,
        )}
      </nav>
    `;
  }
}
