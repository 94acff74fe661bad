/**
 * The rejector as files: the feature bank in half precision (a bundled head's extra download stays
 * under 1 MB) plus a small spec in the head's card or version record. Bytes: rows × dim float16
 * unit vectors, then rows int16 labels (a class index or NEGATIVE), little-endian.
 */
import { float16ToFloat32, float32ToFloat16 } from '../core/float16';
import type { FeatureBank, Rejector } from './open-set';
import type { DensitySpec } from './open-set-density';
import { type DoubtSpec, isDoubtSpec } from './open-set-doubt';
import { isSomethingElseSpec, type SomethingElseSpec } from './open-set-else';
import type { VerdictRule } from './verdict';

/** The bundled file next to model.json. */
export const OPEN_SET_FILE = 'open-set.bin';

/** What a head's card (`openSet`) or a version record says about its rejector. */
export interface OpenSetSpec {
  /** Bank rows and feature length (the bank file must be exactly rows × (dim + 1) × 2 bytes). */
  rows: number;
  dim: number;
  /** Neighbours averaged per score. */
  k: number;
  /** Mean cosine distance above which a photo is "none of these". */
  threshold: number;
  /** Share of in-class validation photos the threshold rejects. */
  falseRejection: number;
  /** Softmax temperature fitted on validation (1 = as trained). */
  temperature: number;
  rule?: VerdictRule;
  /**
   * Bundled heads: the density rejector (its file next to model.json) that decides "none of
   * these"; the bank above is then only what a user copy of the head builds on.
   */
  density?: DensitySpec;
  /**
   * Bundled heads: a second density model, on the backbone's stage-3 probe (BACKBONE_PROBE; its
   * file next to model.json), whose distance `doubt.probe` adds to the density's.
   */
  probe?: DensitySpec;
  /**
   * Bundled heads: the head's doubt added to the distance of the rejector named in `on` (which
   * then decides by `doubt.threshold`); ignored when that rejector is not the one deciding.
   */
  doubt?: BoundDoubt;
  /**
   * Bundled heads whose density models also learnt photos of other things: the second rule,
   * beside the distance (open-set-else.ts); used only while the density decides.
   */
  somethingElse?: SomethingElseSpec;
}

export type BoundDoubt = DoubtSpec & { on: 'density' | 'bank' };

export const bankBytes = (rows: number, dim: number) => rows * (dim + 1) * 2;

export function encodeBank(bank: FeatureBank): Uint8Array {
  const rows = bank.labels.length;
  const out = new Uint8Array(bankBytes(rows, bank.dim));
  const view = new DataView(out.buffer);
  const halves = float32ToFloat16(bank.vectors);
  for (let i = 0; i < halves.length; i++) view.setUint16(i * 2, halves[i], true);
  const at = halves.length * 2;
  for (let r = 0; r < rows; r++) view.setInt16(at + r * 2, bank.labels[r], true);
  return out;
}

export function decodeBank(bytes: Uint8Array, rows: number, dim: number): FeatureBank {
  if (bytes.byteLength !== bankBytes(rows, dim))
    throw new Error(`open-set bank has ${bytes.byteLength} bytes, expected ${bankBytes(rows, dim)}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const halves = new Uint16Array(rows * dim);
  for (let i = 0; i < halves.length; i++) halves[i] = view.getUint16(i * 2, true);
  const labels = new Int32Array(rows);
  const at = halves.length * 2;
  for (let r = 0; r < rows; r++) labels[r] = view.getInt16(at + r * 2, true);
  return { vectors: float16ToFloat32(halves), dim, labels };
}

/** A bank as it will be read back (half precision): thresholds are set on what the app will see. */
export const roundTrip = (bank: FeatureBank): FeatureBank => decodeBank(encodeBank(bank), bank.labels.length, bank.dim);

export function rejectorOf(bank: FeatureBank, spec: Pick<OpenSetSpec, 'k' | 'threshold'>): Rejector {
  return { bank, k: spec.k, threshold: spec.threshold };
}

/** Whether a parsed JSON value is a usable spec (cards and files come from outside). */
export function isOpenSetSpec(v: unknown): v is OpenSetSpec {
  if (!v || typeof v !== 'object') return false;
  const s = v as Record<string, unknown>;
  const pos = (x: unknown, max: number) => typeof x === 'number' && Number.isFinite(x) && x > 0 && x <= max;
  return (
    Number.isInteger(s.rows) &&
    pos(s.rows, 100_000) &&
    Number.isInteger(s.dim) &&
    pos(s.dim, 100_000) &&
    Number.isInteger(s.k) &&
    pos(s.k, 100) &&
    typeof s.threshold === 'number' &&
    Number.isFinite(s.threshold) &&
    pos(s.temperature, 100) &&
    typeof s.falseRejection === 'number' &&
    (s.doubt === undefined ||
      (isDoubtSpec(s.doubt) && ((s.doubt as BoundDoubt).on === 'density' || (s.doubt as BoundDoubt).on === 'bank'))) &&
    (s.somethingElse === undefined || isSomethingElseSpec(s.somethingElse))
  );
}

/** A rejector as stored with a Teach classifier's head (IndexedDB, versions, classifier files). */
export interface StoredOpenSet {
  spec: OpenSetSpec;
  /** encodeBank bytes. */
  bank: ArrayBuffer;
}
