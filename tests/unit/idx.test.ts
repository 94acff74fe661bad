import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/ml/core/errors';
import { encodeIdx, parseIdx } from '../../src/ml/digits/idx';

const valid = () => encodeIdx([2, 2, 3], Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]));

describe('parseIdx', () => {
  it('reads dimensions and values', () => {
    const idx = parseIdx(valid());
    expect(idx.dims).toEqual([2, 2, 3]);
    expect(Array.from(idx.data)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('reads big-endian dimensions above 255', () => {
    const idx = parseIdx(encodeIdx([300], new Uint8Array(300).fill(7)));
    expect(idx.dims).toEqual([300]);
  });

  /** Writes `bytes` at `at` and returns the changed copy. */
  const poke =
    (at: number, ...bytes: number[]) =>
    (b: Uint8Array) => {
      b.set(bytes, at);
      return b;
    };
  const broken: [string, (b: Uint8Array) => Uint8Array, RegExp][] = [
    ['too short', () => new Uint8Array(2), /too short/],
    ['wrong magic', poke(0, 1), /magic/],
    ['wrong value type', poke(2, 0x0d), /type 0xd/],
    ['rank 0', poke(3, 0), /rank 0/],
    ['truncated header', (b) => b.subarray(0, 10), /header is truncated/],
    ['truncated values', (b) => b.subarray(0, b.length - 1), /truncated: 11 of 12/],
    ['trailing bytes', (b) => Uint8Array.from([...b, 0, 0]), /2 unexpected trailing bytes/],
  ];
  for (const [name, breakIt, message] of broken) {
    it(`rejects ${name} with a clear error`, () => {
      const attempt = () => parseIdx(breakIt(valid()), 'labels.idx');
      expect(attempt).toThrow(UserError);
      expect(attempt).toThrow(message);
      expect(attempt).toThrow(/labels\.idx is not a valid data file/);
    });
  }
});
