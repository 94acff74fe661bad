/**
 * TF.js as the browser worker needs it: every backend registered, the WASM binaries served by
 * Vite (hashed URLs, precacheable), threads off (the threaded build breaks once minified, tfjs#4107).
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { BackendHost, GpuAdapterFacts } from '../ml/backend';

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);

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

export { tf };
