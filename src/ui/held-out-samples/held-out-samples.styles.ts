import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  .summary {
    margin: 0 0 8px;
    color: var(--pv-muted);
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(68px, 1fr));
    gap: 8px;
    list-style: none;
    margin: 0;
    padding: 0;
  }
  figure {
    margin: 0;
    padding: 4px;
    border: 2px solid var(--pv-border);
    border-radius: var(--pv-radius-sm);
    text-align: center;
  }
  figure.wrong {
    border-color: var(--pv-danger);
  }
  canvas {
    width: 56px;
    height: 56px;
    image-rendering: pixelated;
    background: #fff;
  }
  figcaption {
    font-size: var(--pv-text-xs);
    line-height: 1.3;
    overflow-wrap: anywhere;
  }
  .wrong figcaption .pred {
    color: var(--pv-danger);
    font-weight: 600;
  }
`;
