import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { wasmThreads } from '../../build/wasm-threads-plugin';

const pkg = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/package.json'));
const backendFile = join(pkg, 'dist', 'backend_wasm.js');
const glueFile = join(pkg, 'wasm-out', 'tfjs-backend-wasm-threaded-simd.js');

/** Runs the plugin's transform as the bundler would, collecting what it emits. */
function transform(code: string, id: string) {
  const emitted: { name: string; source: string }[] = [];
  const context = {
    emitFile: (f: { name: string; source: string | Uint8Array }) => {
      emitted.push({ name: f.name, source: String(f.source) });
      return `ref${emitted.length}`;
    },
    error: (message: string): never => {
      throw new Error(message);
    },
  };
  const hook = wasmThreads().transform as unknown as (this: typeof context, code: string, id: string) => string | null;
  return { out: hook.call(context, code, id), emitted };
}

describe('threaded WASM in the minified build (wasm-threads-plugin)', () => {
  it('points TF.js at two published scripts instead of Blobs of minified code', () => {
    const { out, emitted } = transform(readFileSync(backendFile, 'utf8'), backendFile);
    expect(out).not.toMatch(/wasmFactoryThreadedSimd\.toString\(\)/);
    expect(out).not.toMatch(/URL\.createObjectURL/);
    expect(out).toMatch(/mainScriptUrlOrBlob = import\.meta\.ROLLUP_FILE_URL_ref1;/);
    expect(out).toMatch(/return import\.meta\.ROLLUP_FILE_URL_ref2;/);
    const [glue, pthread] = emitted;
    // The glue defines the factory the pthread script calls, with the core cap lifted.
    expect(glue.source).toMatch(/^\s*var WasmBackendModuleThreadedSimd = /);
    expect(glue.source).toContain('return 2*navigator["hardwareConcurrency"]}');
    expect(glue.source).toContain('var pthreadPoolSize=Math.min(8,navigator["hardwareConcurrency"]||1);');
    expect(glue.source).not.toContain('var pthreadPoolSize=8;');
    expect(pthread.source).toContain('WasmBackendModuleThreadedSimd(Module)');
    expect(pthread.source).not.toMatch(/\n/); // newlines re-escaped as TF.js does for its Blob
  });

  it('lifts the half-the-cores cap and sizes the pthread pool to the threads in the bundled glue too', () => {
    const { out } = transform(readFileSync(glueFile, 'utf8'), glueFile);
    expect(out).toContain('return 2*navigator["hardwareConcurrency"]}');
    expect(out).toContain('var pthreadPoolSize=Math.min(8,navigator["hardwareConcurrency"]||1);');
    expect(out).not.toContain('return navigator["hardwareConcurrency"]}');
  });

  it('fails the build when TF.js changes the code it rewrites', () => {
    expect(() => transform('export function init() {}', backendFile)).toThrow(/tfjs-backend-wasm changed/);
    expect(() => transform('function f(){return 4}', glueFile)).toThrow(/tfjs-backend-wasm changed/);
    expect(() => transform('function f(){return navigator["hardwareConcurrency"]}', glueFile)).toThrow(
      /pthread pool size/,
    );
  });

  it('leaves every other module alone', () => {
    expect(transform('const x = 1;', '/src/main.ts').out).toBeNull();
  });
});
