/**
 * npm run bench — MLP training throughput and prediction latency: in Node (WASM, CPU) and in the
 * production build in headless Chromium, per backend, plus the backend the automatic choice picks.
 * Prints a table and a JSON line. A script, not a test: machines here are noisy.
 */
import { chromium, devices } from 'playwright-core';
import { preview } from 'vite';
import { chooseBackend } from '../src/ml/backend';
import { benchmarkMlp, type MlpBenchmark } from '../src/ml/benchmark';
import { initNodeTf } from './node-tf';

interface Row extends Partial<MlpBenchmark> {
  where: string;
  backend: string;
  error?: string;
}

const rows: Row[] = [];
for (const backend of ['wasm', 'cpu']) {
  await initNodeTf(backend);
  rows.push({ where: 'node', ...(await benchmarkMlp(backend === 'cpu' ? 512 : 2048)) });
}
const nodeAuto = await chooseBackend({ webGpuAdapter: async () => null });

const server = await preview({ preview: { host: '127.0.0.1', port: 0 }, logLevel: 'warn' });
const address = server.httpServer.address();
const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 4173}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--enable-unsafe-webgpu', '--disable-background-networking'],
});
let browserAuto = '';
for (const backend of ['auto', 'webgpu', 'webgl', 'wasm', 'cpu']) {
  const context = await browser.newContext({ ...devices['Pixel 7'] });
  const page = await context.newPage();
  try {
    await page.goto(`${base}/settings?bench&backend=${backend}`);
    const used = await page.getByTestId('backend-badge').and(page.locator('[data-backend]:not([data-backend=""])')).getAttribute('data-backend', { timeout: 120_000 });
    if (backend === 'auto') {
      browserAuto = `${used} (${await page.getByTestId('backend-badge').getAttribute('title')})`;
    } else if (used !== backend) {
      rows.push({ where: 'chromium', backend, error: `could not start (fell back to ${used})` });
    } else {
      const r = await page.evaluate(() => (window as unknown as { pvBenchmark: () => Promise<MlpBenchmark> }).pvBenchmark());
      rows.push({ where: 'chromium', ...r });
    }
  } catch (e) {
    rows.push({ where: 'chromium', backend, error: e instanceof Error ? e.message.split('\n')[0] : String(e) });
  }
  await context.close();
}
await browser.close();
await server.close();

console.log('\nMLP 784-1024-512-10 (batch 128): training samples/s and one-drawing prediction latency\n');
console.log('where     backend  train samples/s  predict ms');
for (const r of rows) {
  const cells = r.error ? r.error : `${r.trainSamplesPerSecond!.toFixed(0).padStart(15)}  ${r.predictMs!.toFixed(2).padStart(10)}`;
  console.log(`${r.where.padEnd(9)} ${r.backend.padEnd(8)} ${cells}`);
}
console.log(`\nautomatic choice: node → ${nodeAuto.name}; chromium → ${browserAuto}`);
console.log(JSON.stringify({ rows, automatic: { node: nodeAuto.name, chromium: browserAuto } }));
