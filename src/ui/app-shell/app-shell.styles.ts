import { css } from 'lit';

export const styles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 100dvh;
    background: var(--pv-bg);
  }
  header {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 8px;
    padding: 8px 16px;
    padding-top: max(8px, env(safe-area-inset-top));
    background: var(--pv-surface);
    border-bottom: 1px solid var(--pv-border);
  }
  h1 {
    font-size: var(--pv-text-md);
    margin: 0;
    min-height: 28px;
    display: flex;
    align-items: center;
  }
  .badge {
    font-size: var(--pv-text-xs);
    color: var(--pv-muted);
    border: 1px solid var(--pv-border);
    border-radius: var(--pv-radius-round);
    padding: 2px 8px;
    background: var(--pv-surface);
  }
  .notice {
    margin: 8px 12px 0;
    padding: 8px 12px;
    border: 1px solid var(--pv-border);
    border-radius: var(--pv-radius);
    background: var(--pv-surface);
  }
  /* Snackbars over the content, just above the nav; each has its own dismiss button. */
  .overlays {
    position: fixed;
    left: 0;
    right: 0;
    bottom: calc(64px + env(safe-area-inset-bottom));
    z-index: 1;
    width: min(100% - 24px, 560px);
    max-height: calc(100dvh - 144px);
    overflow-y: auto;
    margin: 0 auto;
    display: grid;
    gap: 8px;
    /* The empty stack must not take taps meant for the page under it. */
    pointer-events: none;
  }
  .overlays > * {
    pointer-events: auto;
  }
  .overlays .notice {
    margin: 0;
    box-shadow: var(--pv-overlay-shadow);
  }
  main {
    flex: 1;
    padding: 12px;
    /* Clear of the nav, and of the offers over the page (overlay-space.ts): the end can be scrolled into view. */
    padding-bottom: calc(88px + var(--pv-overlay-space, 0px));
    max-width: 720px;
    width: 100%;
    margin: 0 auto;
    box-sizing: border-box;
  }
  nav {
    z-index: 1;
    position: fixed;
    bottom: 0;
    left: 0;
    right: 0;
    display: grid;
    grid-template-columns: repeat(5, 1fr);
    background: var(--pv-surface);
    border-top: 1px solid var(--pv-border);
    padding-bottom: env(safe-area-inset-bottom);
  }
  nav a {
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    min-height: 56px;
    color: var(--pv-muted);
    text-decoration: none;
    font-size: 0.8rem;
  }
  nav a[aria-current='page'] {
    color: var(--pv-accent);
    font-weight: 600;
  }
  nav .icon {
    width: 24px;
    height: 24px;
    fill: currentColor;
  }
  nav a {
    text-align: center;
    line-height: 1.2;
  }

  /*
   * A phone on its side has ~390 px of height: the header goes (only an Offline badge floats in a
   * corner) and the nav becomes a rail on the left, so a page's main thing (the drawing and its
   * reading, the shutter) stays in view.
   */
  @media (orientation: landscape) and (max-height: 500px) {
    header {
      position: fixed;
      top: 4px;
      right: 8px;
      z-index: 2;
      padding: 0;
      background: none;
      border: 0;
    }
    h1 {
      display: none;
    }
    nav {
      top: 0;
      right: auto;
      width: calc(80px + env(safe-area-inset-left));
      padding: env(safe-area-inset-top) 0 env(safe-area-inset-bottom) env(safe-area-inset-left);
      box-sizing: border-box;
      grid-template-columns: 1fr;
      grid-template-rows: repeat(5, 1fr);
      border-top: 0;
      border-right: 1px solid var(--pv-border);
    }
    nav a {
      min-height: var(--pv-touch);
    }
    main {
      padding: 8px 12px calc(12px + var(--pv-overlay-space, 0px)) calc(92px + env(safe-area-inset-left));
      max-width: none;
    }
    .overlays {
      left: calc(80px + env(safe-area-inset-left));
      bottom: 12px;
      width: min(100% - 104px, 560px);
      max-height: calc(100dvh - 24px);
    }
  }
`;
