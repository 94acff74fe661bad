/**
 * IEEE 754 half precision (binary16) for storing model weights at half size. TF.js reads such
 * weights when the manifest says `dtype: 'float32', quantization: { dtype: 'float16' }`.
 * Rounding is round-to-nearest-even, like a hardware cast, so stored weights match what other
 * tools would produce.
 */

/** Largest finite half: 65504. Finite float32 values from 65520 up round to Infinity. */
export const FLOAT16_MAX = 65504;
/** Smallest positive half (a subnormal): 2^-24 ≈ 5.96e-8. */
export const FLOAT16_MIN_SUBNORMAL = 2 ** -24;
/** Smallest positive normal half: 2^-14 ≈ 6.10e-5; below it precision drops bit by bit. */
export const FLOAT16_MIN_NORMAL = 2 ** -14;

/** Thrown when a finite value would silently become ±Infinity in half precision. */
export class Float16OverflowError extends RangeError {
  constructor(
    readonly value: number,
    readonly index: number,
  ) {
    super(
      `Value ${value} at index ${index} is outside the float16 range (±${FLOAT16_MAX}); keep this tensor in float32.`,
    );
    this.name = 'Float16OverflowError';
  }
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The binary16 bits of `x` (rounded to nearest even); finite overflow gives ±Infinity (0x7c00). */
export function toFloat16Bits(x: number): number {
  f32[0] = x;
  const bits = u32[0];
  const sign = (bits >>> 16) & 0x8000;
  const exp = (bits >>> 23) & 0xff;
  const mant = bits & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 | (mant >>> 13) : 0); // Inf, or a quiet NaN
  const e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    // Subnormal half: shift the full 24-bit significand down to units of 2^-24.
    if (e < -10) return sign; // below 2^-25: rounds to (signed) zero
    const m = mant | 0x800000;
    const shift = 14 - e;
    let half = m >>> shift;
    const rest = m & ((1 << shift) - 1);
    const halfway = 1 << (shift - 1);
    if (rest > halfway || (rest === halfway && half & 1)) half++; // a carry becomes the smallest normal
    return sign | half;
  }
  let half = (e << 10) | (mant >>> 13);
  const rest = mant & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && half & 1)) half++; // a carry may reach Infinity: correct
  return sign | half;
}

/** The number that binary16 `bits` stands for. */
export function fromFloat16Bits(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >>> 10) & 0x1f;
  const mant = bits & 0x3ff;
  if (exp === 0) return sign * mant * FLOAT16_MIN_SUBNORMAL;
  if (exp === 0x1f) return mant ? NaN : sign * Infinity;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}

/** Index of the first finite value that would overflow to Infinity, or -1 if all fit. */
export function float16OverflowIndex(values: ArrayLike<number>): number {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v) && (toFloat16Bits(v) & 0x7fff) === 0x7c00) return i;
  }
  return -1;
}

/** Encodes to half precision; refuses (Float16OverflowError) rather than turn a weight into Infinity. */
export function float32ToFloat16(values: ArrayLike<number>): Uint16Array {
  const out = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const h = toFloat16Bits(v);
    if ((h & 0x7fff) === 0x7c00 && Number.isFinite(v)) throw new Float16OverflowError(v, i);
    out[i] = h;
  }
  return out;
}

export function float16ToFloat32(halves: Uint16Array): Float32Array {
  const out = new Float32Array(halves.length);
  for (let i = 0; i < halves.length; i++) out[i] = fromFloat16Bits(halves[i]);
  return out;
}
