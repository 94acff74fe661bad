/** Decodes image files in Node with sharp (libvips): EXIF orientation applied, RGB bytes out. */
import sharp from 'sharp';
import { UserError } from '../../src/ml/core/errors';

/** Interleaved 8-bit pixels, row-major. */
export interface DecodedImage {
  width: number;
  height: number;
  channels: 3;
  data: Uint8Array;
}

export async function decodeImageFile(path: string): Promise<DecodedImage> {
  try {
    const { data, info } = await sharp(path, { failOn: 'error' })
      .rotate()
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    return {
      width: info.width,
      height: info.height,
      channels: 3,
      data: new Uint8Array(data.buffer, data.byteOffset, data.length),
    };
  } catch (e) {
    throw new UserError('bad-image', `${path} is not an image we can read (${e instanceof Error ? e.message : e}).`);
  }
}
