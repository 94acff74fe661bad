/** Sections say when a model gave its first answer; the shell then offers to make the app work offline. */
export const MODEL_USED_EVENT = 'pv-model-used';

export function noteModelUsed(): void {
  window.dispatchEvent(new Event(MODEL_USED_EVENT));
}
