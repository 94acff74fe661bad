import type { ImageClassification } from '../../contract/ml-api';

/** One photo and what the model said about it. */
export interface Card {
  id: number;
  name: string;
  /** Object URL of the thumbnail ('' when there is nothing to show). */
  url: string;
  /** What to classify again when the model changes: the file, or a JPEG copy of a camera frame. */
  source: Blob | null;
  /** A camera frame not yet sent to the worker (transferred, so used once). */
  bitmap: ImageBitmap | null;
  status: 'pending' | 'working' | 'done' | 'error';
  result?: ImageClassification;
  error?: string;
  /** The model of the result or error shown. */
  modelId?: string;
  /** "Where did it look?": object URL of the Grad-CAM overlay, or 'working'. */
  saliency?: string;
}

/** A card before the page numbers it. */
export type NewCard = Omit<Card, 'id'>;

/** Frees what a card holds outside the JS heap: its object URLs and an unsent camera frame. */
export function releaseCard(c: Card): void {
  if (c.url) URL.revokeObjectURL(c.url);
  if (c.saliency && c.saliency !== 'working') URL.revokeObjectURL(c.saliency);
  c.bitmap?.close();
}
