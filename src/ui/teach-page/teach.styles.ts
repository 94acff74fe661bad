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
    grid-template-columns: repeat(auto-fill, minmax(72px, 1fr));
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
  /* A 44 px target over the thumbnail's corner; the visible × stays small so the photo shows. */
  .thumb button.remove {
    position: absolute;
    top: 0;
    right: 0;
    min-height: 0;
    min-width: 0;
    width: 44px;
    height: 44px;
    padding: 0;
    border: 0;
    background: none;
    display: grid;
    place-items: start end;
  }
  .thumb button.remove span {
    width: 24px;
    height: 24px;
    margin: 2px;
    border-radius: 50%;
    background: var(--pv-surface);
    border: 1px solid var(--pv-border);
    color: var(--pv-text);
    font-size: 14px;
    line-height: 22px;
    text-align: center;
  }
  .undo-bar {
    position: fixed;
    z-index: 1;
    left: 0;
    right: 0;
    bottom: calc(64px + env(safe-area-inset-bottom));
    width: min(100% - 24px, 560px);
    margin: 0 auto;
    box-sizing: border-box;
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 12px;
    padding: 4px 4px 4px 16px;
    border-radius: 12px;
    background: var(--pv-text);
    color: var(--pv-surface);
    box-shadow: var(--pv-overlay-shadow);
  }
  .undo-bar button {
    color: var(--pv-surface);
    background: none;
    border-color: transparent;
    font-weight: 600;
  }
  @media (orientation: landscape) and (max-height: 500px) {
    .undo-bar {
      left: 80px;
      bottom: 12px;
    }
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
  /* A 44 px tall target, though it reads as a link. */
  a.back {
    display: inline-flex;
    align-items: center;
    min-height: 44px;
    padding-right: 8px;
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
  /* The ways to add photos, and Try it: big, side by side, easy to hit with a thumb. */
  .adders {
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: 8px;
    margin-top: 8px;
  }
  button.big {
    min-height: 56px;
    font-size: 1rem;
    font-weight: 600;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 8px;
  }
  button.big svg {
    width: 24px;
    height: 24px;
    fill: currentColor;
  }
  /* A photo whose features are still being computed: shown, dimmed, with a spinner. */
  .thumb.preparing img {
    opacity: 0.55;
  }
  .thumb.preparing::after {
    content: '';
    position: absolute;
    left: calc(50% - 10px);
    top: calc(50% - 10px);
    width: 20px;
    height: 20px;
    border-radius: 50%;
    border: 3px solid var(--pv-accent);
    border-right-color: transparent;
    animation: spin 1s linear infinite;
  }
  @media (prefers-reduced-motion: reduce) {
    .thumb.preparing::after {
      animation: none;
    }
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  button.danger {
    color: var(--pv-danger);
  }
`;
