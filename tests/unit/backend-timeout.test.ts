/** A backend whose start never settles must not hang the choice (own file: it leaves TF.js wedged). */
import { beforeAll, describe, expect, it } from 'vitest';
import { BackendStartTimeout, chooseBackend, setBackendStartTimeout } from '../../src/ml/core/backend';
import { initNodeTf, tf } from '../../training/lib/node-tf';

beforeAll(async () => {
  await initNodeTf();
});

describe('backend start timeout', () => {
  it('gives up on a backend whose start never settles, with a plain reason', async () => {
    // WebGL does not exist in Node: register one whose start hangs, as a stalled GPU request would.
    tf.registerBackend('webgl', () => new Promise<never>(() => undefined));
    setBackendStartTimeout(300);
    const started = performance.now();
    const outcome = await chooseBackend({ webGpuAdapter: async () => null }, 'auto').then(
      () => 'chosen',
      (e: unknown) => e,
    );
    expect(outcome).toBeInstanceOf(BackendStartTimeout);
    expect((outcome as Error).message).toBe('The WEBGL engine did not start within 0.3 s.');
    expect(performance.now() - started).toBeLessThan(5_000);
    setBackendStartTimeout();
  });
});
