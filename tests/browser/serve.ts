/**
 * A build served on a port of its own, for tests that take the server away (offline) or swap the
 * release behind one origin (updates). The shared server of global-setup.ts keeps running.
 */
import { preview } from 'vite';

export interface Served {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** What a host that sends no cross-origin isolation headers serves: WASM then runs on one thread. */
export const NOT_ISOLATED = {
  'Cross-Origin-Embedder-Policy': 'unsafe-none',
  'Cross-Origin-Opener-Policy': 'unsafe-none',
};

/** `outDir` defaults to the build the tests serve (PV_DIST, else dist/); `port` 0 picks a free one; a given port must be free (the same origin as an earlier release). */
export async function serveBuild(
  outDir = process.env.PV_DIST ?? 'dist',
  port = 0,
  headers: Record<string, string> = {},
): Promise<Served> {
  const server = await preview({
    build: { outDir },
    preview: { host: '127.0.0.1', port, strictPort: port !== 0, headers },
    logLevel: 'warn',
  });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('preview server has no port');
  return { url: `http://127.0.0.1:${address.port}`, port: address.port, close: () => server.close() };
}
