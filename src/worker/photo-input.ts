/**
 * Turns a photo (Blob from gallery/paste/share, or an ImageBitmap from the camera) into pixels
 * the ResNet preprocessing takes: decoded with EXIF orientation, scaled down in one canvas draw
 * so the short side is about 256 px (an 8000×6000 photo never reaches a canvas at full size).
 */
import { UserError } from '../ml/errors';
import { resizeShortSideFor, type PixelImage } from '../ml/resnet-preprocess';

async function decode(image: Blob | ImageBitmap): Promise<ImageBitmap> {
  if (!(image instanceof Blob)) return image;
  if (image.size === 0) throw new UserError('bad-image', 'This file is empty (0 bytes), so there is no picture to classify.');
  try {
    return await createImageBitmap(image, { imageOrientation: 'from-image' });
  } catch {
    const kind = image.type ? ` (${image.type})` : '';
    throw new UserError('bad-image', `This file${kind} is not a picture this browser can open. Try a JPEG or PNG photo.`);
  }
}

export async function photoPixels(image: Blob | ImageBitmap, inputSize: number): Promise<PixelImage> {
  const bitmap = await decode(image);
  try {
    const short = resizeShortSideFor(inputSize);
    const scale = Math.min(1, short / Math.min(bitmap.width, bitmap.height)) || 1;
    // Leave a little headroom above the target so the preprocessing's antialiased resize does the final step.
    const w = Math.max(1, Math.round(bitmap.width * Math.min(1, scale * 2)));
    const h = Math.max(1, Math.round(bitmap.height * Math.min(1, scale * 2)));
    const canvas = new OffscreenCanvas(w, h);
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new UserError('bad-image', 'This browser cannot draw the picture for classification.');
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(bitmap, 0, 0, w, h);
    const { data } = ctx.getImageData(0, 0, w, h);
    return { width: w, height: h, data, channels: 4 };
  } finally {
    bitmap.close();
  }
}
