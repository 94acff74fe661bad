/** Small square JPEG thumbnails of samples, and JPEG copies of camera frames, in the worker. */
import type { PixelImage } from '../ml/photos/resnet-preprocess';
import { type StoredImage, storedImage } from './classifier-store';

export const THUMBNAIL_SIZE = 128;

/** Centre square of the photo, THUMBNAIL_SIZE px, as JPEG bytes (~5 KB) ready to store. */
export async function thumbnailOf(image: PixelImage): Promise<StoredImage> {
  const source = canvasOf(image);
  const side = Math.min(image.width, image.height);
  const canvas = new OffscreenCanvas(THUMBNAIL_SIZE, THUMBNAIL_SIZE);
  const ctx = canvas.getContext('2d')!;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(
    source,
    (image.width - side) / 2,
    (image.height - side) / 2,
    side,
    side,
    0,
    0,
    THUMBNAIL_SIZE,
    THUMBNAIL_SIZE,
  );
  return storedImage(await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.8 }));
}

/**
 * The photo as decoded for the backbone, kept until its features are computed in the background:
 * JPEG (~60 KB at 512 px), or PNG for a small picture, whose every pixel counts.
 */
export async function sourceOf(image: PixelImage): Promise<StoredImage> {
  const small = image.width * image.height <= 128 * 128;
  return storedImage(
    await canvasOf(image).convertToBlob(small ? { type: 'image/png' } : { type: 'image/jpeg', quality: 0.92 }),
  );
}

function canvasOf(image: PixelImage): OffscreenCanvas {
  const rgba = (
    image.channels === 3 ? toRgba(image) : new Uint8ClampedArray(image.data)
  ) as Uint8ClampedArray<ArrayBuffer>;
  const canvas = new OffscreenCanvas(image.width, image.height);
  canvas.getContext('2d')!.putImageData(new ImageData(rgba, image.width, image.height), 0, 0);
  return canvas;
}

/** A camera frame kept as the "original" photo. */
export async function bitmapToJpeg(bitmap: ImageBitmap): Promise<Blob> {
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
  return canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 });
}

function toRgba(image: PixelImage): Uint8ClampedArray {
  const out = new Uint8ClampedArray(image.width * image.height * 4);
  for (let i = 0, j = 0; i < out.length; i += 4, j += 3) {
    out[i] = image.data[j];
    out[i + 1] = image.data[j + 1];
    out[i + 2] = image.data[j + 2];
    out[i + 3] = 255;
  }
  return out;
}
