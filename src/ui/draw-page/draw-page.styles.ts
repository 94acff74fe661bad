import { css } from 'lit';

export const styles = css`
  :host {
    display: grid;
    gap: 12px;
  }
  .pad {
    position: relative;
    width: min(100%, 340px);
    aspect-ratio: 1;
    margin: 0 auto;
  }
  canvas.digit {
    width: 100%;
    height: 100%;
    background: #fff;
    border: 2px solid var(--pv-border);
    border-radius: var(--pv-radius);
    touch-action: none;
    cursor: crosshair;
    display: block;
  }
  canvas.digit:focus-visible {
    outline: 3px solid var(--pv-accent);
    outline-offset: 2px;
  }
  /* The keyboard pen: a ring, filled while it draws. */
  .pen {
    position: absolute;
    width: 18px;
    height: 18px;
    margin: -9px 0 0 -9px;
    border: 2px solid var(--pv-accent);
    border-radius: 50%;
    pointer-events: none;
  }
  .pen.down {
    background: var(--pv-accent);
    opacity: 0.6;
  }
  /*
   * How to draw with keys, only for people using a keyboard: it shows while the pad has keyboard
   * focus (a tap does not count). Screen readers hear it anyway (aria-describedby).
   */
  .keys {
    display: none;
    margin: 0;
    text-align: center;
    color: var(--pv-muted);
    font-size: var(--pv-text-sm);
  }
  .pad:has(canvas.digit:focus-visible) + .keys {
    display: block;
  }
  .hint {
    position: absolute;
    inset: 0;
    display: grid;
    place-items: center;
    color: #8a8894;
    pointer-events: none;
  }
  .row {
    display: flex;
    gap: 8px;
    align-items: center;
    justify-content: space-between;
    flex-wrap: wrap;
  }
  .result {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 12px;
    align-items: center;
    background: var(--pv-surface);
    border: 1px solid var(--pv-border);
    border-radius: var(--pv-radius);
    padding: 12px;
    min-height: 96px;
  }
  .big {
    font-size: var(--pv-text-display);
    font-weight: 700;
    width: 2ch;
    text-align: center;
  }
  canvas.seen {
    width: 56px;
    height: 56px;
    image-rendering: pixelated;
    border: 1px solid var(--pv-border);
    background: #000;
  }
  .model-in-use {
    margin: 0;
    color: var(--pv-muted);
  }
  /* A phone on its side: the pad on the left, the buttons and the reading beside it, all in view. */
  @media (orientation: landscape) and (max-height: 500px) {
    :host {
      grid-template-columns: auto minmax(0, 1fr);
      align-items: start;
      align-content: start;
    }
    :host > :not(.pad) {
      grid-column: 2;
    }
    .pad {
      grid-column: 1;
      grid-row: 1 / span 4;
      width: min(340px, calc(100dvh - 32px));
      margin: 0;
    }
  }
`;
