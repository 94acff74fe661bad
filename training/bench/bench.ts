/**
 * npm run bench — per backend: ResNet50 backbone first-call and steady latency, head-training
 * samples/s, MLP training samples/s and one-drawing latency; in Node (WASM, CPU), in the
 * production build in headless Chromium, and on WASM in WebKit (Safari's engine, with and without
 * SharedArrayBuffer, all cores asked for) and Firefox (single-threaded as it starts, and with all cores asked for);
 * plus what the automatic choice picks. `--engines=none` skips WebKit and Firefox; `--engines=only`
 * runs just them.
 * Prints a table and a JSON line. A script, not a test: machines here are noisy.
 */
import { chromium, devices } from 'playwright-core';
import { preview } from 'vite';
import type { WorkerBenchmark } from '../../src/contract/ml-api';
import { chooseBackend } from '../../src/ml/core/backend';
import { benchmarkBackbone, benchmarkHeadTraining, benchmarkMlp } from '../../src/ml/core/benchmark';
import { BACKBONE_FEATURE_SIZE } from '../../src/ml/photos/backbone-spec';
import type { Engine } from '../../tests/engines/engine';
import { firefox } from '../../tests/engines/firefox';
import { webkit } from '../../tests/engines/webkit';
import { loadBackbone } from '../lib/backbone-node';
import { initNodeTf } from '../lib/node-tf';
import { asReturningUser } from './returning-user';

interface Row extends Partial<WorkerBenchmark> {
  where: string;
  backend: string;
  error?: string;
}

const engines = process.argv.find((a) => a.startsWith('--engines='))?.split('=')[1] ?? 'all';
const rows: Row[] = [];
for (const backend of engines === 'only' ? [] : ['wasm', 'cpu']) {
  await initNodeTf(backend);
  const mlp = await benchmarkMlp(backend === 'cpu' ? 512 : 2048);
  const headTrainSamplesPerSecond = await benchmarkHeadTraining(backend === 'cpu' ? 256 : 1024);
  const b = await loadBackbone();
  const backbone = await benchmarkBackbone(b, backend === 'cpu' ? 1 : 3);
  b.dispose();
  rows.push({ where: 'node', ...mlp, headTrainSamplesPerSecond, backbone });
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
        ...['auto', 'webgpu', 'webgl', 'wasm', 'cpu'].map((backend) => ({ backend, isolated: true })),
        { backend: 'wasm', isolated: false },
      ];
for (const { backend, isolated } of runs) {
  const where = isolated ? 'chromium' : 'chromium, not isolated';
  const { server, base } = await serve(isolated);
  const context = await asReturningUser(browser.newContext({ ...devices['Pixel 7'] }));
  const page = await context.newPage();
  page.setDefaultTimeout(600_000);
  try {
    await page.goto(`${base}/settings?bench&backend=${backend}`);
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
console.log(`\nautomatic choice: node → ${nodeAuto?.name ?? '–'}; chromium → ${browserAuto}`);
console.log(JSON.stringify({ rows, automatic: { node: nodeAuto?.name, chromium: browserAuto } }));
