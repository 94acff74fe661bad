import { beforeAll, describe, expect, it } from 'vitest';
import { type BackendHost, chooseBackend, isSoftwareAdapter } from '../../src/ml/core/backend';
import { initNodeTf, tf } from '../../training/lib/node-tf';

const noGpu: BackendHost = { webGpuAdapter: async () => null };

beforeAll(async () => {
  await initNodeTf();
});

describe('backend choice', () => {
  it('recognises software WebGPU adapters', () => {
    expect(isSoftwareAdapter({ isFallbackAdapter: true, architecture: '', vendor: '' })).toBe(true);
    expect(isSoftwareAdapter({ isFallbackAdapter: false, architecture: 'swiftshader', vendor: 'google' })).toBe(true);
    expect(isSoftwareAdapter({ isFallbackAdapter: false, architecture: 'ampere', vendor: 'nvidia' })).toBe(false);
  });

  it('measures and picks a working backend when left automatic', async () => {
    const choice = await chooseBackend(noGpu, 'auto');
    expect(choice.forced).toBe(false);
    expect(choice.measured.wasm).toBeGreaterThan(0);
    expect(choice.name).toBe('wasm'); // WebGL does not exist in Node
    expect(tf.getBackend()).toBe('wasm');
    expect(choice.reason).toMatch(/fastest on the probe/);
  });

  it('honours a forced backend that can start', async () => {
    const choice = await chooseBackend(noGpu, 'cpu');
    expect(choice).toMatchObject({ name: 'cpu', forced: true });
    expect(tf.getBackend()).toBe('cpu');
  });

  it('falls back by measurement when the forced backend cannot start, and says so', async () => {
    const choice = await chooseBackend(noGpu, 'webgpu');
    expect(choice.name).toBe('wasm');
    expect(choice.reason).toMatch(/webgpu could not start/);
  });

  it('leaks no tensors while probing', async () => {
    await chooseBackend(noGpu, 'auto');
    const before = tf.memory().numTensors;
    await chooseBackend(noGpu, 'auto');
    expect(tf.memory().numTensors).toBe(before);
  });
});
