/**
 * Black or white text on a confusion-matrix cell, whichever contrasts more with the cell's colour
 * as painted (rgb at `alpha` over the card). One of the two always reaches WCAG's 4.5:1; a fixed
 * colour from a share threshold did not (white on a half-blue cell is 2.6:1).
 */
type Rgb = [number, number, number];

/** The card colours (--pv-surface in tokens.styles.ts): light and dark theme. */
export const SURFACE_LIGHT: Rgb = [255, 255, 255];
export const SURFACE_DARK: Rgb = [29, 29, 35];

const linear = (c: number) => {
  const s = c / 255;
  return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
};

/** WCAG relative luminance of rgb at `alpha` over `surface`. */
export function luminance(rgb: Rgb, alpha: number, surface: Rgb): number {
  const [r, g, b] = rgb.map((c, i) => linear(alpha * c + (1 - alpha) * surface[i]));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** True when white text beats black on that colour ((L+0.05)/0.05 vs 1.05/(L+0.05)). */
export function whiteInk(rgb: Rgb, alpha: number, surface: Rgb): boolean {
  return luminance(rgb, alpha, surface) < 0.179;
}
