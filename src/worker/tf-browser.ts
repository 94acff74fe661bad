/**
 * TF.js as the browser worker needs it: every backend registered, the WASM binaries served by
 * Vite (hashed URLs, precacheable). Threads come with cross-origin isolation (SharedArrayBuffer);
 * build/wasm-threads-plugin.ts makes the threaded build survive minification (tfjs#4107).
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { BackendHost, GpuAdapterFacts } from '../ml/core/backend';

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});

interface GpuLike {
  requestAdapter(): Promise<{ isFallbackAdapter?: boolean; info?: { architecture?: string; vendor?: string } } | null>;
}

export const browserHost: BackendHost = {
  async webGpuAdapter(): Promise<GpuAdapterFacts | null> {
    const gpu = (navigator as unknown as { gpu?: GpuLike }).gpu;
    const adapter = gpu ? await gpu.requestAdapter() : null;
    if (!adapter) return null;
    return {
      isFallbackAdapter: Boolean(adapter.isFallbackAdapter),
      architecture: adapter.info?.architecture ?? '',
      vendor: adapter.info?.vendor ?? '',
    };
  },
};

// TF.js would take half the cores (1 of 2 on a small phone); the backbone is the only heavy work,
// so it gets them all, up to the 8 threads its pthread pool starts. Needs cross-origin isolation.
const ALL_THREADS = Math.min(8, Math.max(1, navigator.hardwareConcurrency || 1));
setThreadsCount(ALL_THREADS);

/** Fewer threads (benchmarks standing in for a small phone); only before the WASM backend first starts. */
export function limitWasmThreads(n: number): void {
  // getThreadsCount() throws until the backend has started, so the cap is taken from ALL_THREADS.
  if (!tf.engine().registry.wasm) setThreadsCount(Math.max(1, Math.min(ALL_THREADS, Math.floor(n))));
}

/** Threads the WASM backend computes on, once it has started. */
export const wasmThreads = (): number => getThreadsCount();

export { tf };
