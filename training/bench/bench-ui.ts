/**
 * npm run bench:ui -- [--runs 3] [--phases classify,teach,train,camera] [--backends wasm,webgl,webgpu] [--why]
 * Main-thread long tasks (> 50 ms) in the production build (dist/, built beforehand), headless
 * Chromium emulating a Pixel 7: (a) /classify classifying 10 gallery photos, (b) /teach training a
 * two-class classifier (20 photos each; adding them is reported too), (c) /train one MNIST epoch.
 * Prints the count and the longest task per phase; --why lists the scripts behind slow frames.
 * (d) camera, per backend, with Chromium's fake camera filming a dog photo: shutter-to-answer-visible
 * (shutter click to the label inside the viewport, 3 shots) and live answers per second over 10 s.
 * A script, not a test: this machine is noisy (tests/browser/long-tasks.test.ts asserts what holds).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type Browser, chromium, devices } from 'playwright-core';
import { preview } from 'vite';
import { DEFAULT_SOURCE } from '../lib/args';
import { type CameraFigures, measureCamera } from './camera-bench';
import {
  type LongTasks,
  measureClassify,
  measureMnistEpoch,
  measureTeachTraining,
  teachClassifier,
  watchLongTasks,
} from './long-tasks';
import { asReturningUser } from './returning-user';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '1' },
    phases: { type: 'string', default: 'classify,teach,train,camera' },
    backends: { type: 'string', default: 'wasm,webgl,webgpu' },
    why: { type: 'boolean', default: false },
  },
});
const phases = values.phases.split(',');
const runs = Number(values.runs);

const cats = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) =>
    join(DEFAULT_SOURCE, 'cats-dogs/train', i % 2 ? 'dog' : 'cat', `${i % 2 ? 'dog' : 'cat'}.${from + i}.jpg`),
  );
const flowers = (name: string, n: number) =>
  readdirSync(join(DEFAULT_SOURCE, 'flowers5/train', name))
    .sort()
    .slice(0, n)
    .map((f) => join(DEFAULT_SOURCE, 'flowers5/train', name, f));

const server = await preview({ preview: { host: '127.0.0.1', port: 0 }, logLevel: 'warn' });
const address = server.httpServer.address();
const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 4173}`;
const ARGS = [
  '--no-sandbox',
  '--enable-unsafe-webgpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];
const browser: Browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ARGS,
});

const rows: { phase: string; run: number; backend: string; result: LongTasks }[] = [];
async function phase(name: string, run: number, measure: (page: import('playwright-core').Page) => Promise<LongTasks>) {
  const context = await asReturningUser(browser.newContext({ ...devices['Pixel 7'], baseURL: base }));
  await watchLongTasks(context);
  const page = await context.newPage();
  page.setDefaultTimeout(600_000);
  try {
    const result = await measure(page);
    const backend = (await page.getByTestId('backend-badge').getAttribute('data-backend')) ?? '';
    rows.push({ phase: name, run, backend, result });
    console.log(
      `${name} #${run}: ${result.count} long tasks, longest ${result.max} ms (${result.durations.join(', ')}) over ${result.seconds.toFixed(1)} s on ${backend}`,
    );
    if (values.why)
      for (const f of result.slowFrames.filter((f) => f.blocking > 0))
        console.log(
          `   frame ${f.duration} ms (blocking ${f.blocking}, render ${f.render}, style+layout ${f.style}): ${f.scripts.join(' | ')}`,
        );
  } catch (e) {
    console.log(`${name} #${run}: failed: ${e instanceof Error ? e.message.split('\n')[0] : e}`);
  } finally {
    await context.close();
  }
}

for (let run = 1; run <= runs; run++) {
  if (phases.includes('classify'))
    await phase('classify 10 photos', run, (page) => measureClassify(page, cats(100, 10), cats(200, 1)[0]));
  if (phases.includes('teach'))
    await phase('teach: train', run, async (page) => {
      const adding = await teachClassifier(page, 'Bench', [
        { name: 'daisy', photos: flowers('daisy', 20) },
        { name: 'sunflower', photos: flowers('sunflower', 20) },
      ]);
      rows.push({ phase: 'teach: add 2×20 photos', run, backend: '', result: adding });
      console.log(
        `teach: add 2×20 photos #${run}: ${adding.count} long tasks, longest ${adding.max} ms (${adding.durations.join(', ')})`,
      );
      if (values.why)
        for (const f of adding.slowFrames.filter((f) => f.blocking > 0))
          console.log(
            `   frame ${f.duration} ms (blocking ${f.blocking}, render ${f.render}, style+layout ${f.style}): ${f.scripts.join(' | ')}`,
          );
      return measureTeachTraining(page);
    });
  if (phases.includes('train')) await phase('train 1 MNIST epoch', run, measureMnistEpoch);
}
const camera: (CameraFigures & { backend: string; run: number })[] = [];
for (let run = 1; run <= runs && phases.includes('camera'); run++)
  for (const backend of values.backends.split(',')) {
    try {
      const figures = await measureCamera(base, ARGS, join(DEFAULT_SOURCE, 'cats-dogs/train/dog/dog.7.jpg'), backend);
      camera.push({ ...figures, backend, run });
      console.log(
        `camera #${run} on ${figures.backend} (asked ${backend}): shutter to answer visible ${figures.shutterMs.join(' / ')} ms; live ${figures.livePerSecond.toFixed(2)} answers/s (${figures.liveAnswers} in ${figures.liveSeconds.toFixed(1)} s)`,
      );
    } catch (e) {
      console.log(`camera #${run} on ${backend}: failed: ${e instanceof Error ? e.message.split('\n')[0] : e}`);
    }
  }
await browser.close();
await server.close();

console.log('\nphase                      runs  long tasks (per run)  longest (per run, ms)');
for (const name of [...new Set(rows.map((r) => r.phase))]) {
  const mine = rows.filter((r) => r.phase === name);
  console.log(
    `${name.padEnd(26)} ${String(mine.length).padStart(4)}  ${mine
      .map((r) => r.result.count)
      .join(' / ')
      .padEnd(20)}  ${mine.map((r) => r.result.max).join(' / ')}`,
  );
}
if (camera.length) {
  console.log('\nbackend  shutter → answer visible (ms)   live answers/s');
  for (const c of camera)
    console.log(`${c.backend.padEnd(8)} ${c.shutterMs.join(' / ').padEnd(30)} ${c.livePerSecond.toFixed(2)}`);
  console.log(JSON.stringify(camera));
}
console.log(
  JSON.stringify(
    rows.map((r) => ({ phase: r.phase, run: r.run, backend: r.backend, count: r.result.count, max: r.result.max })),
  ),
);
