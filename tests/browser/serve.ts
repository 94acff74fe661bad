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

/** `port` 0 picks a free one; a given port must be free (the same origin as an earlier release). */
export async function serveBuild(outDir = 'dist', port = 0): Promise<Served> {
  const server = await preview({ build: { outDir }, preview: { host: '127.0.0.1', port, strictPort: port !== 0 }, logLevel: 'warn' });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('preview server has no port');
  return { url: `http://127.0.0.1:${address.port}`, port: address.port, close: () => server.close() };
}
