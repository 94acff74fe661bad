import { dataFileError } from '../core/errors';

/**
 * The IDX format of the MNIST family: a 4-byte magic (0, 0, type, rank), `rank` big-endian
 * uint32 dimensions, then the values. We only need unsigned bytes (type 0x08).
 */
export interface IdxArray {
  dims: number[];
  data: Uint8Array;
}

const UBYTE = 0x08;

export function parseIdx(bytes: Uint8Array, name = 'IDX file'): IdxArray {
  if (bytes.length < 4) throw dataFileError(name, 'the file is too short to hold an IDX header');
  if (bytes[0] !== 0 || bytes[1] !== 0) throw dataFileError(name, 'it does not start with the IDX magic number');
  if (bytes[2] !== UBYTE)
    throw dataFileError(name, `values of type 0x${bytes[2].toString(16)} are not supported (expected unsigned bytes)`);
  const rank = bytes[3];
  if (rank < 1 || rank > 4) throw dataFileError(name, `rank ${rank} is out of range`);
  const headerLength = 4 + 4 * rank;
  if (bytes.length < headerLength) throw dataFileError(name, 'the header is truncated');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims: number[] = [];
  for (let i = 0; i < rank; i++) dims.push(view.getUint32(4 + 4 * i, false));
  const expected = dims.reduce((a, b) => a * b, 1);
  const actual = bytes.length - headerLength;
  if (actual < expected) throw dataFileError(name, `it is truncated: ${actual} of ${expected} value bytes present`);
  if (actual > expected) throw dataFileError(name, `it has ${actual - expected} unexpected trailing bytes`);
  return { dims, data: bytes.subarray(headerLength) };
}

/** Builds IDX bytes; used by tests to make small valid (and then broken) files. */
export function encodeIdx(dims: number[], data: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + data.length);
  out[2] = UBYTE;
  out[3] = dims.length;
  const view = new DataView(out.buffer);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  out.set(data, 4 + 4 * dims.length);
  return out;
}
