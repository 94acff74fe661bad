import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  .scroll {
    overflow-x: auto;
    max-width: 100%;
  }
  table {
    border-collapse: collapse;
    font-size: 0.75rem;
    font-variant-numeric: tabular-nums;
  }
  .legend {
    margin: 0 0 4px;
    font-size: 0.8rem;
    color: var(--pv-muted);
  }
  th,
  td {
    border: 1px solid var(--pv-border);
    padding: 2px 4px;
    min-width: 24px;
    text-align: right;
  }
  th[scope='row'] {
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
    padding: 4px;
    min-width: 32px;
    min-height: 32px;
    cursor: pointer;
    text-decoration: underline;
  }
`;
