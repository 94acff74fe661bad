import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  p {
    margin: 0;
  }
  /* Thumbnail beside the verdict; bars, Grad-CAM and buttons full width underneath. */
  .result {
    display: grid;
    grid-template-columns: 72px 1fr;
    gap: 10px 12px;
    align-items: start;
  }
  .result[data-state='pending'],
  .result[data-state='working'] {
    border-style: dashed;
  }
  .thumb {
    width: 72px;
    height: 72px;
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
    min-height: 72px;
    min-width: 0;
  }
  .top1 {
    font-size: 1.8rem;
    font-weight: 700;
    line-height: 1.15;
    overflow-wrap: anywhere;
  }
  /* A hedged answer is said smaller than a sure one. */
  .top1.probably {
    font-size: 1.5rem;
  }
  .top1.either,
  .top1.maybe {
    font-size: 1.3rem;
    font-weight: 600;
  }
  .explanation {
    overflow-wrap: anywhere;
  }
  /* The percentage stays visible, but secondary to the words. */
  .odds {
    overflow-wrap: anywhere;
  }
  .wide,
  .actions,
  .earlier,
  .cam {
    grid-column: 1 / -1;
    min-width: 0;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    align-items: start;
  }
  .cam {
    margin: 0;
    display: grid;
    gap: 6px;
  }
  .cam img {
    width: 100%;
    max-height: 60dvh;
    aspect-ratio: 1;
    object-fit: cover;
    border-radius: 8px;
    display: block;
  }
  .cam figcaption {
    display: flex;
    align-items: center;
    gap: 8px;
  }
  .cam figcaption .muted {
    flex: 1;
  }
  /* The colour scale of the overlay: cool (mattered little) to warm (mattered most). */
  .legend {
    width: 48px;
    height: 10px;
    border-radius: 5px;
    background: linear-gradient(90deg, #2040ff, #20d0a0, #ffe020, #ff3010);
    flex: none;
  }
  .earlier {
    list-style: none;
    margin: 0;
    padding: 8px 0 0;
    border-top: 1px solid var(--pv-border);
    display: grid;
    gap: 4px;
  }
  .earlier li {
    display: flex;
    justify-content: space-between;
    gap: 8px;
  }
  .earlier .model {
    color: var(--pv-muted);
  }
  .earlier .said {
    font-weight: 600;
    text-align: end;
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
