import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Confusion } from '../../contract/ml-api';
import { afterPaint } from '../shared/after-paint';
import { cssProps } from '../shared/css-props';
import { tokens } from '../shared/tokens.styles';
import { SURFACE_DARK, SURFACE_LIGHT, whiteInk } from './cell-ink';
import { styles } from './confusion-matrix.styles';

/** Fired (bubbles, composed) when a selectable cell is tapped: detail { row: true class, col: predicted }. */
export const CELL_EVENT = 'pv-confusion-cell';

/** Confusion matrix as a real table: rows are true classes, columns predicted ones. */
export class ConfusionMatrix extends LitElement {
  static styles = [tokens, styles];

  @property({ attribute: false }) matrix: Confusion = [];
  @property({ attribute: false }) classes: string[] = [];
  /** When set, each non-empty cell is a button that fires CELL_EVENT (show the samples behind it). */
  @property({ type: Boolean }) selectable = false;
  /**
   * The matrix on screen. A big one (10×10: 100 cells) comes a frame after the page took it, in a
   * task of its own, so it never adds to the task that renders the rest of the results.
   */
  @state() private shown: Confusion = [];
  /** The table is wider than the screen: say so, or the last columns look missing. */
  @state() private overflows = false;
  private readonly sizes = new ResizeObserver(() => this.measure());

  disconnectedCallback(): void {
    this.sizes.disconnect();
    super.disconnectedCallback();
  }

  protected updated(): void {
    const box = this.renderRoot.querySelector('.scroll');
    const table = box?.querySelector('table');
    if (box && table) {
      this.sizes.observe(box);
      this.sizes.observe(table);
    }
    this.measure();
  }

  private measure() {
    const box = this.renderRoot.querySelector('.scroll');
    const overflows = !!box && box.scrollWidth > box.clientWidth + 1;
    if (overflows !== this.overflows) this.overflows = overflows;
  }

  protected willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('matrix')) return;
    const m = this.matrix;
    if (m.length <= 4) this.shown = m;
    else void afterPaint().then(() => this.matrix === m && (this.shown = m));
  }

  private pick(row: number, col: number) {
    this.dispatchEvent(new CustomEvent(CELL_EVENT, { detail: { row, col }, bubbles: true, composed: true }));
  }

  render() {
    const m = this.shown;
    if (!m.length) return nothing;
    // Long class names (Fashion-MNIST) do not fit 10 columns on a phone: columns get numbers, rows the names.
    const short = this.classes.every((c) => c.length <= 2);
    const name = (i: number) => this.classes[i] ?? String(i);
    return html`
      <p class="legend">
        Rows: the right answer. Columns: what the model said${short ? '' : ', numbered like the rows'}.
      </p>
      ${this.overflows ? html`<p class="more" data-testid="confusion-scroll-hint">Scroll sideways for more <span aria-hidden="true">→</span></p>` : nothing}
      <div class="scroll" role="region" aria-label="Confusion matrix" tabindex="0">
        <table>
          <caption class="visually-hidden">
            Confusion matrix: rows are the right answers, columns what the model said.
          </caption>
          <thead>
            <tr>
              <td></td>
              ${m.map((_, j) =>
                short
                  ? html`<th scope="col">${name(j)}</th>`
                  : html`<th scope="col" title=${name(j)}><span aria-hidden="true">${j}</span><span class="visually-hidden">${name(j)}</span></th>`,
              )}
            </tr>
          </thead>
          <tbody>
            ${m.map((row, i) => {
              const total = row.reduce((a, b) => a + b, 0);
              return html`<tr>
                <th scope="row">${short ? name(i) : `${i} ${name(i)}`}</th>
                ${row.map((n, j) => cell(n, total, i === j, this.selectable && n > 0 ? () => this.pick(i, j) : null, `${name(i)} taken for ${name(j)}: ${n}`))}
              </tr>`;
            })}
          </tbody>
        </table>
      </div>
    `;
  }
}

/** Shade by share of the row: blue for right answers, red for mistakes (square root so rare mistakes still show). */
function cell(n: number, rowTotal: number, right: boolean, onPick: (() => void) | null, label: string) {
  const share = rowTotal ? n / rowTotal : 0;
  const alpha = right ? share : Math.sqrt(share);
  const rgb: [number, number, number] = right ? [59, 91, 219] : [179, 38, 30];
  const bg = `rgba(${rgb.join(', ')}, ${alpha.toFixed(3)})`;
  // Classes for the ink on the light and on the dark card (the stylesheet picks by colour scheme).
  const ink = [
    whiteInk(rgb, alpha, SURFACE_LIGHT) ? 'wl' : 'bl',
    whiteInk(rgb, alpha, SURFACE_DARK) ? 'wd' : 'bd',
  ].join(' ');
  const content = onPick
    ? html`<button class="cell" aria-label=${label} data-testid="confusion-cell" @click=${onPick}>${n}</button>`
    : n;
  return html`<td class=${n ? ink : ''} ${cssProps({ background: n ? bg : 'transparent' })}>${content}</td>`;
}
