import { afterEach, describe, expect, it, vi } from 'vitest';
import { backboneVariant } from '../../src/app/settings';
import { DEFAULT_BACKBONE_VARIANT } from '../../src/ml/photos/backbone-spec';

describe('which photo model a device downloads', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('follows the setting, else the data saver when the browser asks to save data, else the default', () => {
    vi.stubGlobal('location', { search: '' });
    expect(backboneVariant('auto', false)).toBe(DEFAULT_BACKBONE_VARIANT);
    expect(backboneVariant('auto', true)).toBe('uint8');
    expect(backboneVariant('float16', true)).toBe('float16');
    expect(backboneVariant('uint8', false)).toBe('uint8');
  });

  it('takes ?backbone= from the address first (benchmarks and tests)', () => {
    vi.stubGlobal('location', { search: '?backbone=uint8' });
    expect(backboneVariant('float16', false)).toBe('uint8');
    vi.stubGlobal('location', { search: '?backbone=nonsense' });
    expect(backboneVariant('float16', true)).toBe('float16');
  });
});
