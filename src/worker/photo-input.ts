/**
 * Turns a photo (Blob from gallery/paste/share, or an ImageBitmap from the camera) into pixels
 * the ResNet preprocessing takes. A Blob's header is read first, so a big photo is decoded straight
 * to about twice the model's input size (createImageBitmap's resize) and never reaches a canvas at
 * full size: 8000×6000 is past iOS's canvas area limit and many phones' GPU texture size.
 * A file that will not decode gets a message that says why: empty, cut off, HEIC, damaged, or
 * not a picture at all.
 */
import { UserError } from '../ml/core/errors';
import { HEAD_BYTES, type ImageFacts, isAnimated, looksTruncated, sniffImage } from '../ml/photos/image-sniff';
import { type PixelImage, resizeShortSideFor } from '../ml/photos/resnet-preprocess';

export interface PhotoPixels extends PixelImage {
  /** Something the user should know about how the photo was read (e.g. only a GIF's first frame). */
  note?: string;
}

/** Past this, the decode alone needs 400 MB: phones kill the tab before the photo is read. */
const MAX_MEGAPIXELS = 100;
/** Long-side cap for what is kept (panoramas), well inside every canvas limit. */
const MAX_SIDE = 4096;
/** Counting a GIF's frames reads the whole file; past this size only the first part is looked at. */
const MAX_GIF_SCAN = 32 * 1024 * 1024;

export const PHOTO_MESSAGES = {
  empty:
    'This file is empty (0 bytes), so there is no picture in it. It may not have finished downloading — save it again and retry.',
  heic: "HEIC photos (iPhone default) can't be opened by this browser — choose 'Most compatible' in camera settings or share as JPEG.",
  avif: "AVIF pictures can't be opened by this browser. Share or save the picture as JPEG and try again.",
  cutOff:
    'This photo is incomplete: the file stops part-way (an unfinished download or copy?). Save or share it again, then retry.',
  damaged: "This photo is damaged, so this browser can't open it. Try another copy of it.",
  notPicture:
    'This file is not a picture this browser can open — it may be a document or a broken download. Try a JPEG or PNG photo.',
  tooBig: (mp: number) =>
    `This picture is too big to open on a phone (${mp} megapixels). Share a smaller copy, for example as a JPEG from your gallery.`,
  // An animated GIF is usually a short clip of one subject, so its first frame is a fair picture to
  // classify; refusing would help nobody. Saying so explains an odd answer when later frames differ.
  animated: (format: string) => `Animated ${format.toUpperCase()}: only its first frame was classified.`,
};

const bad = (message: string) => new UserError('bad-image', message);

/** Output size for a short side of at most `short` and a long side of at most MAX_SIDE; never enlarged. */
function fitted(width: number, height: number, short: number) {
  const s = Math.min(1, short / Math.min(width, height), MAX_SIDE / Math.max(width, height));
  return {
    resizeWidth: Math.max(1, Math.round(width * s)),
    resizeHeight: Math.max(1, Math.round(height * s)),
    shrink: s < 1,
  };
}

const bytes = async (blob: Blob, start: number, end?: number) =>
  new Uint8Array(await blob.slice(start, end).arrayBuffer());

/** Why a file would not decode. Only asked after a failure, so data after a JPEG's end (motion photos) never misleads. */
async function whyUndecodable(blob: Blob, facts: ImageFacts): Promise<UserError> {
  if (facts.format === 'heic') return bad(PHOTO_MESSAGES.heic);
  if (facts.format === 'avif') return bad(PHOTO_MESSAGES.avif);
  if (facts.format === null) return bad(PHOTO_MESSAGES.notPicture);
  // Chromium refuses a cut-off JPEG outright; Safari and Firefox may instead decode the top part and
  // fill the rest with grey. That partial picture is classified as is: the thumbnail shows the same.
  return bad(looksTruncated(facts.format, await bytes(blob, -16)) ? PHOTO_MESSAGES.cutOff : PHOTO_MESSAGES.damaged);
}

async function note(blob: Blob, facts: ImageFacts, head: Uint8Array): Promise<string | undefined> {
  if (facts.format !== 'gif' && facts.format !== 'png' && facts.format !== 'webp') return undefined;
  const all = facts.format === 'gif' && blob.size > head.length ? await bytes(blob, 0, MAX_GIF_SCAN) : head;
  return isAnimated(facts.format, all) ? PHOTO_MESSAGES.animated(facts.format) : undefined;
}

/** Decodes with EXIF orientation, straight to the needed size when the header told us the size. */
async function decodeBlob(blob: Blob, short: number): Promise<{ bitmap: ImageBitmap; note?: string }> {
  if (blob.size === 0) throw bad(PHOTO_MESSAGES.empty);
  const head = await bytes(blob, 0, HEAD_BYTES);
  const facts = sniffImage(head);
  const megapixels = (facts.width * facts.height) / 1e6;
  if (megapixels > MAX_MEGAPIXELS) throw bad(PHOTO_MESSAGES.tooBig(Math.round(megapixels)));
  // The resize applies to the picture as shown: EXIF orientations 5–8 turn it a quarter.
  const [w, h] = facts.orientation >= 5 ? [facts.height, facts.width] : [facts.width, facts.height];
  const size = w && h ? fitted(w, h, short) : null;
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(
      blob,
      size?.shrink
        ? {
            imageOrientation: 'from-image',
            resizeWidth: size.resizeWidth,
            resizeHeight: size.resizeHeight,
            resizeQuality: 'high',
          }
        : { imageOrientation: 'from-image' },
    );
  } catch {
    throw await whyUndecodable(blob, facts);
  }
  return { bitmap, note: await note(blob, facts, head) };
}

/** Shrinks a bitmap the header could not size (camera frames, formats we do not parse). */
async function shrink(bitmap: ImageBitmap, short: number): Promise<ImageBitmap> {
  const size = fitted(bitmap.width, bitmap.height, short);
  if (!size.shrink) return bitmap;
  try {
    return await createImageBitmap(bitmap, {
      resizeWidth: size.resizeWidth,
      resizeHeight: size.resizeHeight,
      resizeQuality: 'high',
    });
  } finally {
    bitmap.close();
  }
}

export async function photoPixels(image: Blob | ImageBitmap, inputSize: number): Promise<PhotoPixels> {
  // Twice the target short side: the preprocessing's antialiased resize does the last step.
  const short = 2 * resizeShortSideFor(inputSize);
  const decoded = image instanceof Blob ? await decodeBlob(image, short) : { bitmap: image };
  const bitmap = await shrink(decoded.bitmap, short);
  try {
    const { width, height } = bitmap;
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw bad('This browser cannot draw the picture for classification.');
    ctx.drawImage(bitmap, 0, 0);
    const { data } = ctx.getImageData(0, 0, width, height);
    return { width, height, data, channels: 4, note: decoded.note };
  } finally {
    bitmap.close();
  }
}
