/**
 * A JPEG copy of a camera frame, at most `maxSide` pixels on its long side: used for the
 * thumbnail and to classify the photo again with another model (the bitmap itself is
 * transferred to the worker and gone after the first classification).
 */
export async function frameBlob(bitmap: ImageBitmap, maxSide = 1024, quality = 0.9): Promise<Blob | null> {
  const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height, 1));
  const w = Math.max(1, Math.round(bitmap.width * scale));
  const h = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.drawImage(bitmap, 0, 0, w, h);
  return new Promise((resolve) => canvas.toBlob((b) => resolve(b), 'image/jpeg', quality));
}
