import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';
import { HEADER_CSP, PAGE_CSP } from './build/content-security-policy.ts';
import { hostingRules } from './build/hosting-plugin.ts';
import { manifestShortcuts } from './build/manifest-shortcuts.ts';
import { offlineIndexModule } from './build/offline-index-plugin.ts';
import { cacheOnlyWholeFiles } from './build/sw-cache-rules.ts';
import { SW_EXTRAS_FILE, swExtras } from './build/sw-extras-plugin.ts';
import { wasmThreads } from './build/wasm-threads-plugin.ts';
import { DATA_CACHE, MODELS_CACHE } from './src/app/pwa/cache-names.ts';
import { HOME_SECTION } from './src/app/sections.ts';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * Serves models/ at /models/ in dev and copies it into the build, so committed models and the
 * generated backbone load through one URL scheme without living in public/.
 */
function modelsDir(): Plugin {
  const root = 'models';
  return {
    name: 'pv-models-dir',
    configureServer(server) {
      server.middlewares.use('/models', (req, res, next) => {
        const path = join(root, decodeURIComponent((req.url ?? '').split('?')[0]));
        try {
          if (!relative(root, path).startsWith('..') && statSync(path).isFile()) {
            res.setHeader('Content-Type', path.endsWith('.json') ? 'application/json' : 'application/octet-stream');
            res.end(readFileSync(path));
            return;
          }
        } catch {
          /* fall through to 404 */
        }
        next();
      });
    },
    generateBundle() {
      for (const file of filesUnder(root)) {
        this.emitFile({ type: 'asset', fileName: join('models', relative(root, file)), source: readFileSync(file) });
      }
    },
  };
}

/**
 * The CSP as a <meta> in the built page (static hosts that cannot set headers still get it);
 * the dev server has none, as Vite injects inline styles there.
 */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'pv-csp',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: PAGE_CSP }, injectTo: 'head-prepend' },
    ],
  };
}

/** Headers a production host must send too (like the CSP header); without them WASM runs on one core. */
const CROSS_ORIGIN_ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  worker: { format: 'es', plugins: () => [wasmThreads()] },
  // Cross-origin isolation gives the ML worker SharedArrayBuffer, so WASM runs on every core.
  server: { headers: CROSS_ORIGIN_ISOLATION },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
  // The header is what guards the workers (they ignore the page's <meta>); a production host must send it too.
  preview: {
    host: '127.0.0.1',
    port: Number(process.env.PORT ?? 4173),
    headers: { 'Content-Security-Policy': HEADER_CSP, ...CROSS_ORIGIN_ISOLATION },
  },
  plugins: [
    hostingRules(),
    modelsDir(),
    offlineIndexModule(),
    swExtras(),
    contentSecurityPolicy(),
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      filename: 'sw.js',
      includeAssets: ['icons/*.svg', 'icons/apple-touch-icon.png'],
      manifest: {
        name: 'Pocket Vision',
        short_name: 'Pocket Vision',
        description: 'Classify photos, read drawn digits and train models on your phone — offline and private.',
        start_url: `/${HOME_SECTION}`,
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        background_color: '#f7f7fb',
        theme_color: '#3b5bdb',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
        // Photos shared from other apps arrive here; the service worker (src/sw/sw-extras.ts) takes the POST.
        share_target: {
          action: '/share-target',
          method: 'POST',
          enctype: 'multipart/form-data',
          params: { files: [{ name: 'photos', accept: ['image/*'] }] },
        },
        // One per section that asks for it (src/app/sections.ts).
        shortcuts: manifestShortcuts(),
      },
      workbox: {
        // The app shell (code, styles, icons, WASM binaries) is precached; models and data sets
        // are too big for precache and go to versioned runtime caches on first use, or all at once
        // from "Make available offline" (src/app/pwa/offline-download.ts writes into these same caches).
        globPatterns: ['**/*.{js,css,html,svg,png,wasm,webmanifest}'],
        globIgnores: ['models/**', 'data/**', SW_EXTRAS_FILE],
        // Cleanup of old runtime caches and the share target, which generateSW cannot express.
        importScripts: [`/${SW_EXTRAS_FILE}`],
        // The ML worker bundles TF.js with all its backends (~2.3 MB); it is the app, so it is precached.
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/models\//, /^\/data\//],
        cleanupOutdatedCaches: true,
        // Take control on first install so the first visit's model downloads land in the caches.
        clientsClaim: true,
        runtimeCaching: [
          {
            urlPattern: ({ url }) => url.pathname.startsWith('/models/'),
            handler: 'CacheFirst',
            options: {
              cacheName: MODELS_CACHE,
              cacheableResponse: { statuses: [200] },
              rangeRequests: true,
              plugins: [cacheOnlyWholeFiles],
            },
          },
          {
            urlPattern: ({ url }) => url.pathname.startsWith('/data/'),
            handler: 'CacheFirst',
            options: {
              cacheName: DATA_CACHE,
              cacheableResponse: { statuses: [200] },
              rangeRequests: true,
              plugins: [cacheOnlyWholeFiles],
            },
          },
        ],
      },
    }),
  ],
  test: {
    projects: [
      {
        extends: true,
        // Unit tests live in tests/unit, and beside the UI logic they test (src/**/*.test.ts).
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'src/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/browser/global-setup.ts'],
          testTimeout: 300_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        // The core flows in real WebKit (WebKitGTK) and Firefox ESR (tests/engines/): one browser per
        // file, two files at a time (2 cores), against the same dist/ the browser project serves.
        extends: true,
        test: {
          name: 'engines',
          include: ['tests/engines/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/browser/global-setup.ts'],
          testTimeout: 600_000,
          hookTimeout: 180_000,
          fileParallelism: true,
          maxWorkers: 2,
        },
      },
    ],
  },
});
