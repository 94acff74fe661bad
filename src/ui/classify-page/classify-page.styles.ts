import { css } from 'lit';

export const styles = css`
  :host {
    display: grid;
    gap: 12px;
  }
  h2 {
    font-size: 1.2rem;
    margin: 4px 0 0;
  }
  h3 {
    font-size: 1rem;
    margin: 0;
  }
  p {
    margin: 0;
  }
  .status {
    display: grid;
    gap: 6px;
  }
  progress {
    width: 100%;
    height: 12px;
    accent-color: var(--pv-accent);
  }
  .picker {
    display: grid;
    grid-template-columns: auto 1fr;
    align-items: center;
    gap: 8px;
  }
  .picker label {
    font-weight: 600;
  }
  select {
    width: 100%;
  }
  .inputs {
    display: grid;
    gap: 12px;
  }
  .results {
    display: grid;
    gap: 12px;
  }
  .results-head {
    display: flex;
    align-items: center;
    justify-content: space-between;
  }
  /* Thumbnail beside the verdict; bars and timing full width underneath. */
  .result {
    display: grid;
    grid-template-columns: 96px 1fr;
    gap: 10px 12px;
    align-items: start;
  }
  /* Room above the bottom nav and an offer over the content (reveal.ts keeps the verdict in this band). */
  .result,
  .head {
    scroll-margin: 12px 0 calc(240px + env(safe-area-inset-bottom));
  }
  .result[data-state='pending'],
  .result[data-state='working'] {
    border-style: dashed;
  }
  .thumb {
    width: 96px;
    height: 96px;
    border-radius: 8px;
    background: var(--pv-bg);
    border: 1px solid var(--pv-border);
    box-sizing: border-box;
    overflow: hidden;
  }
  .thumb img {
    width: 100%;
    height: 100%;
    object-fit: cover;
    display: block;
  }
  .head {
    display: grid;
    gap: 4px;
    align-content: center;
    min-height: 96px;
    min-width: 0;
  }
  .top1 {
    font-size: 1.6rem;
    font-weight: 700;
    line-height: 1.2;
    overflow-wrap: anywhere;
  }
  .top1.unsure {
    font-size: 1.2rem;
    font-weight: 600;
  }
  .bars,
  .meta {
    grid-column: 1 / -1;
    min-width: 0;
  }
  .explain {
    justify-self: start;
  }
  .meta {
    color: var(--pv-muted);
    font-size: 0.85rem;
    font-variant-numeric: tabular-nums;
  }
  .working {
    display: flex;
    align-items: center;
    gap: 8px;
    color: var(--pv-muted);
  }
  .spinner {
    width: 18px;
    height: 18px;
    border-radius: 50%;
    border: 3px solid var(--pv-border);
    border-top-color: var(--pv-accent);
    animation: spin 0.9s linear infinite;
    flex: none;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation: none;
    }
  }
  .retry {
    justify-self: start;
  }
`;
