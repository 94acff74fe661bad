import { css } from 'lit';

export const styles = css`
  :host {
    display: grid;
    gap: 8px;
    /* The viewfinder fills the screen between the model picker and the bottom nav. */
    --pv-viewfinder-height: max(200px, calc(100dvh - 184px));
  }
  h3 {
    font-size: 1rem;
    margin: 0;
  }
  p {
    margin: 0;
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
    min-width: 0;
    text-overflow: ellipsis;
  }
  .stage {
    position: relative;
  }
  /* The photo model's download floats over the viewfinder: when it ends, nothing moves. */
  .backbone {
    position: absolute;
    top: 68px;
    left: 8px;
    right: 8px;
    font-size: 0.9rem;
  }
  @media (orientation: landscape) and (max-height: 600px) {
    .backbone {
      top: 8px;
      left: 64px;
      right: 64px;
    }
    .backbone .muted {
      display: none;
    }
  }
  .backbone:empty {
    display: none;
  }
  .status {
    display: grid;
    gap: 6px;
    box-shadow: var(--pv-overlay-shadow);
  }
  progress {
    width: 100%;
    height: 12px;
    accent-color: var(--pv-accent);
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
  /* ---- the answer sheet ---- */
  /*
   * Level with the shell's offers and nav, which come later: an offer floats over the sheet's foot,
   * never over its label, and the sheet scrolls further by the offers' height (overlay-space.ts),
   * so every button in it can be brought out from under them.
   */
  .sheet {
    position: fixed;
    z-index: 1;
    left: 0;
    right: 0;
    bottom: calc(57px + env(safe-area-inset-bottom));
    width: min(100%, 720px);
    height: min(62dvh, 480px);
    margin: 0 auto;
    box-sizing: border-box;
    overflow-y: auto;
    overscroll-behavior: contain;
    padding: 6px 12px calc(12px + var(--pv-overlay-space, 0px));
    background: var(--pv-surface);
    border-radius: 16px 16px 0 0;
    box-shadow: var(--pv-overlay-shadow);
    animation: rise 160ms ease-out;
  }
  .sheet:focus {
    outline: none;
  }
  @keyframes rise {
    from {
      transform: translateY(24px);
      opacity: 0.6;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .sheet {
      animation: none;
    }
  }
  /* A phone on its side: the sheet beside the frame, on its right. */
  @media (orientation: landscape) and (max-height: 600px) {
    .sheet {
      top: 8px;
      left: auto;
      right: 8px;
      width: min(52%, 440px);
      height: auto;
      margin: 0;
      border-radius: 16px;
    }
  }
  /* Where the nav becomes a side rail (app-shell.styles.ts), nothing is under the sheet's foot. */
  @media (orientation: landscape) and (max-height: 500px) {
    .sheet {
      bottom: 8px;
    }
  }
  .sheet-bar {
    display: flex;
    justify-content: space-between;
    align-items: center;
    gap: 8px;
    margin-bottom: 6px;
  }
  .sheet-bar .close {
    width: 48px;
    padding: 0;
    display: grid;
    place-items: center;
    border-radius: 50%;
  }
  .sheet-bar svg {
    width: 24px;
    height: 24px;
    fill: currentColor;
  }
  /* ---- live mode, over the viewfinder (slotted into pv-camera-view) ---- */
  .live-toggle {
    background: rgb(0 0 0 / 0.55);
    color: #fff;
    border: 1px solid rgb(255 255 255 / 0.6);
    min-height: 48px;
  }
  .live-toggle[aria-pressed='true'] {
    background: #fff;
    color: #000;
  }
  .live {
    position: absolute;
    left: 12px;
    right: 12px;
    bottom: 104px;
    display: flex;
    align-items: center;
    gap: 12px;
    padding: 8px 12px;
    border-radius: var(--pv-radius);
    background: rgb(0 0 0 / 0.6);
    color: #fff;
  }
  .live-label {
    flex: 1;
    font-size: 1.5rem;
    font-weight: 700;
    overflow-wrap: anywhere;
  }
  .live-label.either,
  .live-label.maybe {
    font-size: 1.2rem;
  }
  .live-p {
    display: block;
    font-size: 0.9rem;
    font-weight: 400;
    opacity: 0.85;
  }
  .live-hold {
    min-height: 48px;
  }
`;
