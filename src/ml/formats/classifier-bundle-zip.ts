/**
 * A bounded zip reader for classifier files. It walks the central directory before inflating
 * anything, refuses parts whose data overlap or lie outside the file, too many parts and ratios no
 * classifier has, then inflates each part in small steps, counting the bytes really produced: a
 * part that inflates past its declared size is stopped there, whatever its headers say.
 */
import { Inflate } from 'fflate';
import { UserError } from '../core/errors';
import { bad, damaged, shownName } from './classifier-bundle-errors';
import {
  MAX_COMPRESSION_RATIO,
  MAX_ENTRY_BYTES,
  MAX_MANIFEST_BYTES,
  MAX_ZIP_ENTRIES,
  RATIO_FREE_BYTES,
} from './classifier-bundle-limits';

interface Entry {
  name: string;
  method: number;
  packed: number;
  size: number;
  header: number;
  data: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/**
 * Compressed bytes per inflate step: at deflate's 1,032:1 at most ≈16 MB comes out of one step,
 * ≈4 MB while less than 1 MB is left to come (where a lying part overshoots).
 */
const STEP = 16 * 1024;
const SHORT_STEP = 4 * 1024;

const notZip = (detail: string) =>
  bad(
    'This file is damaged or incomplete, or it is not a classifier file at all. Try copying or exporting it again.',
    `unzip: ${detail}`,
  );
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;

/** The parts of a zip by name (folder entries skipped), unpacking at most `max` bytes in all. */
export function unzipBounded(bytes: Uint8Array, max: number): Map<string, Uint8Array> {
  if (bytes.byteLength > max) {
    throw bad(
      `This file is too big to be a classifier (${mb(bytes.byteLength)}; the limit is ${mb(max)}).`,
      `${bytes.byteLength} bytes > ${max}`,
    );
  }
  const entries = centralDirectory(bytes, max);
  const out = new Map<string, Uint8Array>();
  for (const e of entries) {
    if (e.name.endsWith('/') && e.size === 0) continue; // folder entries some zip tools add
    out.set(e.name, e.method === 0 ? bytes.subarray(e.data, e.data + e.size) : inflateCounted(bytes, e));
  }
  return out;
}

function centralDirectory(bytes: Uint8Array, max: number): Entry[] {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEnd(v);
  const count = v.getUint16(end + 10, true);
  const cdSize = v.getUint32(end + 12, true);
  const cdStart = v.getUint32(end + 16, true);
  if (count > MAX_ZIP_ENTRIES)
    throw bad(damaged('it holds far more parts than any classifier'), `${count} entries > ${MAX_ZIP_ENTRIES}`);
  if (cdStart + cdSize > end) throw notZip('central directory out of range');
  const entries: Entry[] = [];
  const names = new Set<string>();
  let total = 0;
  let at = cdStart;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || v.getUint32(at, true) !== CENTRAL) throw notZip(`central entry ${i} out of range`);
    const flags = v.getUint16(at + 8, true);
    const method = v.getUint16(at + 10, true);
    const packed = v.getUint32(at + 20, true);
    const size = v.getUint32(at + 24, true);
    const nameLength = v.getUint16(at + 28, true);
    const header = v.getUint32(at + 42, true);
    const next = at + 46 + nameLength + v.getUint16(at + 30, true) + v.getUint16(at + 32, true);
    if (next > end) throw notZip(`central entry ${i} out of range`);
    const name = decodeName(bytes.subarray(at + 46, at + 46 + nameLength), i);
    if (flags & 1 || (method !== 0 && method !== 8) || packed === 0xffffffff || size === 0xffffffff)
      throw notZip(`entry ${i}: flags ${flags}, method ${method}`); // encrypted, zip64 or an unknown method
    if (names.has(name))
      throw bad(damaged('it holds two parts with the same name'), `duplicate entry ${shownName(name)}`);
    names.add(name);
    total += size;
    if (total > max)
      throw bad(
        `This file unpacks to more than ${mb(max)}, too big to be a classifier.`,
        `unzipped sizes sum past ${max}`,
      );
    const cap = name === 'manifest.json' ? MAX_MANIFEST_BYTES : MAX_ENTRY_BYTES;
    if (size > cap)
      throw bad(
        damaged('a part of it is far bigger than any classifier needs'),
        `${shownName(name)}: ${size} bytes > ${cap}`,
      );
    if (size > RATIO_FREE_BYTES && size > packed * MAX_COMPRESSION_RATIO)
      throw bad(
        damaged('a part of it unpacks to far more than any classifier'),
        `${shownName(name)}: ${size} bytes from ${packed}`,
      );
    if (method === 0 && packed !== size) throw notZip(`stored entry ${i} sizes differ`);
    if (header + 30 > cdStart || v.getUint32(header, true) !== LOCAL) throw notZip(`entry ${i} header out of range`);
    const data = header + 30 + v.getUint16(header + 26, true) + v.getUint16(header + 28, true);
    entries.push({ name, method, packed, size, header, data });
    at = next;
  }
  // Every part's header and data lie before the directory and apart from each other's.
  const byOffset = [...entries].sort((a, b) => a.header - b.header);
  let free = 0;
  for (const e of byOffset) {
    if (e.header < free || e.data + e.packed > cdStart)
      throw bad(
        damaged('its parts overlap or lie outside it'),
        `${shownName(e.name)}: data at ${e.header}, free from ${free}`,
      );
    free = e.data + e.packed;
  }
  return entries;
}

/** The end-of-central-directory record: the last one whose comment reaches exactly to the end. */
function findEnd(v: DataView): number {
  for (let at = v.byteLength - 22; at >= Math.max(0, v.byteLength - 22 - 0xffff); at--) {
    if (v.getUint32(at, true) === EOCD && at + 22 + v.getUint16(at + 20, true) === v.byteLength) {
      if (v.getUint16(at + 4, true) !== 0 || v.getUint16(at + 8, true) !== v.getUint16(at + 10, true))
        throw notZip('multi-disk zip');
      return at;
    }
  }
  throw notZip('no end of central directory');
}

function decodeName(raw: Uint8Array, i: number): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    throw notZip(`entry ${i}: name is not UTF-8`);
  }
}

/** Inflates one part in STEP-sized pushes and stops as soon as it produces more than it declared. */
function inflateCounted(bytes: Uint8Array, e: Entry): Uint8Array {
  const out = new Uint8Array(e.size);
  let produced = 0;
  const inflate = new Inflate((chunk) => {
    if (produced + chunk.length > e.size)
      throw bad(
        damaged(`a part of it (${shownName(e.name)}) is bigger than it says`),
        `${shownName(e.name)}: inflates past ${e.size} bytes`,
      );
    out.set(chunk, produced);
    produced += chunk.length;
  });
  const packed = bytes.subarray(e.data, e.data + e.packed);
  try {
    for (let at = 0; ; ) {
      const step = e.size - produced < 1024 * 1024 ? SHORT_STEP : STEP;
      const last = at + step >= packed.length;
      inflate.push(packed.subarray(at, at + step), last);
      if (last) break;
      at += step;
    }
  } catch (x) {
    if (x instanceof UserError) throw x;
    throw notZip(`${shownName(e.name)}: ${x instanceof Error ? x.message.slice(0, 80) : 'inflate failed'}`);
  }
  if (produced !== e.size)
    throw bad(
      damaged(`a part of it (${shownName(e.name)}) is smaller than it says`),
      `${shownName(e.name)}: ${produced} of ${e.size} bytes`,
    );
  return out;
}
