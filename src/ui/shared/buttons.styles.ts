import { css } from 'lit';

/**
 * The three kinds of button, the same in every section:
 * - plain `<button>` or `.secondary`: an outlined button, for most actions;
 * - `.primary`: filled with the accent, for the one main action of a card;
 * - `.danger`: outlined in red, for a first "Delete…" step; `.danger.primary`: filled red, for the
 *   step that really deletes (a confirmation), so it never looks like an ordinary main action.
 * `a.button` makes a link look like a button. Every one is at least 44×44 CSS px.
 */
export const buttons = css`
  button,
  a.button {
    box-sizing: border-box;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: var(--pv-space-2);
    min-height: var(--pv-touch);
    min-width: var(--pv-touch);
    padding: 0 var(--pv-space-4);
    border-radius: var(--pv-radius);
    border: 1px solid var(--pv-field-border);
    background: var(--pv-surface);
    color: var(--pv-text);
    font: inherit;
    font-weight: 500;
    text-decoration: none;
    cursor: pointer;
  }
  :is(button, a.button).primary {
    background: var(--pv-accent);
    color: var(--pv-accent-text);
    border-color: var(--pv-accent);
  }
  :is(button, a.button).danger {
    background: var(--pv-surface);
    color: var(--pv-danger);
    border-color: var(--pv-danger);
  }
  :is(button, a.button).danger.primary {
    background: var(--pv-danger);
    color: var(--pv-danger-text);
    border-color: var(--pv-danger);
  }
  button:disabled {
    opacity: 0.5;
    cursor: default;
  }
`;
