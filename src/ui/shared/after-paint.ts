/**
 * Resolves in a task of its own after the next frame is painted. Heavy UI work awaited behind it
 * (building a chart) is neither part of the click that asked for it nor of that frame, so no
 * single main-thread task grows past the 50 ms that makes a page feel stuck.
 */
export function afterPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}
