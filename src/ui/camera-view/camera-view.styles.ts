import { css } from 'lit';

export const styles = css`
  :host {
    display: grid;
    gap: 10px;
  }
  [hidden] {
    display: none !important;
  }
  .viewport {
    position: relative;
    width: 100%;
    aspect-ratio: 3 / 4;
    max-height: 60dvh;
    background: #000;
    border-radius: var(--pv-radius);
    overflow: hidden;
  }
  video {
    width: 100%;
    height: 100%;
    object-fit: cover;
    display: block;
  }
  /* The front camera previews like a mirror; the photo itself is not flipped. */
  .viewport[data-facing='user'] video {
    transform: scaleX(-1);
  }
  .starting {
    position: absolute;
    inset: 0;
    margin: 0;
    display: grid;
    place-items: center;
    color: #fff;
  }
  .flash {
    position: absolute;
    inset: 0;
    background: #fff;
    opacity: 0;
    pointer-events: none;
    transition: opacity 150ms ease-out;
  }
  .flash.on {
    opacity: 0.7;
    transition: none;
  }
  .controls {
    display: grid;
    grid-template-columns: 1fr auto 1fr;
    align-items: center;
    gap: 8px;
  }
  .controls button:not(.shutter) {
    padding: 0 8px;
    min-height: 48px;
  }
  .shutter {
    width: 76px;
    height: 76px;
    border-radius: 50%;
    padding: 0;
    border: 4px solid var(--pv-accent);
    background: var(--pv-surface);
    display: grid;
    place-items: center;
  }
  .shutter span {
    width: 56px;
    height: 56px;
    border-radius: 50%;
    background: var(--pv-accent);
  }
  .shutter:active:not(:disabled) span {
    transform: scale(0.9);
  }
  .start {
    display: flex;
    align-items: center;
    justify-content: center;
    gap: 8px;
    min-height: 56px;
    width: 100%;
    font-weight: 600;
  }
  .start svg {
    width: 24px;
    height: 24px;
    fill: currentColor;
  }
  .alert {
    margin: 0;
  }
  @media (prefers-reduced-motion: reduce) {
    .flash {
      transition: none;
    }
  }

  /* ---- viewfinder (Classify): one large area, controls over the picture ---- */
  .vf {
    aspect-ratio: auto;
    max-height: none;
    height: var(--pv-viewfinder-height, 60dvh);
    color: #fff;
  }
  .still {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    object-fit: cover;
    display: block;
  }
  .vf[data-facing='user'] .still {
    transform: scaleX(-1);
  }
  .intro {
    position: absolute;
    inset: 0;
    display: grid;
    align-content: center;
    justify-items: center;
    gap: 12px;
    padding: 16px;
    text-align: center;
    overflow-y: auto;
  }
  .intro .start {
    width: auto;
    min-width: 200px;
    min-height: 64px;
    font-size: 1.1rem;
    padding: 0 24px;
    border-radius: 32px;
  }
  .why {
    margin: 0;
    max-width: 32ch;
    color: #e8e8ee;
    line-height: 1.35;
  }
  .intro .alert {
    color: #ffb4ab;
    max-width: 40ch;
  }
  /* Buttons over the picture: light on a dark scrim, whatever the theme. */
  .vf button.over,
  .vf button.round {
    background: rgb(0 0 0 / 0.55);
    color: #fff;
    border: 1px solid rgb(255 255 255 / 0.6);
    min-height: 48px;
  }
  .vf button.round {
    width: 48px;
    padding: 0;
    border-radius: 50%;
    display: grid;
    place-items: center;
  }
  .vf button.round svg {
    width: 24px;
    height: 24px;
    fill: currentColor;
  }
  .bar {
    position: absolute;
    left: 0;
    right: 0;
    display: grid;
    grid-template-columns: 1fr auto 1fr;
    align-items: center;
    gap: 8px;
    padding: 10px 12px;
  }
  .bar.top {
    top: 0;
    display: flex;
    justify-content: space-between;
  }
  .bar.bottom {
    bottom: 0;
    background: linear-gradient(to top, rgb(0 0 0 / 0.45), transparent);
  }
  .bar.bottom > :first-child {
    justify-self: start;
  }
  .bar.bottom ::slotted(*) {
    justify-self: end;
  }
  .vf .shutter {
    border-color: #fff;
    background: rgb(0 0 0 / 0.3);
  }
  .vf .shutter span {
    background: #fff;
  }
  /* A phone on its side: the buttons side by side, low in the frame (the model's download shows above). */
  @media (orientation: landscape) and (max-height: 600px) {
    .intro {
      grid-template-columns: auto auto;
      align-content: end;
      gap: 8px 12px;
    }
    .intro .start,
    .intro .over {
      grid-row: 1;
    }
    .intro .why {
      grid-row: 2;
      grid-column: 1 / -1;
    }
    .intro .alert {
      grid-row: 3;
      grid-column: 1 / -1;
    }
  }
`;
