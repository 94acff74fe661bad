/** Backend names without TF.js, so the UI can use them without loading it. */
export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export const BACKENDS: BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

export function isBackendName(x: unknown): x is BackendName {
  return typeof x === 'string' && (BACKENDS as string[]).includes(x);
}

export interface GpuAdapterFacts {
  isFallbackAdapter: boolean;
  architecture: string;
  vendor: string;
}

export interface BackendChoice {
  name: BackendName;
  reason: string;
  /** Milliseconds per probe workload for each backend measured (null: failed). */
  measured: Partial<Record<BackendName, number | null>>;
  adapter: GpuAdapterFacts | null;
  forced: boolean;
  /** WASM only: threads it computes on (1 unless the page is cross-origin isolated). */
  threads?: number;
}

/** The error name of a backend start that never settled (src/ml/core/backend.ts); the page matches it across the worker bridge. */
export const BACKEND_START_TIMEOUT = 'BackendStartTimeout';
