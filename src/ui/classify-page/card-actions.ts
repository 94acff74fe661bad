/** What a card asks of the worker: an answer from one model, and "where did it look?". */
import { ml, transfer } from '../../app/ml-client';
import { dropDamagedStoredFiles } from '../../app/pwa/model-used';
import { ttaOption } from '../../app/settings';
import type { Card } from './card';
import { messageOf } from './format';
import * as store from './results-store';

const TOP_K = 5;

/**
 * Asks `modelId` about the card's photo: an unsent camera frame is transferred (used once), else
 * the file or the frame's JPEG copy is sent. Marks the card working; returns the answer as a change.
 */
export async function askModel(card: Card, modelId: string): Promise<Partial<Card>> {
  let image: Blob | ImageBitmap;
  if (card.bitmap) {
    image = transfer(card.bitmap, [card.bitmap]);
    store.patchCard(card.id, { status: 'working', bitmap: null, modelId });
  } else if (card.source) {
    image = card.source;
    store.patchCard(card.id, { status: 'working', modelId });
  } else return { status: 'error', error: 'This photo is no longer available. Take or choose it again.' };
  const ask = async (photo: Blob | ImageBitmap): Promise<Partial<Card>> => {
    const result = await ml().classifyImage(photo, modelId, TOP_K, { tta: ttaOption() });
    return { status: 'done', result, error: undefined };
  };
  try {
    try {
      return await ask(image);
    } catch (e) {
      // A model file damaged in the cache (a cut-off download) fails every load until it is fetched
      // again: drop damaged copies and, when there were some, ask once more (a frame was transferred
      // away: only a stored photo can be asked again).
      if (card.source && (await dropDamagedStoredFiles()).length) return await ask(card.source);
      throw e;
    }
  } catch (e) {
    return { status: 'error', result: undefined, error: messageOf(e) };
  }
}

/** Shows or hides the Grad-CAM overlay of the card's top answer; returns what went wrong, or ''. */
export async function toggleSaliency(id: number): Promise<string> {
  const card = store.findCard(id);
  if (!card) return '';
  if (card.saliency) {
    if (card.saliency !== 'working') URL.revokeObjectURL(card.saliency);
    store.patchCard(id, { saliency: undefined });
    return '';
  }
  const top = card.result?.top[0];
  if (!card.source || !top || !card.modelId) return '';
  store.patchCard(id, { saliency: 'working' });
  try {
    const blob = await ml().explainImage(card.source, card.modelId, top.index);
    store.patchCard(id, { saliency: URL.createObjectURL(blob) });
    return '';
  } catch (e) {
    store.patchCard(id, { saliency: undefined });
    return `Could not show where it looked: ${messageOf(e)}`;
  }
}
