import { describe, expect, it } from 'vitest';
import { luminance, SURFACE_DARK, SURFACE_LIGHT, whiteInk } from '../../src/ui/confusion-matrix/cell-ink';

const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);

describe('confusion-matrix cell ink', () => {
  it('reaches 4.5:1 on every share of blue and red, on the light and the dark card', () => {
    for (const rgb of [
      [59, 91, 219],
      [179, 38, 30],
    ] as [number, number, number][])
      for (const surface of [SURFACE_LIGHT, SURFACE_DARK])
        for (let alpha = 0; alpha <= 1.0001; alpha += 0.01) {
          const bg = luminance(rgb, alpha, surface);
          const ink = whiteInk(rgb, alpha, surface) ? 1 : 0;
          expect(contrast(bg, ink), `rgb ${rgb} alpha ${alpha.toFixed(2)} over ${surface}`).toBeGreaterThanOrEqual(4.5);
        }
  });
});
