/** Serves the production build (dist/, made by `npm test` before this runs) for the browser tests. */
import { existsSync } from 'node:fs';
import { type PreviewServer, preview } from 'vite';
import type { TestProject } from 'vitest/node';

let server: PreviewServer | null = null;

/** PV_DIST serves another build folder (e.g. a second checkout's build while dist/ is busy). */
const OUT_DIR = process.env.PV_DIST ?? 'dist';

export async function setup(project: TestProject) {
  if (!existsSync(`${OUT_DIR}/index.html`))
    throw new Error(`${OUT_DIR}/ is missing: run \`vite build\` before the browser tests (npm test does).`);
  server = await preview({
    build: { outDir: OUT_DIR },
    preview: { host: '127.0.0.1', port: 0, strictPort: false },
    logLevel: 'warn',
  });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('preview server has no port');
  project.provide('baseURL', `http://127.0.0.1:${address.port}`);
}

export async function teardown() {
  await server?.close();
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
  }
}
