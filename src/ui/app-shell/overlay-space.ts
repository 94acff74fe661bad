import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Keeps `--pv-overlay-space` on the shell at the height of the offers floating over the page, so
 * the page's end (the last card's buttons) can still be scrolled clear of them. Written through
 * CSSOM: the Content-Security-Policy blocks style attributes, not this.
 */
export class OverlaySpace implements ReactiveController {
  private observed: Element | null = null;
  private readonly observer = new ResizeObserver(([entry]) =>
    this.host.style.setProperty('--pv-overlay-space', `${Math.ceil(entry.borderBoxSize[0].blockSize)}px`),
  );

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly find: () => Element | null,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    const el = this.find();
    if (el === this.observed) return;
    this.observer.disconnect();
    if (el) this.observer.observe(el);
    this.observed = el;
  }

  hostDisconnected(): void {
    this.observer.disconnect();
    this.observed = null;
  }
}
