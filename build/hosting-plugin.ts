/**
 * Vite plugin: how the app's files must be served, in dev and in `vite preview` / `npm start`
 * (the README's hosting notes ask a production host for the same). A missing model, data or
 * asset file is a 404 that may not be stored, never the single-page fallback's index.html with
 * status 200 (which a cache would then keep as a "model"); hashed assets are immutable.
 */
import { existsSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join, relative, resolve } from 'node:path';
import type { Connect, Plugin } from 'vite';

/** Headers every response carries (beside the CSP and cross-origin isolation in vite.config.ts). */
export const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Permissions-Policy': 'camera=(self), microphone=(), geolocation=()',
};

/** File names under /assets/ carry a content hash: a new build means new names. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/** URL prefix → folder the file must exist in; anything else under these prefixes is a 404. */
type Roots = Record<string, string>;

function notFound(res: ServerResponse): void {
  res.statusCode = 404;
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.end('Not found');
}

function exists(root: string, path: string): boolean {
  const file = join(root, path);
  if (relative(root, file).startsWith('..')) return false;
  try {
    return existsSync(file) && statSync(file).isFile();
  } catch {
    return false;
  }
}

function middleware(roots: Roots): Connect.NextHandleFunction {
  return (req, res, next) => {
    // Here rather than in the config's headers: Vite applies those to static files, not to the SPA fallback.
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      return notFound(res);
    }
    const prefix = Object.keys(roots).find((p) => path.startsWith(p));
    if (prefix === undefined) return next();
    if (!exists(roots[prefix], path.slice(prefix.length))) return notFound(res);
    if (prefix === '/assets/') res.setHeader('Cache-Control', IMMUTABLE);
    next();
  };
}

export function hostingRules(): Plugin {
  return {
    name: 'pv-hosting-rules',
    // Added directly (not returned), so it runs before the static files and the SPA fallback.
    configureServer(server) {
      const root = server.config.root;
      server.middlewares.use(
        middleware({ '/models/': resolve(root, 'models'), '/data/': resolve(root, server.config.publicDir, 'data') }),
      );
    },
    configurePreviewServer(server) {
      const dist = resolve(server.config.root, server.config.build.outDir);
      server.middlewares.use(
        middleware({
          '/models/': join(dist, 'models'),
          '/data/': join(dist, 'data'),
          '/assets/': join(dist, 'assets'),
        }),
      );
    },
  };
}
