/**
 * A connection to the ML worker that cannot hang at start-up.
 *
 * The worker posts a heartbeat every second from the moment its script runs. While a backend is
 * starting (`init`), the page watches it: a worker silent for `deadlineMs` is stuck — Firefox
 * sometimes never returns from one of the `new Worker()` calls that TF.js's threaded WASM makes
 * for its thread pool, which freezes the whole ML worker. Such a worker is terminated and a new
 * one starts, with single-threaded WASM if threads were on; that choice is remembered for this
 * browser, so the next visit does not wait again. Calls made meanwhile wait for the start and go
 * to the new worker. A second stuck start gives up with a sentence.
 *
 * Only starts are watched: a long synchronous model call (a slow phone on the CPU backend) also
 * silences the heartbeat, and must not be mistaken for a hang.
 */

import { proxy, type Remote, wrap } from 'comlink';
import { isHeartbeat } from '../contract/heartbeat-message';
import type { BackendChange, BackendChoice, BackendName, MlApi } from '../contract/ml-api';
import { BACKEND_START_TIMEOUT } from '../ml/core/backend-names';
import type { BackboneVariant } from '../ml/photos/backbone-spec';

/** What the connection needs from a worker: a Comlink endpoint that can be killed. */
export type WorkerLike = Parameters<typeof wrap>[0] & { terminate(): void };

export interface EngineOptions {
  spawn: () => WorkerLike;
  /** The backend the user asked for ('auto' unless set in Settings or the address). */
  preferred: () => BackendName | 'auto';
  /** Whether a start may use WASM threads (they exist here and have not hung before). */
  threadsAllowed: () => boolean;
  /** The photo model variant to load, read at every start (a change in Settings restarts with init). */
  backboneVariant?: () => BackboneVariant;
  /** Benchmarks only: the most WASM threads to start (`?threads=N`). */
  wasmThreadLimit?: number;
  /** A stuck worker was replaced; `threads`: the stuck start used threads (now off: remember it, tell the user). */
  onRestart: (threads: boolean) => void;
  /** Silence, in ms, after which a starting worker counts as stuck. */
  deadlineMs: number;
  /** Test hook: the first worker freezes while starting (a busy loop), as if its thread pool hung. */
  freezeFirstStartForTest?: boolean;
  /** True while the page is hidden: timers may be throttled then, so silence proves nothing. */
  paused?: () => boolean;
}

/** The worker stopped answering while it was starting. */
class Stalled extends Error {}

/** Calls in flight on a worker that was replaced end with this (rare: a switch that hung). */
const RESTARTED = 'The app restarted its engine while this was running. Please try again.';

interface Generation {
  worker: WorkerLike;
  remote: Remote<MlApi>;
  lastBeat: number;
  /** Rejects the calls still waiting on this worker once it is terminated. */
  dead: Promise<never>;
  kill: () => void;
}

export class EngineConnection {
  private current: Generation | null = null;
  private startup: Promise<BackendChoice> | null = null;
  private backendListener: ((c: BackendChange) => void) | null = null;
  /** Stuck workers replaced, for tests and diagnostics. */
  restarts = 0;

  constructor(private readonly options: EngineOptions) {}

  /** The typed API: every call waits for the start, then goes to the live worker. */
  readonly api = new Proxy({} as Remote<MlApi>, {
    get: (_, name) => {
      if (typeof name !== 'string' || name === 'then') return undefined;
      return (...args: unknown[]) => this.call(name as keyof MlApi, args);
    },
  });

  /**
   * Ends the worker now (its background work and storage transactions with it); the next call
   * starts a new one. For a page going into the back/forward cache, where a suspended worker
   * holding a transaction would stall the next page's worker.
   */
  suspend(): void {
    const gen = this.current;
    if (!gen) return;
    this.current = null;
    this.startup = null;
    gen.kill();
    gen.worker.terminate();
  }

  private spawn(): Generation {
    const worker = this.options.spawn();
    let kill: () => void = () => {};
    const dead = new Promise<never>((_, reject) => {
      kill = () => reject(new Error(RESTARTED));
    });
    dead.catch(() => undefined); // nobody may be waiting
    const gen: Generation = { worker, remote: wrap<MlApi>(worker), lastBeat: performance.now(), dead, kill };
    worker.addEventListener('message', (e: Event) => {
      if (isHeartbeat((e as MessageEvent).data)) gen.lastBeat = performance.now();
    });
    if (this.backendListener) void gen.remote.onBackendChange(proxy(this.backendListener));
    return gen;
  }

  private async call(name: keyof MlApi, args: unknown[]): Promise<unknown> {
    if (name === 'init') return this.init(args[0] as BackendName | 'auto' | undefined);
    if (name === 'onBackendChange') {
      // Kept, so a replacement worker reports to the same place.
      this.backendListener = args[0] as (c: BackendChange) => void;
      if (this.current) await this.current.remote.onBackendChange(proxy(this.backendListener));
      return;
    }
    await (this.startup ?? this.init(this.options.preferred())).catch(() => undefined);
    const gen = (this.current ??= this.spawn());
    const method = gen.remote[name] as unknown as (...a: unknown[]) => Promise<unknown>;
    return Promise.race([method(...args), gen.dead]);
  }

  /** Starts (or switches) the backend under the watchdog. */
  init(preferred: BackendName | 'auto' = this.options.preferred()): Promise<BackendChoice> {
    const previous = this.startup;
    const next = (async () => {
      if (previous) await previous.catch(() => undefined); // one start at a time
      return this.watchedStart(preferred);
    })();
    this.startup = next;
    return next;
  }

  private async watchedStart(preferred: BackendName | 'auto'): Promise<BackendChoice> {
    // One replacement per start: a second stuck worker means this browser cannot run the engine.
    for (let attempt = 0; ; attempt++) {
      const gen = (this.current ??= this.spawn());
      const threads = this.options.threadsAllowed();
      try {
        const freezeForTest = this.options.freezeFirstStartForTest && this.restarts === 0;
        return await this.watch(
          gen,
          gen.remote.init(preferred, {
            wasmThreads: threads,
            freezeForTest,
            backboneVariant: this.options.backboneVariant?.(),
            wasmThreadLimit: this.options.wasmThreadLimit,
          }),
        );
      } catch (e) {
        // A backend start that never settled leaves TF.js in that worker waiting for it forever.
        const stuck = e instanceof Stalled || (e instanceof Error && e.name === BACKEND_START_TIMEOUT);
        if (!stuck) throw e;
        gen.worker.terminate();
        gen.kill();
        this.current = null;
        if (attempt > 0)
          throw new Error('The app could not start its engine in this browser. Reload the page to try again.');
        this.restarts++;
        this.options.onRestart(threads);
      }
    }
  }

  /** Resolves with `work`, or rejects with Stalled once the worker has been silent too long. */
  private watch<T>(gen: Generation, work: Promise<T>): Promise<T> {
    const { deadlineMs, paused = () => false } = this.options;
    gen.lastBeat = performance.now();
    const tick = Math.min(1000, deadlineMs / 4);
    let timer: ReturnType<typeof setInterval> | undefined;
    let lastTick = performance.now();
    const stalled = new Promise<never>((_, reject) => {
      timer = setInterval(() => {
        const now = performance.now();
        // A hidden page, or a page whose own timer ran late (frozen, throttled), proves nothing.
        if (paused() || now - lastTick > 3 * tick) gen.lastBeat = now;
        lastTick = now;
        if (now - gen.lastBeat > deadlineMs) reject(new Stalled());
      }, tick);
    });
    return Promise.race([work, stalled]).finally(() => clearInterval(timer));
  }
}
