import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  h2 {
    font-size: 1.2rem;
    margin: 4px 0 12px;
  }
  h3 {
    font-size: 1rem;
    margin: 0 0 8px;
  }
  h4 {
    font-size: 0.95rem;
    margin: 16px 0 6px;
  }
  p {
    margin: 6px 0;
  }
  .card {
    margin-bottom: 12px;
  }
  fieldset {
    border: 0;
    padding: 0;
    margin: 8px 0 0;
    min-width: 0;
  }
  legend {
    font-size: 0.85rem;
    color: var(--pv-muted);
    padding: 0;
    margin-bottom: 8px;
  }
  /* Two columns on a 360 px phone, more when there is room. */
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(140px, 1fr));
    gap: 10px 12px;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 4px;
    min-width: 0;
  }
  .field label {
    font-size: 0.85rem;
  }
  .field input:not([type='checkbox']),
  .field select {
    width: 100%;
  }
  .field input[aria-invalid='true'] {
    border-color: var(--pv-danger);
    border-width: 2px;
  }
  /* The check box's label is its 44 px target (controls.styles.ts). */
  .field label.check {
    align-self: start;
  }
  .field-error {
    font-size: 0.8rem;
    margin: 0;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    margin-top: 12px;
  }
  .confirm {
    border: 1px solid var(--pv-danger);
    border-radius: 8px;
    padding: 8px;
  }
  .confirm .actions {
    margin-top: 4px;
  }
  .note {
    color: var(--pv-muted);
    font-size: 0.9rem;
  }
  .alert {
    border: 1px solid var(--pv-danger);
    border-radius: 8px;
    padding: 8px 12px;
    background: var(--pv-surface);
  }
  progress {
    display: block;
    width: 100%;
    height: 12px;
    margin: 4px 0 10px;
    accent-color: var(--pv-accent);
  }
  label[for^='p-'] {
    font-size: 0.9rem;
  }
  .big {
    font-size: 1.3rem;
    font-weight: 600;
  }
  .per-class {
    list-style: none;
    padding: 0;
    margin: 0;
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(150px, 1fr));
    gap: 2px 16px;
    font-size: 0.9rem;
    font-variant-numeric: tabular-nums;
  }
  .per-class li {
    display: flex;
    justify-content: space-between;
    gap: 8px;
    border-bottom: 1px solid var(--pv-border);
  }
  a {
    color: var(--pv-accent);
  }
`;
