/**
 * The Classify results of this session: module state, so leaving the section and coming back
 * keeps every card (the page component is created anew each time). Capped: the oldest cards are
 * dropped and their thumbnails and frames released.
 */
import { type Card, type NewCard, releaseCard } from './card';

/** Older cards are dropped (and their thumbnails freed) beyond this many. */
export const MAX_CARDS = 24;

type Listener = () => void;

let cards: Card[] = [];
let nextId = 1;
let cameraShots = 0;
const listeners = new Set<Listener>();

const changed = () => {
  for (const l of listeners) l();
};

/** Newest first. */
export const allCards = (): readonly Card[] => cards;
export const findCard = (id: number): Card | undefined => cards.find((c) => c.id === id);
export const hasCard = (id: number): boolean => cards.some((c) => c.id === id);
/** "Camera photo 3": numbered over the session. */
export const nextShotName = () => `Camera photo ${++cameraShots}`;

/** Calls `listener` after every change; returns the unsubscribe. */
export function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Adds a card first; returns it, and the cards dropped past the cap (already released). */
export function addCard(c: NewCard): { card: Card; dropped: Card[] } {
  const card: Card = { ...c, earlier: [], id: nextId++ };
  const next = [card, ...cards];
  const dropped = next.splice(MAX_CARDS);
  for (const old of dropped) releaseCard(old);
  cards = next;
  changed();
  return { card, dropped };
}

export function patchCard(id: number, change: Partial<Card>): void {
  if (!hasCard(id)) return;
  cards = cards.map((c) => (c.id === id ? { ...c, ...change } : c));
  changed();
}

/** Removes every card and releases what they hold. */
export function clearCards(): Card[] {
  const gone = cards;
  for (const c of gone) releaseCard(c);
  cards = [];
  changed();
  return gone;
}
