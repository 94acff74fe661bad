import { css, html, LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { cssProps } from '../shared/css-props';
import { percent } from '../shared/format';
import { tokens } from '../shared/tokens.styles';

export interface RankedLabel {
  label: string;
  p: number;
}

/** Top-k labels with confidence bars; labels are always rendered as text. */
export class PredictionBars extends LitElement {
  static styles = [
    tokens,
    css`
      /* One grid for all rows: the labels share a column, so every bar starts at the same x. */
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        grid-template-columns: minmax(3ch, max-content) 1fr 5ch;
        align-items: center;
        gap: 6px 8px;
      }
      li {
        display: contents;
      }
      .label {
        overflow-wrap: anywhere;
      }
      .bar {
        display: block;
        height: 10px;
        border-radius: 5px;
        background: var(--pv-border);
        overflow: hidden;
      }
      .fill {
        display: block;
        height: 100%;
        background: var(--pv-accent);
      }
      li:first-child .label {
        font-weight: 700;
      }
      .p {
        text-align: right;
        font-variant-numeric: tabular-nums;
        color: var(--pv-muted);
      }
    `,
  ];

  @property({ attribute: false }) items: RankedLabel[] = [];

  render() {
    return html`<ol>
      ${this.items.map(
        (r) => html`<li>
          <span class="label">${r.label}</span>
          <span class="bar" role="meter" aria-label=${`${r.label} confidence`} aria-valuemin="0" aria-valuemax="100" aria-valuenow=${Math.round(r.p * 100)}
            ><span class="fill" ${cssProps({ width: `${(r.p * 100).toFixed(1)}%` })}></span
          ></span>
          <span class="p">${percent(r.p)}</span>
        </li>`,
      )}
    </ol>`;
  }
}
