/**
 * npm run screenshots: the production build (dist/, built beforehand with `npm run build`) on a
 * Pixel 7, one picture per section (light), Identify and Teach also in dark mode, and the welcome
 * screen, into docs/screenshots/*.webp for the README. Small files: 540 px wide, WebP (sharp).
 */
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, devices, type Page } from 'playwright-core';
import sharp from 'sharp';
import { preview } from 'vite';
import { SECTIONS } from '../../src/app/sections';
import { DEFAULT_SOURCE } from '../lib/args';
import { asReturningUser } from './returning-user';

const OUT = 'docs/screenshots';
const WIDTH = 540;
/** A README image should not weigh more than this. */
const MAX_BYTES = 80_000;

mkdirSync(OUT, { recursive: true });
const server = await preview({ preview: { host: '127.0.0.1', port: 0 }, logLevel: 'warn' });
const address = server.httpServer.address();
const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 4173}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});

/** A page as a returning user sees it (no welcome screen), unless `welcome`. */
async function open(colorScheme: 'light' | 'dark', welcome = false): Promise<Page> {
  const context = await browser.newContext({ ...devices['Pixel 7'], baseURL: base, colorScheme });
  if (!welcome) await asReturningUser(context);
  return context.newPage();
}

/** Waits until the engine has started (the shell's marker) and the page has settled. */
async function settle(page: Page) {
  await page
    .getByTestId('backend-badge')
    .and(page.locator('[data-backend]:not([data-backend=""])'))
    .waitFor({ state: 'attached', timeout: 120_000 });
  // Identify shows a download bar on a first visit: the picture is of the section ready to use.
  await page
    .getByText(/Downloading|Preparing|Warming up/)
    .first()
    .waitFor({ state: 'detached', timeout: 90_000 })
    .catch(() => undefined);
  await page.waitForTimeout(1500);
}

/** Draws a "2"-like stroke on the pad, so Draw shows a reading. */
async function drawDigit(page: Page) {
  const box = (await page.getByTestId('digit-canvas').boundingBox())!;
  const at = (x: number, y: number) => page.mouse.move(box.x + box.width * x, box.y + box.height * y, { steps: 4 });
  await at(0.3, 0.3);
  await page.mouse.down();
  for (const [x, y] of [
    [0.45, 0.2],
    [0.65, 0.25],
    [0.68, 0.4],
    [0.5, 0.6],
    [0.3, 0.8],
    [0.7, 0.8],
  ])
    await at(x, y);
  await page.mouse.up();
  await page.waitForTimeout(1500);
}

async function shoot(page: Page, name: string) {
  const png = await page.screenshot();
  const file = join(OUT, `${name}.webp`);
  await sharp(png).resize({ width: WIDTH }).webp({ quality: 70 }).toFile(file);
  const bytes = statSync(file).size;
  console.log(`${file}: ${Math.round(bytes / 1000)} KB`);
  if (bytes > MAX_BYTES) throw new Error(`${file} is over ${MAX_BYTES / 1000} KB`);
}

try {
  const welcome = await open('light', true);
  await welcome.goto('/classify');
  await welcome.getByTestId('first-run').waitFor();
  await welcome.waitForTimeout(500);
  await shoot(welcome, 'welcome');
  await welcome.context().close();

  for (const scheme of ['light', 'dark'] as const) {
    const page = await open(scheme);
    for (const { id, title } of SECTIONS) {
      if (scheme === 'dark' && id !== 'classify' && id !== 'teach') continue;
      await page.goto(`/${id}`);
      await settle(page);
      if (id === 'draw') await drawDigit(page);
      const name = title.toLowerCase().replace(/\s+/g, '-');
      await shoot(page, scheme === 'dark' ? `${name}-dark` : name);
    }
    await page.context().close();
  }
  // The answer sheet over a picked photo: a sure answer, and "None of these" for a photo far from the model's classes.
  const answers = await open('light');
  await answers.goto('/classify');
  await settle(answers);
  const picker = answers.getByTestId('model-picker');
  await picker.locator('option[value="cats-dogs"]').waitFor({ state: 'attached', timeout: 60_000 });
  await picker.selectOption('cats-dogs');
  for (const [name, photo] of [
    ['identify-answer', join(DEFAULT_SOURCE, 'cats-dogs/train/cat/cat.12.jpg')],
    [
      'identify-none',
      join(
        DEFAULT_SOURCE,
        'flowers5/train/sunflower',
        readdirSync(join(DEFAULT_SOURCE, 'flowers5/train/sunflower')).sort()[2],
      ),
    ],
  ] as const) {
    await answers.getByTestId('photo-input').setInputFiles([photo]);
    const result = answers.getByTestId('classify-result');
    await result
      .and(answers.locator(`[aria-label="${photo.split('/').pop()}"][data-state="done"]`))
      .waitFor({ timeout: 240_000 });
    await answers.waitForTimeout(800);
    await shoot(answers, name);
    await answers.getByTestId('sheet-close').click();
  }
  await answers.context().close();
} finally {
  await browser.close();
  await server.close();
}
