import { css } from 'lit';

/**
 * For the shadow root of a page that shows `<pv-loss-chart>`: until the chart's code has arrived
 * (load.ts) the element is unknown and would be an empty inline box; it holds the room of its two
 * figures (caption + 180 px plot each, loss-chart.styles.ts) so the page does not jump when it upgrades.
 */
export const lossChartPlaceholder = css`
  pv-loss-chart:not(:defined) {
    display: block;
    min-height: 440px;
  }
`;
