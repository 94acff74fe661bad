/**
 * Vite plugin (ML worker bundle, build only): lets TF.js's multi-threaded WASM backend run from a
 * minified bundle under our CSP.
 *
 * TF.js starts each pthread worker from a Blob holding `factory.toString()` of the Emscripten
 * glue. Minified, that function refers to names outside itself and the threads die on start
 * (tfjs#4107); and Blob workers would need `blob:` in the CSP. Instead this ships the glue and
 * the pthread worker script exactly as published, as two same-origin assets, and points TF.js at
 * their URLs.
 *
 * TF.js also caps its thread pool at half of navigator.hardwareConcurrency, assuming x86 cores
 * with two hyper-threads each; phone cores have none, so that would leave half of them idle. The
 * glue reports the cores doubled, and src/worker/tf-browser.ts asks for one thread per core.
 *
 * The glue also starts a pool of 8 pthread workers, each a synchronous `new Worker()` inside the
 * ML worker, whatever the thread count. Firefox sometimes never returns from one of those calls
 * (measured here: 11 of 42 starts froze with 8, 2 of 50 with 2), so the pool is sized to the
 * threads actually used (one per core, up to 8).
 *
 * The build fails loudly if a TF.js upgrade changes the code this rewrites.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';

const BACKEND_FILE = /@tensorflow[\\/]tfjs-backend-wasm[\\/]dist[\\/]backend_wasm\.js$/;
const MAIN_SCRIPT_BLOB =
  /factoryConfig\.mainScriptUrlOrBlob = new Blob\(\[`var WasmBackendModuleThreadedSimd = ` \+\s*wasmFactoryThreadedSimd\.toString\(\)\], \{ type: 'text\/javascript' \}\);/;
const GLUE_FILE = /@tensorflow[\\/]tfjs-backend-wasm[\\/]wasm-out[\\/]tfjs-backend-wasm-threaded-simd\.js$/;
const LOGICAL_CORES = 'return navigator["hardwareConcurrency"]}';
const POOL_SIZE = 'var pthreadPoolSize=8;';
const PTHREAD_BLOB =
  /const response = wasmWorkerContents\.replace\([^;]+;\s*const blob = new Blob\(\[response\], \{ type: 'application\/javascript' \}\);\s*return URL\.createObjectURL\(blob\);/;

/**
 * The cap inside TF.js is logical cores / 2: report twice the cores so it becomes the cores. The
 * pthread pool matches the threads src/worker/tf-browser.ts asks for: min(8, cores).
 */
function uncapCores(glue: string, fail: (message: string) => never): string {
  if (glue.split(LOGICAL_CORES).length !== 2)
    fail('tfjs-backend-wasm changed: update build/wasm-threads-plugin.ts (core count)');
  if (glue.split(POOL_SIZE).length !== 2)
    fail('tfjs-backend-wasm changed: update build/wasm-threads-plugin.ts (pthread pool size)');
  return glue
    .replace(LOGICAL_CORES, 'return 2*navigator["hardwareConcurrency"]}')
    .replace(POOL_SIZE, 'var pthreadPoolSize=Math.min(8,navigator["hardwareConcurrency"]||1);');
}

function wasmOutDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'wasm-out');
}

export function wasmThreads(): Plugin {
  return {
    name: 'pv-wasm-threads',
    apply: 'build',
    transform(code, id) {
      if (GLUE_FILE.test(id)) return uncapCores(code, (m) => this.error(m));
      if (!BACKEND_FILE.test(id)) return null;
      if (!MAIN_SCRIPT_BLOB.test(code) || !PTHREAD_BLOB.test(code)) {
        this.error('tfjs-backend-wasm changed: update build/wasm-threads-plugin.ts (threaded WASM would break)');
      }
      const dir = wasmOutDir();
      const glue = this.emitFile({
        type: 'asset',
        name: 'tfjs-wasm-threaded-glue.js',
        source: uncapCores(readFileSync(join(dir, 'tfjs-backend-wasm-threaded-simd.js'), 'utf8'), (m) => this.error(m)),
      });
      // The published pthread script is a template literal; TF.js re-escapes its newlines the same way.
      const { wasmWorkerContents } = createRequire(import.meta.url)(
        join(dir, 'tfjs-backend-wasm-threaded-simd.worker.js'),
      ) as { wasmWorkerContents: string };
      const pthread = this.emitFile({
        type: 'asset',
        name: 'tfjs-wasm-pthread.js',
        source: wasmWorkerContents.replace(/\n/g, '\\n'),
      });
      return code
        .replace(MAIN_SCRIPT_BLOB, `factoryConfig.mainScriptUrlOrBlob = import.meta.ROLLUP_FILE_URL_${glue};`)
        .replace(PTHREAD_BLOB, `return import.meta.ROLLUP_FILE_URL_${pthread};`);
    },
  };
}
