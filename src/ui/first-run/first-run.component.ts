import { html, LitElement, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { navigate } from '../../app/router';
import type { Section } from '../../app/sections';
import { surfaces } from '../shared/surfaces.styles';
import { tokens } from '../shared/tokens.styles';
import { styles } from './first-run.styles';
import { markWelcomeSeen, SHOW_WELCOME_EVENT, welcomeSeen } from './first-run-state';

/** What to try first: a button each, and the section it opens. */
const FIRST_STEPS: { id: Section; label: string; testid: string }[] = [
  { id: 'classify', label: 'Take a photo', testid: 'welcome-photo' },
  { id: 'draw', label: 'Draw a digit', testid: 'welcome-draw' },
  { id: 'teach', label: 'Teach your own classifier', testid: 'welcome-teach' },
];

/**
 * The welcome screen, over the app on the first visit: what the app does, that photos and models
 * stay on the phone, and three things to try. A modal <dialog>: focus stays in it, Escape closes it.
 */
export class FirstRun extends LitElement {
  static styles = [tokens, surfaces, styles];

  @state() private open = !welcomeSeen();
  private readonly onShow = () => (this.open = true);

  connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener(SHOW_WELCOME_EVENT, this.onShow);
  }

  disconnectedCallback(): void {
    window.removeEventListener(SHOW_WELCOME_EVENT, this.onShow);
    super.disconnectedCallback();
  }

  protected updated(): void {
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog && !dialog.open) dialog.showModal();
  }

  private close(to?: Section) {
    markWelcomeSeen();
    this.open = false;
    if (to) navigate(to);
  }

  render() {
    if (!this.open) return nothing;
    return html`<dialog
      aria-labelledby="welcome-h"
      data-testid="first-run"
      @cancel=${(e: Event) => {
        e.preventDefault();
        this.close();
      }}
    >
      <h2 id="welcome-h">Welcome to Pocket Vision</h2>
      <p>Point your phone at something and it tells you what it sees. Draw a digit and watch it read it. Teach it your own things from a few photos.</p>
      <p><strong>Everything stays on this phone:</strong> your photos, drawings and models are never sent anywhere.</p>
      <p class="muted">Try one first:</p>
      <div class="steps">
        ${FIRST_STEPS.map(
          (s, i) =>
            html`<button class=${i === 0 ? 'primary' : ''} data-testid=${s.testid} @click=${() => this.close(s.id)}>${s.label}</button>`,
        )}
      </div>
      <button class="close" data-testid="first-run-close" @click=${() => this.close()}>Not now</button>
    </dialog>`;
  }
}
