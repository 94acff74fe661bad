import * as tf from '@tensorflow/tfjs';

import { BACKEND_START_TIMEOUT, type BackendChoice, type BackendName, type GpuAdapterFacts } from './backend-names';

export * from './backend-names';

/** What the host can tell us; the browser worker and Node inject their own. */
export interface BackendHost {
  /** Describes the WebGPU adapter, or null when there is none. */
  webGpuAdapter(): Promise<GpuAdapterFacts | null>;
}

/** A software adapter (SwiftShader) runs WebGPU on the CPU, far slower than WASM-SIMD. */
export function isSoftwareAdapter(a: GpuAdapterFacts): boolean {
  return a.isFallbackAdapter || /swiftshader|llvmpipe|software/i.test(`${a.architecture} ${a.vendor}`);
}

/** A backend start (or GPU adapter request) that has not settled by then is taken as stuck. */
export const BACKEND_START_TIMEOUT_MS = 20_000;

/**
 * A backend start never settled (a stalled GPU request or WASM download). TF.js waits for a
 * pending start before any other, so this engine instance cannot recover: the page replaces the worker.
 */
export class BackendStartTimeout extends Error {
  constructor(backend: string, ms: number) {
    super(`The ${backend.toUpperCase()} engine did not start within ${ms / 1000} s.`);
    this.name = BACKEND_START_TIMEOUT;
  }
}

/** How long a backend may take to start; tests shorten it. */
let startTimeoutMs = BACKEND_START_TIMEOUT_MS;
export function setBackendStartTimeout(ms = BACKEND_START_TIMEOUT_MS): void {
  startTimeoutMs = ms;
}

/** `work`, or `onTimeout()` once it has taken longer than the start timeout. */
async function within<T>(work: Promise<T>, onTimeout: () => T): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<T>((resolve, reject) => {
    timer = setTimeout(() => {
      try {
        resolve(onTimeout());
      } catch (e) {
        reject(e);
      }
    }, startTimeoutMs);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

async function trySet(name: BackendName): Promise<boolean> {
  if (!tf.engine().registryFactory[name]) return false;
  try {
    return await within(tf.setBackend(name), () => {
      throw new BackendStartTimeout(name, startTimeoutMs);
    });
  } catch (e) {
    if (e instanceof BackendStartTimeout) throw e;
    return false; // webgpu throws instead of returning false where it is not registered (Node)
  }
}

/** Time of a small MLP-shaped workload: a training step's worth of matMuls, after warm-up. */
async function probe(name: BackendName): Promise<number | null> {
  if (!(await trySet(name))) return null;
  try {
    const run = () =>
      tf.tidy(() => {
        const x = tf.ones([64, 784]);
        const w = tf.fill([784, 256], 0.001);
        return tf.relu(tf.matMul(x, w)).sum();
      });
    const once = async () => {
      const out = run();
      await out.data();
      out.dispose();
    };
    await once(); // compiles shaders / warms caches
    const t = performance.now();
    for (let i = 0; i < 3; i++) await once();
    return (performance.now() - t) / 3;
  } catch {
    return null;
  }
}

/**
 * Chooses the backend by facts and measurement, not by hope:
 * a real WebGPU adapter wins outright; otherwise the fastest of WebGL and WASM on a probe;
 * CPU only when nothing else works. A forced choice is honoured when it can start.
 */
export async function chooseBackend(
  host: BackendHost,
  preferred: BackendName | 'auto' = 'auto',
): Promise<BackendChoice> {
  const adapter = tf.engine().registryFactory.webgpu
    ? await within(
        host.webGpuAdapter().catch(() => null),
        () => null,
      )
    : null;
  const measured: BackendChoice['measured'] = {};

  if (preferred !== 'auto') {
    if (await trySet(preferred)) {
      await tf.ready();
      return { name: preferred, reason: 'chosen in settings or the address', measured, adapter, forced: true };
    }
  }
  if (adapter && !isSoftwareAdapter(adapter) && (await trySet('webgpu'))) {
    await tf.ready();
    return {
      name: 'webgpu',
      reason: `real GPU adapter (${adapter.vendor || adapter.architecture || 'unknown'})`,
      measured,
      adapter,
      forced: false,
    };
  }
  for (const name of ['webgl', 'wasm'] as const) measured[name] = await probe(name);
  const ranked = (Object.entries(measured) as [BackendName, number | null][])
    .filter((e): e is [BackendName, number] => e[1] !== null)
    .sort((a, b) => a[1] - b[1]);
  const failed = preferred !== 'auto' ? `${preferred} could not start; ` : '';
  for (const [name, ms] of ranked) {
    if (await trySet(name)) {
      await tf.ready();
      const why = adapter ? 'WebGPU adapter is software-only; ' : '';
      return {
        name,
        reason: `${failed}${why}fastest on the probe (${ms.toFixed(1)} ms)`,
        measured,
        adapter,
        forced: false,
      };
    }
  }
  await tf.setBackend('cpu');
  await tf.ready();
  return { name: 'cpu', reason: `${failed}no accelerated backend could start`, measured, adapter, forced: false };
}
