import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  .zone {
    position: relative;
    display: grid;
    justify-items: center;
    gap: 6px;
    padding: 14px 12px;
    border: 2px dashed var(--pv-border);
    border-radius: var(--pv-radius);
    background: var(--pv-surface);
    transition: border-color 120ms, background-color 120ms;
  }
  .zone.over {
    border-color: var(--pv-accent);
    border-style: solid;
    background: color-mix(in srgb, var(--pv-accent) 12%, var(--pv-surface));
  }
  .pick {
    display: flex;
    align-items: center;
    justify-content: center;
    gap: 8px;
    width: 100%;
    min-height: 56px;
    font-weight: 600;
  }
  .pick svg {
    width: 24px;
    height: 24px;
    fill: currentColor;
  }
  .hint {
    margin: 0;
    font-size: 0.9rem;
    color: var(--pv-muted);
    text-align: center;
  }
  @media (prefers-reduced-motion: reduce) {
    .zone {
      transition: none;
    }
  }
`;
