/** The Classify section's chosen image model, remembered in localStorage. */
import type { ImageModelInfo } from '../../contract/ml-api';
import { accuracy } from '../shared/format';

const KEY = 'pv.imageModel';

export function savedModelId(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null; // storage blocked: just don't remember
  }
}

export function saveModelId(id: string): void {
  try {
    localStorage.setItem(KEY, id);
  } catch {
    // storage blocked or full: the choice lasts for this visit only
  }
}

/** The saved model if it is still offered, else the first one. */
export function pickModel(models: ImageModelInfo[], saved = savedModelId()): string {
  return models.find((m) => m.id === saved)?.id ?? models[0]?.id ?? '';
}

/** Option text: the title, plus held-out accuracy when the card has it. */
export function modelOptionText(m: ImageModelInfo): string {
  return m.accuracy === undefined ? m.title : `${m.title} (${accuracy(m.accuracy)} accuracy)`;
}
