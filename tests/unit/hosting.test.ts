/**
 * `npm start` / vite preview answers as the README asks a host to: a missing model or data file is
 * a 404 that may not be stored (never index.html with 200), hashed assets are immutable, and every
 * response says nosniff, a referrer policy and camera for this origin only. Served from a tiny
 * build folder made here, so no full build is needed.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { preview } from 'vite';
import { afterAll, beforeAll, expect, it } from 'vitest';

const dist = mkdtempSync(join(tmpdir(), 'pv-hosting-'));
let url = '';
let close = async () => {};

beforeAll(async () => {
  for (const dir of ['assets', 'models/heads/x', 'data/mnist']) mkdirSync(join(dist, dir), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(dist, 'assets/index-AbC123.js'), 'export {};');
  writeFileSync(join(dist, 'models/heads/x/model.json'), '{}');
  writeFileSync(join(dist, 'models/heads/x/group1-shard1of1.bin'), new Uint8Array(16));
  const server = await preview({ build: { outDir: dist }, preview: { host: '127.0.0.1', port: 0 }, logLevel: 'warn' });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  url = `http://127.0.0.1:${address.port}`;
  close = () => server.close();
});
afterAll(() => close());

it.each([
  '/models/heads/x/group1-shard2of2.bin',
  '/models/resnet50/model.json',
  '/data/mnist/train-images.bin',
  '/assets/index-gone99.js',
])('a missing %s is a 404 that may not be stored', async (path) => {
  const res = await fetch(url + path, { headers: { Accept: '*/*' } });
  expect(res.status).toBe(404);
  expect(res.headers.get('Cache-Control')).toBe('no-store');
  expect(res.headers.get('Content-Type')).not.toMatch(/html/);
});

it('a present shard is served as bytes, revalidated; a hashed asset is immutable', async () => {
  const shard = await fetch(`${url}/models/heads/x/group1-shard1of1.bin`);
  expect(shard.status).toBe(200);
  expect((await shard.arrayBuffer()).byteLength).toBe(16);
  expect(shard.headers.get('Cache-Control')).toBe('no-cache');
  const asset = await fetch(`${url}/assets/index-AbC123.js`);
  expect(asset.status).toBe(200);
  expect(asset.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
});

it('pages still fall back to the app, and every response carries the security headers', async () => {
  for (const path of ['/classify', '/models/heads/x/model.json', '/models/nope.bin']) {
    const res = await fetch(url + path, { headers: { Accept: 'text/html' } });
    expect(res.status, path).toBe(path === '/models/nope.bin' ? 404 : 200);
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(res.headers.get('Referrer-Policy')).toBe('no-referrer');
    expect(res.headers.get('Permissions-Policy')).toMatch(/camera=\(self\)/);
  }
});
