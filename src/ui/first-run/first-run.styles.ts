import { css } from 'lit';

export const styles = css`
  dialog {
    box-sizing: border-box;
    width: min(100% - 2 * var(--pv-space-4), 480px);
    max-height: calc(100dvh - 2 * var(--pv-space-4));
    overflow-y: auto;
    padding: var(--pv-space-5) var(--pv-space-4) var(--pv-space-4);
    border: 1px solid var(--pv-border);
    border-radius: var(--pv-radius);
    background: var(--pv-surface);
    color: var(--pv-text);
    box-shadow: var(--pv-overlay-shadow);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.5);
  }
  h2 {
    font-size: var(--pv-text-xl);
    margin: 0 0 var(--pv-space-3);
  }
  p {
    margin: 0 0 var(--pv-space-3);
  }
  .steps {
    display: grid;
    gap: var(--pv-space-2);
  }
  .close {
    margin-top: var(--pv-space-3);
    width: 100%;
    border-color: transparent;
    background: transparent;
  }
`;
