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
    font-size: 1.1rem;
    margin: 0;
  }
  .badges {
    display: flex;
    gap: 6px;
    font-size: 0.8rem;
    color: var(--pv-muted);
  }
  .badge {
    border: 1px solid var(--pv-border);
    border-radius: 999px;
    padding: 2px 8px;
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
`;
