import { css } from 'lit';

/** Shared look of the offline, update and install cards and bars. */
export const styles = css`
  :host {
    display: block;
  }
  .card {
    display: grid;
    gap: 8px;
  }
  /* A snackbar: the shell floats it over the page (app-shell.styles.ts, .overlays). */
  .bar {
    box-shadow: var(--pv-overlay-shadow);
  }
  h2 {
    font-size: 1rem;
    margin: 0;
  }
  p {
    margin: 0;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
  }
  progress {
    width: 100%;
    height: 12px;
    accent-color: var(--pv-accent);
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 6px;
  }
  li {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 0 8px;
    padding: 6px 0;
    border-top: 1px solid var(--pv-border);
  }
  li .state {
    text-align: right;
    font-size: 0.9rem;
  }
  li[data-state='stored'] .state {
    color: var(--pv-accent);
  }
  .icon {
    width: 1.1em;
    height: 1.1em;
    vertical-align: -0.2em;
    fill: currentColor;
  }
`;
