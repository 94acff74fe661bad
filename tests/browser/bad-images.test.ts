/**
 * Hard-to-open photos through the gallery input of /classify: each gets a clear message (or a
 * correct answer), and a good cat photo right after still comes out "cat". The files are made
 * here at test time (sharp); no binary fixtures are committed.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { waitForBackend } from './browser';
import { usePhone } from './fixture';
import { catPhoto, dogPhoto } from './photos';

interface FileSpec {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

interface Outcome {
  state: string;
  label: string;
  message: string;
  note: string;
}

const newest = (page: Page) => page.getByTestId('classify-result');

/** Picks one file in the gallery input and waits for its card (the newest) to finish. */
async function add(page: Page, file: FileSpec | string): Promise<Outcome> {
  const cards = page.locator('article.result');
  const before = await cards.count();
  await page.getByTestId('photo-input').setInputFiles(file);
  await expect.poll(() => cards.count()).toBe(before + 1);
  await expect.poll(() => newest(page).getAttribute('data-state'), { timeout: 240_000 }).toMatch(/^(done|error)$/);
  const text = async (id: string) =>
    (await newest(page).getByTestId(id).count()) ? ((await newest(page).getByTestId(id).textContent()) ?? '') : '';
  return {
    state: (await newest(page).getAttribute('data-state')) ?? '',
    label: (await newest(page).getAttribute('data-label')) ?? '',
    message: await text('classify-error'),
    note: await text('classify-note'),
  };
}

/** An HEIC file as an iPhone writes it starts with an ISO-BMFF 'ftyp' box naming the 'heic' brand. */
function heicFile(): Buffer {
  const brands = Buffer.from('heic\0\0\0\0mif1heicmiaf');
  const size = Buffer.alloc(4);
  size.writeUInt32BE(8 + brands.length);
  // Sharp's prebuilt libvips cannot encode HEVC (patents), so the body is filler. Chromium cannot
  // decode HEIC at all, so it refuses this exactly like a real iPhone photo.
  return Buffer.concat([size, Buffer.from('ftyp'), brands, Buffer.alloc(4096, 0x5a)]);
}

/** Two frames: a cat first, then a dog. The answer says which frame was classified. */
async function catThenDogGif(): Promise<Buffer> {
  const frames = await Promise.all(
    [catPhoto(42), dogPhoto(42)].map((p) => sharp(p).resize(256, 256, { fit: 'cover' }).png().toBuffer()),
  );
  return sharp(frames, { join: { animated: true } })
    .gif({ delay: [500, 500], loop: 0 })
    .toBuffer();
}

describe('/classify with bad and unusual photos', () => {
  const phones = usePhone();
  let page: Page;
  let errors: string[];
  let cat = 100;

  /** The app still works: the next real cat photo is a cat. */
  async function stillWorks() {
    const after = await add(page, catPhoto(cat++));
    expect(after).toMatchObject({ state: 'done', label: 'cat', message: '' });
  }

  beforeAll(async () => {
    // One page for the whole file: each case checks that the app still works after the last.
    ({ page, errors } = await phones.open());
    await page.goto('/classify');
    await waitForBackend(page);
    const picker = page.getByTestId('model-picker');
    await picker.locator('option[value="cats-dogs"]').waitFor({ state: 'attached', timeout: 60_000 });
    await picker.selectOption('cats-dogs');
  });

  it('a real cat photo first (the backbone is warm before the odd files arrive)', stillWorks);

  it('an empty (0-byte) file', async () => {
    const out = await add(page, { name: 'IMG_2041.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(0) });
    expect(out.state).toBe('error');
    expect(out.message).toMatch(/empty \(0 bytes\)/);
    await stillWorks();
  });

  it('a JPEG cut off half-way (Chromium refuses a partial JPEG, so it is an error, not a guess)', async () => {
    const photo = readFileSync(catPhoto(1));
    const out = await add(page, {
      name: 'cat-half.jpg',
      mimeType: 'image/jpeg',
      buffer: photo.subarray(0, photo.length >> 1),
    });
    expect(out.state).toBe('error');
    expect(out.message).toMatch(/incomplete.*stops part-way/);
    await stillWorks();
  });

  it('a text file renamed .jpg', async () => {
    const out = await add(page, {
      name: 'shopping.jpg',
      mimeType: 'image/jpeg',
      buffer: Buffer.from('milk\neggs\nbread\n'.repeat(40)),
    });
    expect(out.state).toBe('error');
    expect(out.message).toMatch(/not a picture this browser can open/);
    await stillWorks();
  });

  it('an 8000×6000 photo is decoded small and classified', async () => {
    const big = await sharp(catPhoto(12)).resize(8000, 6000, { fit: 'fill' }).jpeg({ quality: 85 }).toBuffer();
    const out = await add(page, { name: 'PXL_8000x6000.jpg', mimeType: 'image/jpeg', buffer: big });
    expect(out).toMatchObject({ state: 'done', label: 'cat' });
    const ms = Number(await newest(page).getAttribute('data-ms'));
    console.log(`8000×6000 JPEG (${(big.length / 1e6).toFixed(1)} MB) classified in ${ms} ms in the worker`);
    await stillWorks();
  });

  it('an HEIC photo in a browser that cannot decode HEIC', async () => {
    const out = await add(page, { name: 'IMG_0001.HEIC', mimeType: 'image/heic', buffer: heicFile() });
    expect(out.state).toBe('error');
    expect(out.message).toContain("HEIC photos (iPhone default) can't be opened by this browser");
    expect(out.message).toContain("choose 'Most compatible' in camera settings or share as JPEG");
    await stillWorks();
  });

  it('an animated GIF: its first frame (a cat, then a dog) is classified, and the card says so', async () => {
    const out = await add(page, { name: 'cat-then-dog.gif', mimeType: 'image/gif', buffer: await catThenDogGif() });
    expect(out).toMatchObject({ state: 'done', label: 'cat' });
    expect(out.note).toMatch(/Animated GIF: only its first frame was classified/);
    await stillWorks();
  });

  it('raised no page errors along the way', () => {
    expect(errors).toEqual([]);
  });
});
