import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  .scroll {
    overflow-x: auto;
    max-width: 100%;
    overscroll-behavior-x: contain;
  }
  table {
    border-collapse: collapse;
    font-size: var(--pv-text-xs);
    font-variant-numeric: tabular-nums;
  }
  .legend,
  .more {
    margin: 0 0 var(--pv-space-1);
    font-size: var(--pv-text-xs);
    color: var(--pv-muted);
  }
  .more {
    font-weight: 600;
    color: var(--pv-accent);
  }
  /* Cells are touch-sized (44 px); a 10×10 table scrolls sideways inside its card, with a hint. */
  th,
  td {
    border: 1px solid var(--pv-border);
    padding: 0 4px;
    min-width: var(--pv-touch);
    height: var(--pv-touch);
    box-sizing: border-box;
    text-align: right;
  }
  td:has(button.cell) {
    padding: 0;
  }
  /* The row names stay in view while the columns scroll under them. */
  th[scope='row'] {
    position: sticky;
    left: 0;
    z-index: 1;
    background: var(--pv-surface);
    text-align: left;
    max-width: 88px;
    font-weight: 500;
  }
  th[scope='col'] {
    text-align: center;
  }
  /* Ink chosen per cell for contrast (cell-ink.ts): on the light card, then on the dark one. */
  td.wl {
    color: #fff;
  }
  td.bl {
    color: #000;
  }
  @media (prefers-color-scheme: dark) {
    td.wd {
      color: #fff;
    }
    td.bd {
      color: #000;
    }
  }
  button.cell {
    font: inherit;
    color: inherit;
    background: none;
    border: 0;
    padding: 0 4px;
    width: 100%;
    min-width: var(--pv-touch);
    min-height: var(--pv-touch);
    border-radius: 0;
    justify-content: flex-end;
    cursor: pointer;
    text-decoration: underline;
  }
`;
