/**
 * Brings the newest answer on screen the moment it exists: on a phone it renders below the camera
 * and the photo picker, more than a screen down, where the user would never see it arrive.
 * Scrolling moves neither focus nor the live region (announce() in the page still says the answer).
 */

/** A pick shows the whole card from its top; the camera shows just the verdict, so the shutter stays on screen. */
export type RevealMode = 'card' | 'verdict';

const reducedMotion = () => matchMedia('(prefers-reduced-motion: reduce)').matches;

/** Inside the band its scroll margins leave: below the top, above the bottom nav and an offer over the content. */
function inBand(el: Element): boolean {
  const box = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  return box.top >= 0 && box.bottom <= innerHeight - Number.parseFloat(style.scrollMarginBottom);
}

/** Scrolls `card` (a result article) so its verdict is seen; does nothing when it already is. */
export function reveal(card: HTMLElement, mode: RevealMode): void {
  const verdict = card.querySelector<HTMLElement>('.head') ?? card;
  if (inBand(verdict)) return;
  (mode === 'card' ? card : verdict).scrollIntoView({
    block: mode === 'card' ? 'start' : 'nearest',
    behavior: reducedMotion() ? 'auto' : 'smooth',
  });
}
