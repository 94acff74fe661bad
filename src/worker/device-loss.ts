/**
 * Notices when the GPU under the current backend goes away mid-session (WebGL context lost, WebGPU
 * device lost: a driver reset, a GPU process crash, a phone reclaiming memory) so the worker can move
 * to the next backend instead of answering from dead textures. After a loss, reads on the old backend
 * return zeros rather than failing, so a loss must be caught, not waited for as an error.
 */
import type { BackendName } from '../ml/core/backend-names';
import { tf } from './tf-browser';

/** The parts of TF.js's backends we touch (their classes are not worth a dependency). */
interface WebGlBackendLike {
  gpgpu?: { gl?: WebGLRenderingContext | WebGL2RenderingContext };
}
interface GpuDeviceLike {
  lost: Promise<{ reason: string }>;
  destroy(): void;
}

interface Watch {
  name: BackendName;
  lost: boolean;
  /** Set by the test hook: its destroy() reports reason 'destroyed', which is otherwise our own doing. */
  simulated: boolean;
  gl?: WebGLRenderingContext | WebGL2RenderingContext;
  device?: GpuDeviceLike;
}

const LOSS_POLL_MS = 250;

let current: Watch | null = null;
let losses = 0;
/** Work waiting on a lost device never finishes; these reject it (see untilLost). */
const waiting = new Set<() => void>();

/** Watches the backend TF.js uses now (call after each switch); `onLost` fires at most once for it. */
export function watchDevice(name: BackendName, onLost: (name: BackendName) => void): void {
  const watch: Watch = { name, lost: false, simulated: false };
  current = watch;
  const lose = () => {
    if (watch.lost || current !== watch) return; // an older backend's device going away is not news
    watch.lost = true;
    losses++;
    for (const stop of waiting) stop();
    onLost(name);
  };
  if (name === 'webgl') {
    watch.gl = (tf.backend() as unknown as WebGlBackendLike).gpgpu?.gl;
    // The canvas is an OffscreenCanvas in the worker; it fires the event like a page canvas does.
    (watch.gl as unknown as { canvas: EventTarget } | undefined)?.canvas.addEventListener('webglcontextlost', lose, {
      once: true,
    });
  } else if (name === 'webgpu') {
    watch.device = (tf.backend() as unknown as { device?: GpuDeviceLike }).device;
    void watch.device?.lost.then((info) => {
      if (info.reason !== 'destroyed' || watch.simulated) lose();
    });
  }
}

/** True once the watched device is gone, even before its event has arrived. */
export function deviceLost(): boolean {
  return !!current && (current.lost || current.gl?.isContextLost() === true);
}

/** A mark to ask later whether a device was lost in between (see lostSince). */
export const lossMark = (): number => losses;
export const lostSince = (mark: number): boolean => losses !== mark || deviceLost();

/** Settles like `work`, or rejects as soon as the device is lost, since `work` may then never settle. */
export function untilLost<T>(work: Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const stop = () => reject(new Error('GPU device lost'));
    waiting.add(stop);
    // The loss event can come late (or, on a busy phone, after work on the dead context has
    // stalled), so also look at the context itself while waiting.
    const poll = setInterval(() => deviceLost() && stop(), LOSS_POLL_MS);
    work.then(resolve, reject).finally(() => {
      clearInterval(poll);
      waiting.delete(stop);
    });
  });
}

/**
 * Removes a backend whose device was lost, so nothing picks it again this session (its TF.js
 * instance is dead; a reload starts fresh). Call after disposing the models that lived on it.
 */
export function dropLostBackend(): void {
  if (!current || !deviceLost()) return;
  const { name } = current;
  current = null;
  try {
    tf.removeBackend(name);
  } catch {
    /* already gone */
  }
}

/** Test hook: loses the device on purpose, as a driver reset would. False when there is no GPU backend. */
export function loseDeviceForTest(): boolean {
  if (current?.gl) {
    const ext = current.gl.getExtension('WEBGL_lose_context');
    ext?.loseContext();
    return Boolean(ext);
  }
  if (current?.device) {
    current.simulated = true;
    current.device.destroy();
    return true;
  }
  return false;
}
