/** Pointer strokes that draw digits on the pad, in coordinates relative to its box (0..1). */
import type { Locator, Page } from 'playwright-core';

export type Pt = [number, number];

export const DIGIT_STROKES: Record<string, Pt[][]> = {
  '1': [
    [
      [0.5, 0.2],
      [0.5, 0.8],
    ],
  ],
  '0': [
    Array.from(
      { length: 25 },
      (_, i): Pt => [0.5 + 0.2 * Math.sin((i / 24) * 2 * Math.PI), 0.5 - 0.3 * Math.cos((i / 24) * 2 * Math.PI)],
    ),
  ],
  '7': [
    [
      [0.3, 0.22],
      [0.7, 0.22],
      [0.45, 0.8],
    ],
  ],
  '4': [
    [
      [0.55, 0.2],
      [0.3, 0.6],
      [0.72, 0.6],
    ],
    [
      [0.6, 0.4],
      [0.6, 0.82],
    ],
  ],
};

/** A stroke's pointer path: each segment split into `steps` moves, so the pad sees a continuous line. */
export function strokePath(stroke: Pt[], steps = 6): Pt[] {
  const path: Pt[] = [stroke[0]];
  for (let i = 1; i < stroke.length; i++) {
    const [ax, ay] = stroke[i - 1];
    const [bx, by] = stroke[i];
    for (let s = 1; s <= steps; s++) path.push([ax + ((bx - ax) * s) / steps, ay + ((by - ay) * s) / steps]);
  }
  return path;
}

export async function drawStrokes(page: Page, canvas: Locator, strokes: Pt[][]): Promise<void> {
  const box = await canvas.boundingBox();
  if (!box) throw new Error('canvas not visible');
  const at = ([x, y]: Pt) => [box.x + x * box.width, box.y + y * box.height] as const;
  for (const stroke of strokes) {
    const [first, ...rest] = strokePath(stroke);
    await page.mouse.move(...at(first));
    await page.mouse.down();
    for (const p of rest) await page.mouse.move(...at(p));
    await page.mouse.up();
  }
}
