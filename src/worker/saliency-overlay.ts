/** Draws a Grad-CAM map over the part of the photo the backbone saw, as a JPEG for the UI. */

import { type PixelImage, resizeShortSideFor } from '../ml/photos/resnet-preprocess';
import type { SaliencyMap } from '../ml/photos/saliency';

const OUT = 224;

/** Transparent blue (cold) → opaque red-yellow (hot): the photo stays visible where nothing mattered. */
function colour(w: number): [number, number, number, number] {
  const r = Math.min(255, 510 * w);
  const g = Math.max(0, Math.min(255, 510 * (w - 0.5)));
  const b = Math.max(0, 255 * (1 - 2 * w));
  return [r, g, b, Math.round(200 * Math.sqrt(w))];
}

/** `asThumbnail`: the head saw the photo's whole centre square, shrunk (asSeenBy), not the usual crop. */
export async function saliencyOverlay(photo: PixelImage, saliency: SaliencyMap, asThumbnail = false): Promise<Blob> {
  // The centre crop of preprocessResnet: short side scaled to 256 (224 for thumbnails), middle 224 kept.
  const short = Math.min(photo.width, photo.height);
  const side = asThumbnail ? short : (short * 224) / resizeShortSideFor(224, short);
  const sx = (photo.width - side) / 2;
  const sy = (photo.height - side) / 2;
  const source = new OffscreenCanvas(photo.width, photo.height);
  source
    .getContext('2d')!
    .putImageData(
      new ImageData(new Uint8ClampedArray(photo.data) as Uint8ClampedArray<ArrayBuffer>, photo.width, photo.height),
      0,
      0,
    );

  const n = saliency.size;
  const heat = new OffscreenCanvas(n, n);
  const cells = new ImageData(n, n);
  for (let i = 0; i < n * n; i++) cells.data.set(colour(saliency.map[i]), i * 4);
  heat.getContext('2d')!.putImageData(cells, 0, 0);

  const out = new OffscreenCanvas(OUT, OUT);
  const ctx = out.getContext('2d')!;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(source, sx, sy, side, side, 0, 0, OUT, OUT);
  ctx.imageSmoothingEnabled = true; // bilinear spread of the 7×7 cells
  ctx.drawImage(heat, 0, 0, OUT, OUT);
  return out.convertToBlob({ type: 'image/jpeg', quality: 0.85 });
}
