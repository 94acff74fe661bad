import { css } from 'lit';

/** Shared by the Teach section's parts: cards, thumbnail grids, rows of buttons. */
export const styles = css`
  :host {
    display: block;
  }
  h2 {
    font-size: 1.2rem;
    margin: 4px 0 12px;
  }
  input.title {
    font-size: 1.2rem;
    font-weight: 700;
  }
  h3 {
    font-size: 1rem;
    margin: 0 0 8px;
  }
  p {
    margin: 6px 0;
  }
  .card {
    margin-bottom: 12px;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    align-items: center;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 4px;
    margin-bottom: 8px;
  }
  .thumbs {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(56px, 1fr));
    gap: 4px;
    margin: 8px 0;
  }
  .thumbs img {
    width: 100%;
    aspect-ratio: 1;
    object-fit: cover;
    border-radius: 6px;
    display: block;
  }
  .thumb {
    position: relative;
  }
  .thumb button {
    position: absolute;
    top: 0;
    right: 0;
    min-height: 0;
    width: 24px;
    height: 24px;
    padding: 0;
    border-radius: 50%;
    font-size: 14px;
    line-height: 1;
  }
  .warning {
    background: #fff4e5;
    color: #6b3d00;
    border-radius: 8px;
    padding: 8px;
    margin: 6px 0;
  }
  @media (prefers-color-scheme: dark) {
    .warning {
      background: #3a2a10;
      color: #ffd9a8;
    }
  }
  .drop {
    border: 2px dashed transparent;
    border-radius: var(--pv-radius);
  }
  .drop.over {
    border-color: var(--pv-accent);
  }
  ul.plain {
    list-style: none;
    padding: 0;
    margin: 0;
  }
  ul.plain li {
    margin-bottom: 8px;
  }
  a.open {
    display: block;
    color: inherit;
    text-decoration: none;
  }
  progress {
    width: 100%;
  }
  table.per-class td,
  table.per-class th {
    padding: 2px 8px;
    text-align: left;
  }
  .pre {
    white-space: pre-line;
  }
  button.danger {
    color: var(--pv-danger);
  }
`;
