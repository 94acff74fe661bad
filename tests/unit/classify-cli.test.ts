import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const CAT = '../shared/data/cats-dogs/train/cat/cat.1.jpg';
const DOG = '../shared/data/cats-dogs/train/dog/dog.1.jpg';

function classify(args: string[]): { file: string; top?: { label: string; p: number }[]; error?: string }[] {
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'training/cli/classify.ts', ...args], {
    encoding: 'utf8',
  });
  return out
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l));
}

describe('npm run classify -- --json', () => {
  it('prints one JSON line per file, an error line for a non-image, and carries on', () => {
    const lines = classify(['--model', 'imagenet', '--top', '3', '--json', CAT, 'package.json', DOG]);
    expect(lines.map((l) => l.file)).toEqual([CAT, 'package.json', DOG]);
    expect(lines[1].error).toMatch(/not an image we can read/);
    for (const l of [lines[0], lines[2]]) {
      expect(l.top).toHaveLength(3);
      const ps = l.top!.map((t) => t.p);
      expect(ps).toEqual([...ps].sort((a, b) => b - a));
      expect(ps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1.0001);
    }
    // ImageNet has no plain "cat"/"dog": its top answers are breeds.
    expect(lines[0].top!.map((t) => t.label).join(' ')).toMatch(/cat|tabby|lynx/i);
    expect(lines[2].top!.map((t) => t.label).join(' ')).not.toMatch(/\bcat\b|tabby/i);
  });

  it('refuses an unknown model with a clear message', () => {
    expect(() =>
      execFileSync(process.execPath, ['--import', 'tsx', 'training/cli/classify.ts', '--model', 'nope', CAT], {
        encoding: 'utf8',
        stdio: 'pipe',
      }),
    ).toThrow(/No model "nope"/);
  });
});
