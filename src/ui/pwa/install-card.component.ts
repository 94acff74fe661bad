import { html, LitElement } from 'lit';
import { state } from 'lit/decorators.js';
import { type InstallState, install, installEvents, installState } from '../../app/pwa/install';
import { surfaces } from '../shared/surfaces.styles';
import { tokens } from '../shared/tokens.styles';
import { styles } from './pwa.styles';

/** The iOS Share icon (a box with an arrow up), as drawn in Safari's toolbar. */
const SHARE_ICON =
  'M12 2 7.5 6.5l1.4 1.4L11 5.8V15h2V5.8l2.1 2.1 1.4-1.4L12 2zM5 10v10a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V10h-3v2h1v8H7v-8h1v-2H5z';

/** Settings: install to the home screen (the browser's own dialog, or iOS's Share menu). */
export class InstallCard extends LitElement {
  static styles = [tokens, surfaces, styles];

  @state() private state: InstallState = installState();
  @state() private message = '';
  private readonly onChange = () => (this.state = installState());

  connectedCallback(): void {
    super.connectedCallback();
    installEvents.addEventListener('change', this.onChange);
    this.onChange();
  }

  disconnectedCallback(): void {
    installEvents.removeEventListener('change', this.onChange);
    super.disconnectedCallback();
  }

  private async install() {
    const accepted = await install();
    this.message = accepted ? '' : 'Not installed. You can install later from here or from the browser menu.';
  }

  private body() {
    switch (this.state) {
      case 'installed':
        return html`<p>Pocket Vision is installed on this device.</p>`;
      case 'available':
        return html`<p>Open Pocket Vision from your home screen, full screen, like any other app.</p>
          <div class="actions"><button class="primary" data-testid="install-button" @click=${this.install}>Install app</button></div>`;
      case 'ios':
        return html`<p data-testid="ios-install-help">
          Tap the Share button <svg class="icon" viewBox="0 0 24 24" aria-label="Share"><path d=${SHARE_ICON}></path></svg>, then
          <strong>Add to Home Screen</strong>.
        </p>`;
      default:
        return html`<p class="muted">Use your browser's menu: <strong>Install app</strong> or <strong>Add to Home screen</strong>.</p>`;
    }
  }

  render() {
    return html`<section class="card" data-testid="install-card" data-state=${this.state}>
      <h2>Install</h2>
      ${this.body()} ${this.message ? html`<p class="muted" role="status">${this.message}</p>` : ''}
    </section>`;
  }
}
