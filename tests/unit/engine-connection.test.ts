/**
 * The start-up watchdog between the page and the ML worker, with fake workers on real message
 * ports (Comlink end to end): a worker that freezes while starting is replaced by a
 * single-threaded one; a slow worker that still beats is left alone.
 */

import { MessageChannel } from 'node:worker_threads';
import { expose } from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { EngineConnection, type WorkerLike } from '../../src/app/engine-connection';
import { threadsOffByDefault, wasmThreadsAllowed } from '../../src/app/settings';
import { heartbeatMessage } from '../../src/contract/heartbeat-message';
import type { BackendChoice, EngineStartOptions } from '../../src/contract/ml-api';

const DEADLINE = 400;
const choice = (threads: number): BackendChoice => ({
  name: 'wasm',
  reason: 'test',
  measured: {},
  adapter: null,
  forced: false,
  threads,
});

/** How a fake worker behaves when asked to start. */
type Behaviour = 'freeze' | 'slow' | 'ok' | 'timeout';

interface FakeWorker extends WorkerLike {
  terminated: boolean;
  starts: EngineStartOptions[];
  listeners: number;
}

function fakeWorker(behaviour: (opts: EngineStartOptions) => Behaviour): FakeWorker {
  const { port1, port2 } = new MessageChannel();
  let beating: ReturnType<typeof setInterval> | undefined = setInterval(
    () => port2.postMessage(heartbeatMessage()),
    50,
  );
  const worker = port1 as unknown as FakeWorker;
  worker.terminated = false;
  worker.starts = [];
  worker.listeners = 0;
  worker.terminate = () => {
    worker.terminated = true;
    clearInterval(beating);
    port1.close();
  };
  expose(
    {
      async init(_preferred: string, opts: EngineStartOptions = {}) {
        worker.starts.push(opts);
        const how = behaviour(opts);
        if (how === 'freeze') {
          clearInterval(beating); // a frozen worker neither beats nor answers
          beating = undefined;
          return new Promise(() => undefined);
        }
        if (how === 'timeout')
          throw Object.assign(new Error('The WASM engine did not start within 20 s.'), { name: 'BackendStartTimeout' });
        if (how === 'slow') await new Promise((r) => setTimeout(r, DEADLINE * 3));
        return choice(opts.wasmThreads === false ? 1 : 4);
      },
      async backend() {
        return choice(worker.starts.at(-1)?.wasmThreads === false ? 1 : 4);
      },
      async onBackendChange() {
        worker.listeners++;
      },
    },
    port2 as unknown as Parameters<typeof expose>[1],
  );
  return worker;
}

const connections: EngineConnection[] = [];
const spawned: FakeWorker[] = [];
afterEach(() => {
  for (const w of spawned.splice(0)) if (!w.terminated) w.terminate();
});

function connect(behaviour: (opts: EngineStartOptions, n: number) => Behaviour, threadsPossible = true) {
  let threadsAllowed = threadsPossible;
  let hung = 0;
  let restarts = 0;
  const c = new EngineConnection({
    spawn: () => {
      const n = spawned.length;
      const w = fakeWorker((o) => behaviour(o, n));
      spawned.push(w);
      return w;
    },
    preferred: () => 'auto',
    threadsAllowed: () => threadsAllowed,
    onRestart: (threads) => {
      if (threads) hung++;
      threadsAllowed = false;
      restarts++;
    },
    deadlineMs: DEADLINE,
  });
  connections.push(c);
  return { c, hung: () => hung, restarts: () => restarts };
}

describe('engine start-up watchdog', () => {
  it('replaces a worker that freezes while starting with threads by a single-threaded one', async () => {
    const { c, hung } = connect((o) => (o.wasmThreads === false ? 'ok' : 'freeze'));
    const started = performance.now();
    const first = await c.api.init('auto');
    expect(first.threads).toBe(1);
    expect(hung()).toBe(1);
    expect(c.restarts).toBe(1);
    expect(spawned).toHaveLength(2);
    expect(spawned[0].terminated).toBe(true);
    expect(spawned[0].starts).toEqual([{ wasmThreads: true, freezeForTest: undefined }]);
    expect(spawned[1].starts[0].wasmThreads).toBe(false);
    expect(performance.now() - started).toBeGreaterThanOrEqual(DEADLINE);
  });

  it('sends calls made during a frozen start to the replacement, and keeps the backend listener', async () => {
    const { c } = connect((o) => (o.wasmThreads === false ? 'ok' : 'freeze'));
    await c.api.onBackendChange(() => undefined);
    const [backend, started] = await Promise.all([c.api.backend(), c.api.init('auto')]);
    expect(backend.threads).toBe(1);
    expect(started.threads).toBe(1);
    expect(spawned.map((w) => w.listeners)).toEqual([1, 1]); // each worker, the replacement too
  });

  it('leaves a slow start alone while the worker still beats', async () => {
    const { c, hung } = connect(() => 'slow');
    const first = await c.api.init('auto');
    expect(first.threads).toBe(4);
    expect(hung()).toBe(0);
    expect(spawned).toHaveLength(1);
  });

  it('treats a backend start that timed out inside the worker like a freeze', async () => {
    const { c, hung } = connect((o) => (o.wasmThreads === false ? 'ok' : 'timeout'));
    expect((await c.api.init('wasm')).threads).toBe(1);
    expect(hung()).toBe(1);
    expect(spawned[0].terminated).toBe(true);
  });

  it('replaces a stuck worker once where threads are impossible, without blaming threads', async () => {
    const { c, hung, restarts } = connect((_, n) => (n === 0 ? 'freeze' : 'ok'), false);
    expect((await c.api.init('auto')).threads).toBe(1);
    expect(restarts()).toBe(1);
    expect(hung()).toBe(0);
    expect(spawned.map((w) => w.starts[0].wasmThreads)).toEqual([false, false]);
  });

  it('gives a plain error, not an endless loop, when even a single-threaded start freezes', async () => {
    const { c } = connect(() => 'freeze');
    await expect(c.api.init('auto')).rejects.toThrow(/could not start its engine in this browser/);
    expect(spawned).toHaveLength(2);
    expect(spawned.every((w) => w.terminated)).toBe(true);
  });

  it('starts the engine on the first call when nobody asked for a start', async () => {
    const { c } = connect(() => 'ok');
    expect((await c.api.backend()).threads).toBe(4);
    expect(spawned[0].starts).toHaveLength(1);
  });
});

describe('WASM threads per browser', () => {
  const FIREFOX_ANDROID = 'Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0';
  const FIREFOX_IOS =
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/133.0 Mobile/15E148 Safari/605.1.15';
  const SAFARI_IOS =
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1';
  const CHROME_ANDROID =
    'Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';

  it('starts Gecko and WebKit single-threaded unless asked, Chromium threaded unless a start froze', () => {
    expect(wasmThreadsAllowed('default', FIREFOX_ANDROID)).toBe(false);
    expect(wasmThreadsAllowed('on', FIREFOX_ANDROID)).toBe(true);
    expect(wasmThreadsAllowed('hung', FIREFOX_ANDROID)).toBe(false);
    expect(wasmThreadsAllowed('default', FIREFOX_IOS)).toBe(false); // WebKit underneath
    expect(wasmThreadsAllowed('default', SAFARI_IOS)).toBe(false);
    expect(wasmThreadsAllowed('on', SAFARI_IOS)).toBe(true);
    expect(wasmThreadsAllowed('default', CHROME_ANDROID)).toBe(true);
    expect(
      wasmThreadsAllowed(
        'default',
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36',
      ),
    ).toBe(true);
    expect(wasmThreadsAllowed('hung', CHROME_ANDROID)).toBe(false);
    expect(threadsOffByDefault(FIREFOX_ANDROID)).toBe(true);
  });
});
