import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { isAnimated, looksTruncated, sniffImage } from '../../src/ml/photos/image-sniff';

const solid = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 80, b: 40 } } });
const bytes = (b: Buffer) => new Uint8Array(b);
/** An ISO-BMFF 'ftyp' box: what HEIC and AVIF files start with. */
const ftyp = (major: string, ...compatible: string[]) => {
  const body = Buffer.concat([Buffer.from(major), Buffer.alloc(4), ...compatible.map((c) => Buffer.from(c))]);
  const size = Buffer.alloc(4);
  size.writeUInt32BE(8 + body.length);
  return bytes(Buffer.concat([size, Buffer.from('ftyp'), body, Buffer.alloc(64, 7)]));
};

describe('image sniffing', () => {
  it('reads JPEG size and EXIF orientation', async () => {
    const plain = bytes(await solid(640, 480).jpeg().toBuffer());
    expect(sniffImage(plain)).toEqual({ format: 'jpeg', width: 640, height: 480, orientation: 1 });
    const turned = bytes(await solid(640, 480).jpeg().withMetadata({ orientation: 6 }).toBuffer());
    expect(sniffImage(turned)).toEqual({ format: 'jpeg', width: 640, height: 480, orientation: 6 });
    const progressive = bytes(await solid(300, 200).jpeg({ progressive: true }).toBuffer());
    expect(sniffImage(progressive)).toMatchObject({ width: 300, height: 200 });
  });

  it('reads PNG, GIF, WebP (lossy, lossless, extended) and BMP sizes', async () => {
    expect(sniffImage(bytes(await solid(33, 17).png().toBuffer()))).toMatchObject({
      format: 'png',
      width: 33,
      height: 17,
    });
    expect(sniffImage(bytes(await solid(33, 17).gif().toBuffer()))).toMatchObject({
      format: 'gif',
      width: 33,
      height: 17,
    });
    expect(sniffImage(bytes(await solid(33, 17).webp().toBuffer()))).toMatchObject({
      format: 'webp',
      width: 33,
      height: 17,
    });
    expect(sniffImage(bytes(await solid(33, 17).webp({ lossless: true }).toBuffer()))).toMatchObject({
      format: 'webp',
      width: 33,
      height: 17,
    });
    const withAlpha = sharp({
      create: { width: 33, height: 17, channels: 4, background: { r: 1, g: 2, b: 3, alpha: 0.5 } },
    });
    expect(sniffImage(bytes(await withAlpha.webp().withMetadata({ orientation: 1 }).toBuffer()))).toMatchObject({
      width: 33,
      height: 17,
    });
  });

  it('tells HEIC (iPhone) from AVIF by the ftyp brands', () => {
    expect(sniffImage(ftyp('heic', 'mif1', 'heic')).format).toBe('heic');
    expect(sniffImage(ftyp('mif1', 'mif1', 'heic')).format).toBe('heic');
    expect(sniffImage(ftyp('heix', 'mif1')).format).toBe('heic');
    expect(sniffImage(ftyp('avif', 'mif1', 'miaf')).format).toBe('avif');
    expect(sniffImage(ftyp('mif1', 'avif', 'mif1')).format).toBe('avif');
    expect(sniffImage(ftyp('isom', 'mp41')).format).toBeNull(); // a video
    expect(sniffImage(bytes(Buffer.from('just some text, not a picture'))).format).toBeNull();
  });

  it('knows an animated GIF from a still one', async () => {
    const frames = await Promise.all(
      [0, 120, 240].map((r) =>
        sharp({ create: { width: 40, height: 30, channels: 3, background: { r, g: 0, b: 0 } } })
          .png()
          .toBuffer(),
      ),
    );
    const animated = bytes(
      await sharp(frames, { join: { animated: true } })
        .gif({ delay: [100, 100, 100] })
        .toBuffer(),
    );
    expect(isAnimated('gif', animated)).toBe(true);
    expect(isAnimated('gif', bytes(await solid(40, 30).gif().toBuffer()))).toBe(false);
    const animatedWebp = bytes(
      await sharp(frames, { join: { animated: true } })
        .webp()
        .toBuffer(),
    );
    expect(isAnimated('webp', animatedWebp)).toBe(true);
    expect(isAnimated('png', bytes(await solid(40, 30).png().toBuffer()))).toBe(false);
  });

  it('spots a file cut off before its end marker', async () => {
    const jpeg = await solid(64, 64).jpeg().toBuffer();
    expect(looksTruncated('jpeg', bytes(jpeg.subarray(-16)))).toBe(false);
    expect(looksTruncated('jpeg', bytes(jpeg.subarray(0, jpeg.length >> 1).subarray(-16)))).toBe(true);
    const png = await solid(64, 64).png().toBuffer();
    expect(looksTruncated('png', bytes(png.subarray(-16)))).toBe(false);
    expect(looksTruncated('png', bytes(png.subarray(0, png.length - 20).subarray(-16)))).toBe(true);
  });
});
