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
    min-height: var(--pv-touch);
    padding: 0 10px;
    border: 1px solid var(--pv-field-border);
    border-radius: var(--pv-radius-sm);
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
    width: 20px;
    height: 20px;
    min-height: 0;
    margin: 0;
  }
  /*
   * A check box or radio button with its words: the whole label is the target, padded to 44 px
   * high, so the 20 px box itself need not be. Use <label class="check"><input type=checkbox>Words</label>.
   */
  :where(label.check) {
    display: inline-flex;
    align-items: center;
    gap: var(--pv-space-2);
    min-height: var(--pv-touch);
    min-width: var(--pv-touch);
    padding: 0 var(--pv-space-1);
    box-sizing: border-box;
    cursor: pointer;
  }
  /* A disclosure's summary is a tap target like any button. */
  :where(summary) {
    box-sizing: border-box;
    min-height: var(--pv-touch);
    padding: 10px 0;
    cursor: pointer;
  }
`;
