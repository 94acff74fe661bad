import { css, html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { ModelVersionInfo } from '../../contract/ml-api';
import { accuracy, count } from '../shared/format';
import { tokens } from '../shared/tokens.styles';
import { shortDate } from './version-words';

/** Fired (bubbles, composed) with the version id, or 'bundled', the user wants in use. */
export const USE_VERSION_EVENT = 'pv-use-version';

/**
 * The kept versions of a model, newest first, each with its date, accuracy and how much it learned
 * from; "Use this one" puts it back. With `bundledAccuracy` set, the built-in model is listed too.
 */
export class ModelVersions extends LitElement {
  static styles = [
    tokens,
    css`
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 8px;
      }
      li {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: 8px;
        padding: 6px 0;
        border-top: 1px solid var(--pv-border);
      }
      .what {
        min-width: 0;
      }
      .in-use {
        color: var(--pv-muted);
        min-height: var(--pv-touch);
        display: inline-flex;
        align-items: center;
      }
    `,
  ];

  @property({ attribute: false }) versions: ModelVersionInfo[] = [];
  /** What the model learned from: ['photo', 'photos'] or ['image', 'images']. */
  @property({ attribute: false }) unit: [string, string] = ['photo', 'photos'];
  /** The built-in model's accuracy, when it can be chosen too. */
  @property({ attribute: false }) bundledAccuracy: number | undefined = undefined;
  /** The built-in model is the one in use. */
  @property({ type: Boolean }) bundledInUse = false;
  @property({ type: Boolean }) busy = false;

  private use(id: string) {
    this.dispatchEvent(new CustomEvent(USE_VERSION_EVENT, { detail: id, bubbles: true, composed: true }));
  }

  private row(id: string, label: string, inUse: boolean) {
    return html`<li data-testid="model-version" data-version=${id} data-in-use=${inUse ? 'yes' : 'no'}>
      <span class="what">${label}</span>
      ${
        inUse
          ? html`<span class="in-use">In use</span>`
          : html`<button
              data-testid="use-version"
              aria-label=${`Use this one: ${label}`}
              ?disabled=${this.busy}
              @click=${() => this.use(id)}
            >
              Use this one
            </button>`
      }
    </li>`;
  }

  render() {
    const withBundled = this.bundledAccuracy !== undefined;
    if (!this.versions.length && !withBundled) return nothing;
    return html`<ul aria-label="Versions">
      ${this.versions.map((v) =>
        this.row(
          v.id,
          [shortDate(v.savedAt) || '–', v.accuracy === null ? '' : accuracy(v.accuracy), count(v.samples, ...this.unit)]
            .filter(Boolean)
            .join(' · '),
          v.inUse,
        ),
      )}
      ${withBundled ? this.row('bundled', `Built-in model · ${accuracy(this.bundledAccuracy)}`, this.bundledInUse) : nothing}
    </ul>`;
  }
}
