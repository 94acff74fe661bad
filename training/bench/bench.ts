/**
 * npm run bench — per backend: ResNet50 backbone first-call and steady latency, head-training
 * samples/s, MLP training samples/s and one-drawing latency; in Node (WASM, CPU), in the
 * production build in headless Chromium, and on WASM in WebKit (Safari's engine, with and without
 * SharedArrayBuffer, all cores asked for) and Firefox (single-threaded as it starts, and with all cores asked for);
 * plus what the automatic choice picks. `--engines=none` skips WebKit and Firefox; `--engines=only`
 * runs just them. Each run also measures every photo model variant (float16, uint8): download
 * bytes, first answer after a cold start (download from the local server included, and the first
 * pass alone), steady time per photo at 224/160/112 px; Chromium's WASM also with the pool limited
 * to 1 and 2 threads (`?threads=N`) as a stand-in for a small phone. Chromium's WASM runs then time
 * Teach: 8 gallery photos at once (warm: a second batch), seconds per photo until each shows, can be
 * trained on and has every view (`--teach=no` skips it). `--backends=wasm,webgl` limits
 * the Chromium runs; `--node=wasm` skips Node's slow pure-JS CPU backend.
 * Prints a table and a JSON line. A script, not a test: machines here are noisy.
 */

import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, devices } from 'playwright-core';
import { preview } from 'vite';
import type { WorkerBenchmark } from '../../src/contract/ml-api';
import { benchmarkVariant, type VariantBenchmark } from '../../src/ml/core/backbone-benchmark';
import { chooseBackend } from '../../src/ml/core/backend';
import { benchmarkBackbone, benchmarkHeadTraining, benchmarkMlp } from '../../src/ml/core/benchmark';
import { BACKBONE_FEATURE_SIZE, BACKBONE_VARIANTS, backboneFolder } from '../../src/ml/photos/backbone-spec';
import type { Engine } from '../../tests/engines/engine';
import { firefox } from '../../tests/engines/firefox';
import { webkit } from '../../tests/engines/webkit';
import { DEFAULT_SOURCE } from '../lib/args';
import { loadBackbone } from '../lib/backbone-node';
import { initNodeTf, type tf } from '../lib/node-tf';
import { asReturningUser } from './returning-user';
import { meanGap, measureTeachPhotos, type TeachTiming } from './teach-timing';

interface Row extends Partial<WorkerBenchmark> {
  where: string;
  backend: string;
  error?: string;
}

const engines = process.argv.find((a) => a.startsWith('--engines='))?.split('=')[1] ?? 'all';
const onlyBackends = process.argv
  .find((a) => a.startsWith('--backends='))
  ?.split('=')[1]
  ?.split(',');
const withTeach = !process.argv.includes('--teach=no');
const nodeBackends = process.argv
  .find((a) => a.startsWith('--node='))
  ?.split('=')[1]
  ?.split(',') ?? ['wasm', 'cpu'];

/** A variant's files read from models/ (the Node stand-in for a download). */
async function artifactsFromDisk(dir: string): Promise<tf.io.ModelArtifacts> {
  const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
  const paths: string[] = json.weightsManifest.flatMap((g: { paths: string[] }) => g.paths);
  const shards = await Promise.all(paths.map((p) => readFile(join(dir, p))));
  return {
    modelTopology: json.modelTopology,
    weightSpecs: json.weightsManifest.flatMap((g: { weights: tf.io.WeightsManifestEntry[] }) => g.weights),
    weightData: new Uint8Array(Buffer.concat(shards)).buffer,
  };
}

const rows: Row[] = [];
for (const backend of engines === 'only' ? [] : nodeBackends) {
  await initNodeTf(backend);
  const mlp = await benchmarkMlp(backend === 'cpu' ? 512 : 2048);
  const headTrainSamplesPerSecond = await benchmarkHeadTraining(backend === 'cpu' ? 256 : 1024);
  const b = await loadBackbone();
  const backbone = await benchmarkBackbone(b, backend === 'cpu' ? 1 : 3);
  b.dispose();
  // The pure-JS CPU backend takes seconds per photo: the variants are measured on WASM only.
  const variants: VariantBenchmark[] = [];
  if (backend === 'wasm')
    for (const v of BACKBONE_VARIANTS)
      variants.push(await benchmarkVariant(v, () => artifactsFromDisk(join('models', backboneFolder(v)))));
  rows.push({ where: 'node', ...mlp, headTrainSamplesPerSecond, backbone, variants });
}
const nodeAuto = engines === 'only' ? null : await chooseBackend({ webGpuAdapter: async () => null });

/** A preview server of the production build; `isolated: false` drops cross-origin isolation (WASM on one thread). */
async function serve(isolated: boolean) {
  const headers = isolated
    ? {}
    : { 'Cross-Origin-Embedder-Policy': 'unsafe-none', 'Cross-Origin-Opener-Policy': 'unsafe-none' };
  const server = await preview({ preview: { host: '127.0.0.1', port: 0, headers }, logLevel: 'warn' });
  const address = server.httpServer.address();
  return { server, base: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 4173}` };
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--enable-unsafe-webgpu', '--disable-background-networking'],
});
let browserAuto = '';
const runs =
  engines === 'only'
    ? []
    : [
        ...['auto', 'webgpu', 'webgl', 'wasm', 'cpu'].map((backend) => ({ backend, isolated: true, threads: 0 })),
        { backend: 'wasm', isolated: true, threads: 1 },
        { backend: 'wasm', isolated: true, threads: 2 },
        { backend: 'wasm', isolated: false, threads: 0 },
      ].filter((r) => !onlyBackends || r.backend === 'auto' || onlyBackends.includes(r.backend));
for (const { backend, isolated, threads } of runs) {
  const where = `chromium${isolated ? '' : ', not isolated'}${threads ? `, ≤ ${threads} threads` : ''}`;
  const { server, base } = await serve(isolated);
  const context = await asReturningUser(browser.newContext({ ...devices['Pixel 7'] }));
  const page = await context.newPage();
  page.setDefaultTimeout(600_000);
  try {
    await page.goto(`${base}/settings?bench&backend=${backend}${threads ? `&threads=${threads}` : ''}`);
    const badge = page.getByTestId('backend-badge');
    const used = await badge
      .and(page.locator('[data-backend]:not([data-backend=""])'))
      .getAttribute('data-backend', { timeout: 120_000 });
    if (backend === 'auto') {
      browserAuto = `${used} (${await badge.getAttribute('title')})`;
    } else if (used !== backend) {
      rows.push({ where, backend, error: `could not start (fell back to ${used})` });
    } else {
      const r = await page.evaluate(() =>
        (window as unknown as { pvBenchmark: () => Promise<WorkerBenchmark> }).pvBenchmark(),
      );
      rows.push({ where, ...r });
    }
  } catch (e) {
    rows.push({ where, backend, error: e instanceof Error ? e.message.split('\n')[0] : String(e) });
  }
  await context.close();
  await server.close();
}
await browser.close();

/** Teach in Chromium, per WASM thread limit: two batches of flower photos (the second one warm). */
const teachRows: { where: string; timing?: TeachTiming; error?: string }[] = [];
if (withTeach && engines !== 'only' && (!onlyBackends || onlyBackends.includes('wasm'))) {
  const flowers = (name: string) =>
    readdirSync(join(DEFAULT_SOURCE, 'flowers5', 'train', name))
      .sort()
      .slice(0, 8)
      .map((f) => join(DEFAULT_SOURCE, 'flowers5', 'train', name, f));
  for (const threads of [0, 1, 2]) {
    const where = `chromium${threads ? `, ≤ ${threads} threads` : ''}`;
    try {
      const query = `backend=wasm${threads ? `&threads=${threads}` : ''}`;
      teachRows.push({ where, timing: await measureTeachPhotos([flowers('daisy'), flowers('rose')], query) });
    } catch (e) {
      teachRows.push({ where, error: e instanceof Error ? e.message.split('\n')[0] : String(e) });
    }
  }
}

/** WASM in the other engines, on the isolated server; `threadsOn` asks for all cores (Settings' "Use all cores"), as Gecko and WebKit start on one. */
const engineRuns: { where: string; engine: () => Engine; threadsOn?: boolean }[] = [
  { where: 'webkit', engine: () => webkit() },
  { where: 'webkit + SAB, all cores asked', engine: () => webkit({ sab: true }), threadsOn: true },
  { where: 'firefox', engine: firefox },
  { where: 'firefox, all cores asked', engine: firefox, threadsOn: true },
];
if (engines !== 'none') {
  for (const run of engineRuns) {
    const { server, base } = await serve(true);
    const engine = run.engine();
    try {
      const page = await engine.open(base);
      await page.goto('/settings?bench&backend=wasm');
      if (run.threadsOn) {
        await page.evaluate(() => localStorage.setItem('pv.wasmThreads', 'on'));
        await page.reload();
      }
      const used = await page.waitForBackend(120_000);
      if (used !== 'wasm')
        rows.push({ where: run.where, backend: 'wasm', error: `could not start (fell back to ${used})` });
      else
        rows.push({
          where: run.where,
          ...(await page.evaluate(() =>
            (window as unknown as { pvBenchmark: () => Promise<WorkerBenchmark> }).pvBenchmark(),
          )),
        });
    } catch (e) {
      rows.push({
        where: run.where,
        backend: 'wasm',
        error: e instanceof Error ? e.message.split('\n')[0] : String(e),
      });
    }
    await engine.close();
    await server.close();
  }
}

const f = (v: number | undefined, digits = 0) => (v === undefined ? '–' : v.toFixed(digits));
console.log(
  `\nResNet50 224 px backbone (ms), head ${BACKBONE_FEATURE_SIZE}-512-3 training (samples/s), MLP 784-1024-512-10 training (samples/s, batch 128), one drawing (ms)\n`,
);
console.log('where                          backend   resnet first  resnet steady  head train/s  mlp train/s  draw ms');
for (const r of rows) {
  const cells = r.error
    ? r.error
    : [
        f(r.backbone?.firstMs).padStart(12),
        f(r.backbone?.steadyMs).padStart(13),
        f(r.headTrainSamplesPerSecond).padStart(12),
        f(r.trainSamplesPerSecond).padStart(11),
        f(r.predictMs, 2).padStart(8),
      ].join('  ');
  console.log(`${r.where.padEnd(30)} ${r.backend.padEnd(8)} ${r.threads ? `${r.threads}t` : '  '} ${cells}`);
}
console.log(
  '\nPhoto model variants: download MB, first answer after a cold start (ms, download from the local server included / first pass alone), steady ms per photo at 224 / 160 / 112 px\n',
);
console.log('where                          backend   variant   MB    cold ms  first ms   224 ms  160 ms  112 ms');
for (const r of rows) {
  for (const v of r.variants ?? []) {
    console.log(
      `${r.where.padEnd(30)} ${r.backend.padEnd(8)} ${r.threads ? `${r.threads}t` : '  '} ${v.variant.padEnd(8)} ${(v.bytes / 1e6).toFixed(1).padStart(5)} ` +
        `${f(v.coldMs).padStart(8)} ${f(v.firstMs).padStart(9)} ${f(v.steadyMs[224]).padStart(8)} ${f(v.steadyMs[160]).padStart(7)} ${f(v.steadyMs[112]).padStart(7)}`,
    );
  }
}
if (teachRows.length) {
  console.log(
    '\nTeach, 8 gallery photos at once (WASM): seconds until all 8 show; seconds per photo until usable for training / every view ready; the mean gap between photos becoming usable; and as the worker timed each photo view: its backbone pass and the gap between photos stored (cold: the backbone loads on the way)\n',
  );
  console.log('where                          round   all shown  usable   ready   gap   worker: pass ms  gap ms');
  const perPhoto = (xs: number[]) => (Math.max(...xs) / xs.length).toFixed(2);
  for (const r of teachRows) {
    if (!r.timing) {
      console.log(`${r.where.padEnd(30)} ${r.error}`);
      continue;
    }
    for (const [round, t] of [
      ['cold', r.timing.cold],
      ['warm', r.timing.warm],
    ] as const)
      console.log(
        `${r.where.padEnd(30)} ${round.padEnd(6)} ${Math.max(...t.visible)
          .toFixed(2)
          .padStart(
            10,
          )} ${perPhoto(t.usable).padStart(7)} ${perPhoto(t.ready).padStart(7)} ${meanGap(t.usable).toFixed(2).padStart(5)} ${String(t.passMs).padStart(16)} ${String(t.workerGapMs).padStart(7)}`,
      );
  }
}
console.log(`\nautomatic choice: node → ${nodeAuto?.name ?? '–'}; chromium → ${browserAuto}`);
console.log(JSON.stringify({ rows, teach: teachRows, automatic: { node: nodeAuto?.name, chromium: browserAuto } }));
