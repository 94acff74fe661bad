import type { ImageClassification } from '../../contract/ml-api';

export type AnswerStatus = 'pending' | 'working' | 'done' | 'error';

/** What one model said about a photo. */
export interface Answer {
  modelId: string;
  status: 'done' | 'error';
  result?: ImageClassification;
  error?: string;
}

/** One photo and what the models said about it. */
export interface Card {
  id: number;
  name: string;
  /** Object URL of the thumbnail ('' when there is nothing to show). */
  url: string;
  /** What to classify again when the model changes: the file, or a JPEG copy of a camera frame. */
  source: Blob | null;
  /** A camera frame not yet sent to the worker (transferred, so used once). */
  bitmap: ImageBitmap | null;
  /** The current answer's state (the model chosen last for this photo). */
  status: AnswerStatus;
  result?: ImageClassification;
  error?: string;
  /** The model of the current answer (set when it is queued). */
  modelId?: string;
  /** Answers from models chosen before, newest first; none for the current model. */
  earlier: Answer[];
  /** "Where did it look?": object URL of the Grad-CAM overlay, or 'working'. */
  saliency?: string;
  /** Where it came from: a camera shot shows its answer over the frozen frame. */
  from: 'camera' | 'photo';
}

/** A card before the store numbers it. */
export type NewCard = Omit<Card, 'id' | 'earlier'>;

/** The current answer, to file under `earlier` when another model is chosen; null while not answered. */
export function currentAnswer(c: Card): Answer | null {
  if (!c.modelId || (c.status !== 'done' && c.status !== 'error')) return null;
  return { modelId: c.modelId, status: c.status, result: c.result, error: c.error };
}

/**
 * The card switched to `modelId`: the current answer moves to `earlier`; an earlier answer by
 * that model comes back as the current one (no need to ask again), else the card is pending.
 */
export function switchModel(c: Card, modelId: string): Partial<Card> {
  const now = currentAnswer(c);
  const back = c.earlier.find((a) => a.modelId === modelId);
  const earlier = [...(now ? [now] : []), ...c.earlier].filter((a) => a.modelId !== modelId);
  if (back) return { ...back, earlier };
  return { status: 'pending', result: undefined, error: undefined, modelId, earlier };
}

/** Frees what a card holds outside the JS heap: its object URLs and an unsent camera frame. */
export function releaseCard(c: Card): void {
  if (c.url) URL.revokeObjectURL(c.url);
  if (c.saliency && c.saliency !== 'working') URL.revokeObjectURL(c.saliency);
  c.bitmap?.close();
}
