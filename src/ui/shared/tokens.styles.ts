import { css } from 'lit';
import { controls } from './controls.styles';

/** Colours, sizes and the base look of every component: phone-first sizes, large touch targets, dark mode. */
const base = css`
  :host {
    --pv-bg: #f7f7fb;
    --pv-surface: #ffffff;
    --pv-text: #1c1b1f;
    --pv-muted: #5f5d66;
    --pv-accent: #3b5bdb;
    --pv-accent-text: #ffffff;
    --pv-danger: #b3261e;
    --pv-border: #d9d8e0;
    /* Text fields and selects: one look in every section (controls.styles.ts). */
    --pv-field: #ffffff;
    --pv-field-border: #8f8d98;
    --pv-radius: 12px;
    --pv-overlay-shadow: 0 4px 16px rgb(0 0 0 / 0.25);
    --pv-touch: 44px;
    font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    color: var(--pv-text);
    /* Native parts (option lists, checkboxes, scrollbars, date pickers) follow the theme too. */
    color-scheme: light dark;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --pv-bg: #121216;
      --pv-surface: #1d1d23;
      --pv-text: #e6e1e5;
      --pv-muted: #b0adb8;
      --pv-accent: #9db0ff;
      --pv-accent-text: #0b1a5c;
      --pv-border: #3a3940;
      --pv-field: #26262d;
      --pv-field-border: #6c6a75;
      --pv-danger: #ffb4ab;
    }
  }
  button,
  select,
  input,
  textarea {
    font: inherit;
    min-height: var(--pv-touch);
  }
  button {
    border-radius: var(--pv-radius);
    border: 1px solid var(--pv-border);
    background: var(--pv-surface);
    color: var(--pv-text);
    padding: 0 16px;
    cursor: pointer;
  }
  button.primary {
    background: var(--pv-accent);
    color: var(--pv-accent-text);
    border-color: var(--pv-accent);
  }
  button:disabled {
    opacity: 0.5;
    cursor: default;
  }
  /* The browser's own link blue is too dark on the dark theme's cards. */
  a {
    color: var(--pv-accent);
  }
  :focus-visible {
    outline: 3px solid var(--pv-accent);
    outline-offset: 2px;
  }
  .error {
    color: var(--pv-danger);
  }
  /* For screen readers only; stays in the DOM (tests and label clicks can still reach it). */
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    min-height: 0;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
`;

/** Every component starts from these: the tokens and the one look of form controls. */
export const tokens = [base, controls];
