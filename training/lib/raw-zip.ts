/**
 * A zip writer that writes whatever it is told, lies included: declared sizes that are not the
 * real ones, and central-directory entries that point at another entry's data. Only for making
 * hostile classifier files (training/lib/hostile-bundles.ts); real files use fflate's zipSync.
 */
import { strToU8 } from 'fflate';

export interface RawPart {
  name: string;
  /** Bytes as they lie in the file (already deflated when method is 8). */
  data: Uint8Array;
  method?: 0 | 8;
  /** Declared unpacked size (default: data length). */
  size?: number;
  /** Declared packed size (default: data length). */
  packed?: number;
  /** Writes no data of its own: the directory points at part `sharesWith`'s header. */
  sharesWith?: number;
}

export function rawZip(parts: RawPart[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const offsets: number[] = [];
  let offset = 0;
  for (const p of parts) {
    if (p.sharesWith !== undefined) {
      offsets.push(offsets[p.sharesWith]);
      continue;
    }
    const name = strToU8(p.name);
    const h = new Uint8Array(30 + name.length);
    const v = new DataView(h.buffer);
    v.setUint32(0, 0x04034b50, true);
    v.setUint16(4, 20, true);
    v.setUint16(8, p.method ?? 0, true);
    v.setUint32(18, p.packed ?? p.data.length, true);
    v.setUint32(22, p.size ?? p.data.length, true);
    v.setUint16(26, name.length, true);
    h.set(name, 30);
    offsets.push(offset);
    chunks.push(h, p.data);
    offset += h.length + p.data.length;
  }
  const cdStart = offset;
  parts.forEach((p, i) => {
    const name = strToU8(p.name);
    const c = new Uint8Array(46 + name.length);
    const v = new DataView(c.buffer);
    const own = p.sharesWith === undefined ? p : parts[p.sharesWith];
    v.setUint32(0, 0x02014b50, true);
    v.setUint16(4, 20, true);
    v.setUint16(6, 20, true);
    v.setUint16(10, p.method ?? own.method ?? 0, true);
    v.setUint32(20, p.packed ?? own.data.length, true);
    v.setUint32(24, p.size ?? p.packed ?? own.data.length, true);
    v.setUint16(28, name.length, true);
    v.setUint32(42, offsets[i], true);
    c.set(name, 46);
    chunks.push(c);
    offset += c.length;
  });
  const end = new Uint8Array(22);
  const v = new DataView(end.buffer);
  v.setUint32(0, 0x06054b50, true);
  v.setUint16(8, parts.length, true);
  v.setUint16(10, parts.length, true);
  v.setUint32(12, offset - cdStart, true);
  v.setUint32(16, cdStart, true);
  chunks.push(end);
  const out = new Uint8Array(offset + 22);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
