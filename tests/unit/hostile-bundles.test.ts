/**
 * Fuzz suite for issue 16: hostile classifier files of every family (training/lib/hostile-bundles.ts)
 * and random mutations of a valid export. Each must be refused with the bad-classifier-file
 * sentence (never a stack trace), within a time bound, and the suite's peak memory must stay
 * bounded. Seeded, and each property stops after a time limit, so the suite is repeatable and short.
 */
import * as fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/ml/core/errors';
import {
  type BundleExpectations,
  type ClassifierBundle,
  readClassifierBundle,
  writeClassifierBundle,
} from '../../src/ml/formats/classifier-bundle';
import { BACKBONE_ID, BACKBONE_FEATURE_SIZE as DIM } from '../../src/ml/photos/backbone-spec';
import { bundleFromHeadDir } from '../../training/lib/head-bundle-files';
import {
  deepNesting,
  flipBytes,
  hugeJson,
  lookAlikeNames,
  lyingDeflate,
  overlapping,
  replaceInManifest,
  strangeHead,
} from '../../training/lib/hostile-bundles';

const MB = 1024 * 1024;
/** The bounds: a clear message within 2 s and under 300 MB of extra memory. */
const MAX_MS = 2000;
const MAX_EXTRA_RSS = 300 * MB;
const RUN = { seed: 16, numRuns: 30, interruptAfterTimeLimit: 15_000 };
const HIDDEN = 8;

let base: ClassifierBundle;
let valid: Uint8Array;
let expect_: BundleExpectations;
let rssBefore: number;
const slowest = { ms: 0, what: '' };

/** A small head of the app's shape (2048 → 8 ReLU → 2 softmax), so each run is quick. */
beforeAll(async () => {
  const real = await bundleFromHeadDir('models/heads/cats-dogs');
  const topology = structuredClone(real.modelTopology) as { config: { layers: { config: { units?: number } }[] } };
  topology.config.layers[1].config.units = HIDDEN;
  const [k1, b1, k2, b2] = real.weightSpecs;
  const weightSpecs = [{ ...k1, shape: [DIM, HIDDEN] }, { ...b1, shape: [HIDDEN] }, { ...k2, shape: [HIDDEN, 2] }, b2];
  const n = DIM * HIDDEN + HIDDEN + HIDDEN * 2 + 2;
  const weights = Float32Array.from({ length: n }, (_, i) => Math.sin(i) * 0.05);
  base = { ...real, modelTopology: topology, weightSpecs, weightData: weights.buffer };
  valid = await writeClassifierBundle(base);
  expect_ = { backboneId: BACKBONE_ID, backboneVersion: real.card.backbone.version, featureDim: DIM };
  await readClassifierBundle(valid, expect_); // the base itself is fine
  rssBefore = process.resourceUsage().maxRSS * 1024;
});

/** Reads `bytes`; returns the refusal, or undefined when the file was accepted. Checks time and form. */
async function read(bytes: Uint8Array, what: string): Promise<UserError | undefined> {
  const started = performance.now();
  const outcome = await readClassifierBundle(bytes, expect_).then(
    () => undefined,
    (e: unknown) => e,
  );
  const ms = performance.now() - started;
  if (ms > slowest.ms) Object.assign(slowest, { ms, what });
  expect(ms, what).toBeLessThan(MAX_MS);
  if (outcome === undefined) return undefined;
  expect(outcome, what).toBeInstanceOf(UserError);
  const u = outcome as UserError;
  expect(u.code).toBe('bad-classifier-file');
  expect(u.message).toMatch(/^[A-Z][^\n]*[.]$/);
  expect(u.message).not.toMatch(/undefined|NaN|null/);
  for (const text of [u.message, u.detail ?? '']) {
    expect(text).not.toMatch(/\n\s+at |Error:|\[object/);
    expect(text.length).toBeLessThan(400);
  }
  return u;
}

async function refused(bytes: Uint8Array, what: string): Promise<UserError> {
  const u = await read(bytes, what);
  expect(u, `${what} was accepted`).toBeDefined();
  return u!;
}

const INVISIBLE = [
  '\u00ad',
  '\u061c',
  '\u115f',
  '\u1160',
  '\u180e',
  '\u200b',
  '\u200c',
  '\u200d',
  '\u200e',
  '\u200f',
  '\u2060',
  '\u2061',
  '\u2062',
  '\u2063',
  '\u2064',
  '\u3164',
  '\ufeff',
  '\uffa0',
];

describe('hostile classifier files are refused quickly, in bounded memory, with a sentence', () => {
  it('1. parts whose data overlap', async () => {
    const arb = fc.record({
      parts: fc.integer({ min: 2, max: 300 }),
      blob: fc.integer({ min: 1, max: 2 * MB }),
      zero: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(arb, async ({ parts, blob, zero }) => {
        await refused(overlapping(parts, blob, zero), `overlapping ${parts} × ${blob} ${zero}`);
      }),
      RUN,
    );
  });

  it('2. deflate parts that inflate past their declared size', async () => {
    const arb = fc.record({
      parts: fc.integer({ min: 1, max: 40 }),
      inflates: fc.integer({ min: 64 * 1024, max: 16 * MB }),
      declaredShare: fc.double({ min: 0, max: 0.99, noNaN: true }),
    });
    await fc.assert(
      fc.asyncProperty(arb, async ({ parts, inflates, declaredShare }) => {
        const declared = Math.floor(inflates * declaredShare);
        await refused(lyingDeflate(parts, inflates, declared), `lying ${parts} × ${inflates} as ${declared}`);
      }),
      RUN,
    );
  });

  it('3. manifests small zipped and huge parsed', async () => {
    const arb = fc.record({
      kind: fc.constantFrom('objects' as const, 'numbers' as const),
      bytes: fc.integer({ min: 64 * 1024, max: 32 * MB }),
      honest: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(arb, async ({ kind, bytes, honest }) => {
        await refused(hugeJson(kind, bytes, honest), `json ${kind} ${bytes} ${honest}`);
      }),
      { ...RUN, numRuns: 15 },
    );
    // Under every size cap: ~600,000 tokens are stopped by the count before JSON.parse.
    expect((await refused(hugeJson('objects', 900 * 1024, true), 'tokens')).detail).toMatch(/more than 250000 values/);
  });

  it('4. deep nesting in the card', async () => {
    const arb = fc.record({
      depth: fc.integer({ min: 1, max: 100_000 }),
      field: fc.constantFrom('id' as const, 'classes' as const, 'backbone' as const),
    });
    await fc.assert(
      fc.asyncProperty(arb, async ({ depth, field }) => {
        await refused(deepNesting(valid, depth, field), `nesting ${depth} in ${field}`);
      }),
      RUN,
    );
    // The case exactly: 100,000 levels in the class list.
    expect((await refused(deepNesting(valid, 100_000, 'classes'), 'nesting')).message).toMatch(/cannot be read/);
  });

  it('5. heads of a shape the app never makes, with matching checksums', async () => {
    for (const attack of ['repeat-vector', 'linear-output', 'huge-weights', 'functional', 'no-hidden-relu'] as const) {
      const u = await refused(await strangeHead(base, attack), attack);
      expect(u.message).toMatch(
        attack === 'huge-weights' ? /weights are far too large/ : /kind of model the app does not make/,
      );
    }
  });

  it('6. class names that look alike or look like nothing', async () => {
    const arb = fc.record({
      name: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== ''),
      invisible: fc.constantFrom(...INVISIBLE),
      at: fc.nat(),
    });
    await fc.assert(
      fc.asyncProperty(arb, async ({ name, invisible, at }) => {
        const i = at % (name.length + 1);
        const hidden = name.slice(0, i) + invisible + name.slice(i);
        await refused(await lookAlikeNames(base, [name, hidden]), `name ${JSON.stringify(hidden)}`);
        await refused(await lookAlikeNames(base, [invisible, name]), 'invisible-only name');
        await refused(
          await lookAlikeNames(base, [name, name.toUpperCase() === name ? name.toLowerCase() : name.toUpperCase()]),
          'case',
        );
      }),
      { ...RUN, numRuns: 10 },
    );
    for (const [a, b] of [
      ['cat', 'ｃａｔ'],
      ['fish', 'ﬁsh'],
      ['Straße', 'STRASSE'],
    ]) {
      expect((await refused(await lookAlikeNames(base, [a, b]), `${a}/${b}`)).message).toMatch(/same name/);
    }
  });

  it('mutations of a valid export are accepted or refused with a sentence, never anything else', async () => {
    const flips = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 20 });
    await fc.assert(
      fc.asyncProperty(flips, async (f) => void (await read(flipBytes(valid, f), 'flips'))),
      RUN,
    );
    await fc.assert(
      fc.asyncProperty(fc.nat(), async (n) => void (await refused(valid.subarray(0, n % valid.length), 'truncated'))),
      RUN,
    );
    const path = fc.constantFrom(
      ['format'],
      ['version'],
      ['card'],
      ['card', 'id'],
      ['card', 'classes'],
      ['card', 'backbone'],
      ['card', 'confidenceThreshold'],
      ['model', 'topology'],
      ['model', 'topology', 'config', 'layers'],
      ['model', 'weightSpecs'],
      ['files'],
      ['files', 'weights.bin'],
      ['samples'],
    );
    await fc.assert(
      fc.asyncProperty(path, fc.jsonValue({ maxDepth: 4 }), async (p, v) => {
        await read(replaceInManifest(valid, p, v), `${p.join('.')} = ${JSON.stringify(v).slice(0, 60)}`);
      }),
      { ...RUN, numRuns: 60 },
    );
  });

  it('kept peak memory within the bound across the whole suite', () => {
    const extra = process.resourceUsage().maxRSS * 1024 - rssBefore;
    console.info(
      `peak RSS growth ${(extra / MB).toFixed(0)} MB; slowest read ${slowest.ms.toFixed(0)} ms (${slowest.what})`,
    );
    expect(extra).toBeLessThan(MAX_EXTRA_RSS);
  });
});
