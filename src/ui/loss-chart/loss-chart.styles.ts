import { css, unsafeCSS } from 'lit';
import uplotCss from 'uplot/dist/uPlot.min.css?inline';

/** uPlot's own CSS must live inside the shadow root, or its legend and cursor lose their layout. */
export const uplotStyles = unsafeCSS(uplotCss);

export const styles = css`
  :host {
    display: block;
  }
  figure {
    margin: 0 0 12px;
  }
  figcaption {
    font-size: 0.9rem;
    font-weight: 600;
    margin-bottom: 4px;
  }
  .plot {
    min-height: 180px;
  }
  .uplot {
    font-family: inherit;
  }
  .u-legend {
    font-size: 0.8rem;
    color: var(--pv-muted);
  }
`;
