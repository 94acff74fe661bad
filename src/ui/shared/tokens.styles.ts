import { css } from 'lit';
import { buttons } from './buttons.styles';
import { controls } from './controls.styles';

/**
 * The design tokens (colour, spacing, radius, type scale) and the base look of every component:
 * phone-first sizes, large touch targets, dark mode. Sections use the custom properties, never raw
 * values, so a change here reaches every screen.
 */
const base = css`
  :host {
    --pv-bg: #f7f7fb;
    --pv-surface: #ffffff;
    --pv-text: #1c1b1f;
    --pv-muted: #5f5d66;
    --pv-accent: #3b5bdb;
    --pv-accent-text: #ffffff;
    --pv-danger: #b3261e;
    /* Text on a filled red (destructive) button. */
    --pv-danger-text: #ffffff;
    --pv-border: #d9d8e0;
    /* Text fields and selects: one look in every section (controls.styles.ts). */
    --pv-field: #ffffff;
    --pv-field-border: #8f8d98;
    /* Spacing: a 4 px scale. */
    --pv-space-1: 4px;
    --pv-space-2: 8px;
    --pv-space-3: 12px;
    --pv-space-4: 16px;
    --pv-space-5: 24px;
    --pv-space-6: 32px;
    /* Corners: small (fields, chips), normal (cards, buttons), round (pills). */
    --pv-radius-sm: 8px;
    --pv-radius: 12px;
    --pv-radius-round: 999px;
    /* Type scale: caption, small, body, title, page title, the big answer. */
    --pv-text-xs: 0.8rem;
    --pv-text-sm: 0.9rem;
    --pv-text-md: 1rem;
    --pv-text-lg: 1.2rem;
    --pv-text-xl: 1.5rem;
    --pv-text-display: 3rem;
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
      --pv-danger-text: #690005;
    }
  }
  select,
  input,
  textarea {
    font: inherit;
    min-height: var(--pv-touch);
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

/** Every component starts from these: the tokens, the buttons and the one look of form controls. */
export const tokens = [base, buttons, controls];
