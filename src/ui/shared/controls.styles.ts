import { css } from 'lit';

/**
 * The one look of text fields, selects, text areas and check boxes, themed through the tokens
 * (--pv-field…) so none stays white in dark mode. Inside :where() the rules weigh nothing, so a
 * section can still say more (a bigger title field, a red border on a wrong value).
 */
export const controls = css`
  :where(input:not([type='checkbox'], [type='radio'], [type='file'], [type='range'], [type='color']), select, textarea) {
    box-sizing: border-box;
    /* A long <option> or value must not widen its grid or the page past a 360 px screen. */
    min-width: 0;
    max-width: 100%;
    padding: 0 10px;
    border: 1px solid var(--pv-field-border);
    border-radius: 8px;
    background-color: var(--pv-field);
    color: var(--pv-text);
  }
  :where(textarea) {
    padding: 8px 10px;
    resize: vertical;
  }
  :where(input, textarea)::placeholder {
    color: var(--pv-muted);
    opacity: 1;
  }
  :where(input, select, textarea):disabled {
    opacity: 0.6;
  }
  :where(input[type='checkbox'], input[type='radio']) {
    accent-color: var(--pv-accent);
  }
`;
