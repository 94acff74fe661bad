/**
 * What an image file's bytes say before anyone decodes it: the format, the stored pixel size
 * (so a huge photo can be decoded straight to a small size), the JPEG EXIF orientation, whether
 * it is animated, and whether it was cut off. DOM-free, so the worker and Node tests share it.
 */
export type ImageFormat = 'jpeg' | 'png' | 'gif' | 'webp' | 'bmp' | 'heic' | 'avif';

export interface ImageFacts {
  format: ImageFormat | null;
  /** Stored size, before EXIF rotation; 0 when the header did not say. */
  width: number;
  height: number;
  /** EXIF orientation 1–8 (read from JPEG only; 1 otherwise). 5–8 swap width and height on screen. */
  orientation: number;
}

/** Enough for the JPEG size marker behind large EXIF/XMP/ICC blocks (each at most 64 KB). */
export const HEAD_BYTES = 256 * 1024;

const ascii = (b: Uint8Array, at: number, n: number) => String.fromCharCode(...b.subarray(at, at + n));
const u16be = (b: Uint8Array, at: number) => (b[at] << 8) | b[at + 1];
const u16le = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8);
const u32be = (b: Uint8Array, at: number) => ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
const u24le = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8) | (b[at + 2] << 16);

// iPhone photos are 'heic'; the others are HEVC-coded HEIF variants (bursts, sequences, 10-bit).
const HEIC_BRANDS = ['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs'];

/** ISO-BMFF 'ftyp' brands: HEIC vs AVIF (both may list the generic 'mif1'/'msf1'). */
function heifKind(b: Uint8Array): 'heic' | 'avif' | null {
  if (b.length < 16 || ascii(b, 4, 4) !== 'ftyp') return null;
  const end = Math.min(b.length, u32be(b, 0) || b.length);
  const brands = [ascii(b, 8, 4)];
  for (let p = 16; p + 4 <= end; p += 4) brands.push(ascii(b, p, 4));
  if (brands.some((x) => x === 'avif' || x === 'avis')) return 'avif';
  if (brands.some((x) => HEIC_BRANDS.includes(x) || x === 'mif1' || x === 'msf1')) return 'heic';
  return null;
}

function exifOrientation(b: Uint8Array, tiff: number, end: number): number {
  const le = ascii(b, tiff, 2) === 'II';
  const u16 = (at: number) => (le ? u16le(b, at) : u16be(b, at));
  const u32 = (at: number) => (le ? (u16le(b, at) | (u16le(b, at + 2) << 16)) >>> 0 : u32be(b, at));
  const ifd = tiff + u32(tiff + 4);
  if (ifd + 2 > end) return 1;
  const count = u16(ifd);
  for (let i = 0; i < count && ifd + 2 + i * 12 + 12 <= end; i++) {
    const entry = ifd + 2 + i * 12;
    if (u16(entry) === 0x0112) {
      const o = u16(entry + 8);
      return o >= 1 && o <= 8 ? o : 1;
    }
  }
  return 1;
}

function jpeg(b: Uint8Array): ImageFacts {
  const facts: ImageFacts = { format: 'jpeg', width: 0, height: 0, orientation: 1 };
  let p = 2;
  while (p + 4 <= b.length) {
    if (b[p] !== 0xff) break;
    const m = b[p + 1];
    if (m === 0xff) {
      p++; // fill byte
      continue;
    }
    if (m === 0x01 || (m >= 0xd0 && m <= 0xd7)) {
      p += 2;
      continue;
    }
    if (m === 0xd9 || m === 0xda) break; // end of image / start of scan: no size marker before it
    const len = u16be(b, p + 2);
    const end = Math.min(b.length, p + 2 + len);
    if (m === 0xe1 && ascii(b, p + 4, 6) === 'Exif\0\0') facts.orientation = exifOrientation(b, p + 10, end);
    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC).
    if (m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc && p + 9 <= b.length) {
      facts.height = u16be(b, p + 5);
      facts.width = u16be(b, p + 7);
      break;
    }
    p += 2 + len;
  }
  return facts;
}

function webp(b: Uint8Array): ImageFacts {
  const facts: ImageFacts = { format: 'webp', width: 0, height: 0, orientation: 1 };
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8 ' && b.length >= 30) {
    facts.width = u16le(b, 26) & 0x3fff;
    facts.height = u16le(b, 28) & 0x3fff;
  } else if (chunk === 'VP8L' && b.length >= 25) {
    facts.width = 1 + (b[21] | ((b[22] & 0x3f) << 8));
    facts.height = 1 + ((b[22] >> 6) | (b[23] << 2) | ((b[24] & 0x0f) << 10));
  } else if (chunk === 'VP8X' && b.length >= 30) {
    facts.width = 1 + u24le(b, 24);
    facts.height = 1 + u24le(b, 27);
  }
  return facts;
}

/** Reads the format and size from the first bytes of a file (HEAD_BYTES is plenty). */
export function sniffImage(b: Uint8Array): ImageFacts {
  const none: ImageFacts = { format: null, width: 0, height: 0, orientation: 1 };
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return jpeg(b);
  if (b.length >= 24 && u32be(b, 0) === 0x89504e47 && ascii(b, 12, 4) === 'IHDR')
    return { format: 'png', width: u32be(b, 16), height: u32be(b, 20), orientation: 1 };
  if (b.length >= 10 && /^GIF8[79]a$/.test(ascii(b, 0, 6)))
    return { format: 'gif', width: u16le(b, 6), height: u16le(b, 8), orientation: 1 };
  if (b.length >= 16 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return webp(b);
  if (b.length >= 26 && ascii(b, 0, 2) === 'BM')
    return {
      format: 'bmp',
      width: Math.abs(u16le(b, 18) | (u16le(b, 20) << 16)),
      height: Math.abs(u16le(b, 22) | (u16le(b, 24) << 16)),
      orientation: 1,
    };
  const heif = heifKind(b);
  return heif ? { ...none, format: heif } : none;
}

/** Walks a GIF's blocks and counts frames, stopping at the second one. */
function gifIsAnimated(b: Uint8Array): boolean {
  const skipSubBlocks = (p: number) => {
    while (p < b.length && b[p] !== 0) p += b[p] + 1;
    return p + 1;
  };
  let p = 13 + (b[10] & 0x80 ? 3 << ((b[10] & 7) + 1) : 0);
  let frames = 0;
  while (p < b.length) {
    const block = b[p];
    if (block === 0x21) p = skipSubBlocks(p + 2);
    else if (block === 0x2c) {
      if (++frames > 1) return true;
      const packed = b[p + 9];
      p += 10 + (packed & 0x80 ? 3 << ((packed & 7) + 1) : 0);
      p = skipSubBlocks(p + 1); // after the LZW minimum code size
    } else break; // trailer (0x3B) or damage
  }
  return false;
}

/** True for an animated GIF (needs the whole file), APNG or animated WebP (the head is enough). */
export function isAnimated(format: ImageFormat | null, b: Uint8Array): boolean {
  if (format === 'gif') return gifIsAnimated(b);
  if (format === 'webp') return ascii(b, 12, 4) === 'VP8X' && (b[20] & 0x02) !== 0;
  if (format === 'png') {
    // APNG puts its animation control chunk before the first image data.
    for (let p = 8; p + 8 <= b.length; p += 12 + u32be(b, p)) {
      const type = ascii(b, p + 4, 4);
      if (type === 'acTL') return true;
      if (type === 'IDAT') return false;
    }
  }
  return false;
}

/** True when the file's last bytes lack the format's end marker: it was cut off. */
export function looksTruncated(format: ImageFormat | null, tail: Uint8Array): boolean {
  let end = tail.length;
  while (end > 0 && tail[end - 1] === 0) end--; // some writers pad with zeros
  if (format === 'jpeg') return !(end >= 2 && tail[end - 2] === 0xff && tail[end - 1] === 0xd9);
  if (format === 'png') return !(tail.length >= 8 && ascii(tail, tail.length - 8, 4) === 'IEND');
  if (format === 'gif') return !(end >= 1 && tail[end - 1] === 0x3b);
  return false;
}
