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
`;
