import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, query } from 'lit/decorators.js';
import { count } from '../shared/format';
import { surfaces } from '../shared/surfaces.styles';
import { tokens } from '../shared/tokens.styles';

/** Fired when the sheet closes (Done, Esc, the back button). */
export const SHEET_CLOSE_EVENT = 'pv-sheet-close';

/**
 * The camera for one class, full screen: a modal <dialog> (the top layer, above the header and the
 * nav) with the live preview, the class name, how many photos it has (updated with each shot) and
 * the shutter low on the screen, in thumb reach: a tap takes one photo, holding takes a burst.
 * Shots bubble up as pv-capture events from <pv-camera-view>. The camera runs only while the
 * sheet is open: closing it removes the preview, which stops the stream.
 * The back button closes it too: opening pushes a history entry that closing takes back.
 */
export class CaptureSheet extends LitElement {
  static styles = [
    tokens,
    surfaces,
    css`
      dialog {
        box-sizing: border-box;
        width: 100vw;
        max-width: none;
        height: 100dvh;
        max-height: none;
        margin: 0;
        padding: max(12px, env(safe-area-inset-top)) 12px max(12px, env(safe-area-inset-bottom));
        border: 0;
        background: var(--pv-bg);
        color: var(--pv-text);
      }
      dialog[open] {
        display: flex;
        flex-direction: column;
        gap: 12px;
      }
      dialog::backdrop {
        background: rgb(0 0 0 / 0.6);
      }
      header {
        display: flex;
        align-items: center;
        gap: 12px;
      }
      h2 {
        flex: 1;
        margin: 0;
        font-size: 1.2rem;
        overflow-wrap: anywhere;
      }
      .count {
        font-weight: 600;
      }
      button.done {
        min-width: 88px;
      }
      pv-camera-view {
        /* The preview takes the room above; its shutter sits low, where a thumb reaches. */
        margin-top: auto;
      }
      .hint {
        margin: 0;
        text-align: center;
      }
    `,
  ];

  @property({ type: Boolean }) open = false;
  @property() className = '';
  /** The class's photos so far. */
  @property({ type: Number }) photos = 0;
  @query('dialog') private dialog!: HTMLDialogElement;
  /** True while our history entry is on top: closing then goes back once. */
  private pushed = false;

  private readonly onPop = () => {
    if (!this.pushed) return;
    this.pushed = false;
    this.finish();
  };

  connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('popstate', this.onPop);
  }

  disconnectedCallback(): void {
    window.removeEventListener('popstate', this.onPop);
    if (this.pushed) {
      this.pushed = false;
      history.back();
    }
    super.disconnectedCallback();
  }

  protected updated(changed: PropertyValues<this>): void {
    if (!changed.has('open')) return;
    if (this.open && !this.dialog.open) {
      this.dialog.showModal();
      history.pushState({ pvCaptureSheet: true }, '', location.href);
      this.pushed = true;
      void this.startCamera();
    } else if (!this.open && this.dialog.open) this.dialog.close();
  }

  /** The camera starts with the sheet: the sheet exists to take photos (no second "Use camera" tap). */
  private async startCamera() {
    const camera = this.renderRoot.querySelector('pv-camera-view') as
      | (HTMLElement & { updateComplete?: Promise<unknown> })
      | null;
    await camera?.updateComplete;
    camera?.shadowRoot?.querySelector<HTMLButtonElement>('[data-testid=camera-start]')?.click();
  }

  /** Done / Esc: leave through history, so the back button and Done do the same. */
  private close() {
    if (this.pushed)
      history.back(); // popstate → finish()
    else this.finish();
  }

  private finish() {
    if (this.dialog?.open) this.dialog.close();
    this.dispatchEvent(new CustomEvent(SHEET_CLOSE_EVENT, { bubbles: true, composed: true }));
  }

  render() {
    return html`<dialog
      data-testid="capture-sheet"
      aria-label=${`Camera: photos of ${this.className}`}
      @cancel=${(e: Event) => {
        e.preventDefault(); // Esc: close our way (history), not the dialog's
        this.close();
      }}
    >
      <header>
        <h2>${this.className}</h2>
        <span class="count" role="status" data-testid="sheet-count">${count(this.photos, 'photo', 'photos')}</span>
        <button class="primary done" data-testid="sheet-done" @click=${this.close}>Done</button>
      </header>
      ${this.open ? html`<pv-camera-view burst></pv-camera-view>` : nothing}
      <p class="muted hint">Tap for one photo, hold for several. Turn the object and move around it.</p>
    </dialog>`;
  }
}
