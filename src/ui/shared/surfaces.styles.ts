import { css } from 'lit';

/** Looks several sections share: a card's surface and secondary (muted) text. Sections add their own spacing. */
export const surfaces = css`
  .card {
    background: var(--pv-surface);
    border: 1px solid var(--pv-border);
    border-radius: var(--pv-radius);
    padding: 12px;
  }
  .muted {
    color: var(--pv-muted);
    font-size: 0.9rem;
  }
`;
