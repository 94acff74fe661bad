import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';

const CAT = '../shared/data/cats-dogs/train/cat/cat.1.jpg';
const SUNFLOWER = `../shared/data/flowers5/train/sunflower/${readdirSync('../shared/data/flowers5/train/sunflower').sort()[0]}`;
const dir = mkdtempSync(join(tmpdir(), 'pv-bundle-cli-'));
const file = join(dir, 'cats-dogs.pvclassifier.zip');

const run = (script: string, args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { encoding: 'utf8' });

beforeAll(() => {
  const out = run('training/cli/export-head.ts', ['--model', 'cats-dogs', '--out', file]);
  expect(out.stderr).toBe('');
  expect(out.status).toBe(0);
});

describe('npm run classify -- --model FILE.pvclassifier.zip', () => {
  it('classifies a cat photo as cat with a head exported by npm run export:head', () => {
    const out = run('training/cli/classify.ts', ['--model', file, '--json', CAT]);
    expect(out.status).toBe(0);
    const line = JSON.parse(
      out.stdout
        .trim()
        .split('\n')
        .find((l) => l.startsWith('{'))!,
    );
    expect(line.file).toBe(CAT);
    expect(line.top.map((t: { label: string }) => t.label)).toEqual(['cat', 'dog']);
    expect(line.top[0].p).toBeGreaterThan(0.5);
    // The exported file carries the rejector: the same verdict as the head folder gives.
    expect(line.verdict).toBe('sure');
  });

  it('says "none" for a sunflower through Cats vs dogs (the head folder and its exported file alike)', () => {
    for (const model of ['cats-dogs', file]) {
      const out = run('training/cli/classify.ts', ['--model', model, '--json', CAT, SUNFLOWER]);
      expect(out.status).toBe(0);
      const lines = out.stdout
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l));
      expect(lines.map((l) => l.verdict)).toEqual(['sure', 'none']);
      // The closest class is still given (top list unchanged in shape).
      expect(lines[1].top).toHaveLength(2);
    }
  });

  it('refuses a damaged file with the reason in words and exit status 2', () => {
    const parts = unzipSync(new Uint8Array(readFileSync(file)));
    parts['weights.bin'][100] ^= 1;
    const flipped = join(dir, 'flipped.pvclassifier.zip');
    writeFileSync(flipped, zipSync(parts, { level: 0 }));
    const truncated = join(dir, 'truncated.pvclassifier.zip');
    writeFileSync(truncated, readFileSync(file).subarray(0, 100_000));

    for (const [bad, reason] of [
      [flipped, /This classifier file is damaged: a part of it \(weights\.bin\) has changed since it was exported/],
      [truncated, /This file is damaged or incomplete/],
    ] as const) {
      const out = run('training/cli/classify.ts', ['--model', bad, '--json', CAT]);
      expect(out.status).toBe(2);
      expect(out.stderr).toMatch(reason);
      expect(out.stdout).toBe('');
    }
  });
});
