/**
 * npx tsx training/bench/hostile-files.ts [--out DIR] [--photo FILE] [--only NAME]
 *
 * Writes one hostile classifier file per family of issue 16, at the sizes the issue reported, then
 * runs `npm run classify -- --model F --json PHOTO` on each under /usr/bin/time -v and prints the
 * exit status, wall time, CPU time and peak RSS, next to a not-a-zip file as the floor (Node, tsx
 * and TF.js loaded, nothing read). A script, not a test: it prints figures.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { strToU8 } from 'fflate';
import { readClassifierBundle, writeClassifierBundle } from '../../src/ml/formats/classifier-bundle';
import { bundleFromHeadDir, nodeBundleExpectations } from '../lib/head-bundle-files';
import {
  deepNesting,
  hugeJson,
  lookAlikeNames,
  lyingDeflate,
  overlapping,
  strangeHead,
  type TopologyAttack,
} from '../lib/hostile-bundles';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: '/tmp/pv-hostile' },
    photo: { type: 'string', default: '../shared/data/cats-dogs/train/cat/cat.1.jpg' },
    only: { type: 'string' },
  },
});
const MB = 1024 * 1024;
const base = await bundleFromHeadDir('models/heads/cats-dogs');
const valid = await writeClassifierBundle(base);
const expectations = await nodeBundleExpectations();

const files: [string, () => Uint8Array | Promise<Uint8Array>][] = [
  ['floor: not a zip', () => strToU8('not a zip')],
  ['1 overlapping: 250 × one 8 MB blob, declared 0', () => overlapping(250, 8 * MB, true)],
  ['1 overlapping: 4,000 × one 8 MB blob, declared 8 MB', () => overlapping(4000, 8 * MB, false)],
  ['1 overlapping: 65,535 entries', () => overlapping(65_535, 1024, true)],
  ['2 lying deflate: 60 × 128 MB declared 1 KB', () => lyingDeflate(60, 128 * MB, 1000)],
  ['2 lying deflate: 4,000 × 1 MB declared 1 KB', () => lyingDeflate(4000, MB, 1000)],
  ['3 huge JSON: 200 MB of {} declared', () => hugeJson('objects', 200 * MB, true)],
  ['3 huge JSON: 200 MB of {} declared 1 KB', () => hugeJson('objects', 200 * MB, false)],
  ['3 huge JSON: 190 MB of numbers declared 1 KB', () => hugeJson('numbers', 190 * MB, false)],
  ['3 huge JSON: 3.9 MB of {} (under the size cap)', () => hugeJson('objects', 3.9 * MB, true)],
  ...(['id', 'classes', 'backbone'] as const).map(
    (f) =>
      [`4 deep nesting: 100,000 arrays in ${f}`, () => deepNesting(valid, 100_000, f)] as [string, () => Uint8Array],
  ),
  ...(['repeat-vector', 'linear-output', 'huge-weights', 'functional'] as TopologyAttack[]).map(
    (a) => [`5 topology: ${a}`, () => strangeHead(base, a)] as [string, () => Promise<Uint8Array>],
  ),
  ['6 names: cat, cat+U+200B', () => lookAlikeNames(base, ['cat', 'cat\u200b'])],
  ['6 names: U+200B alone', () => lookAlikeNames(base, ['\u200b', 'dog'])],
  ['6 names: Cat, full-width CAT', () => lookAlikeNames(base, ['Cat', 'ＣＡＴ'])],
  ['valid export (classifies the photo)', () => valid],
];

mkdirSync(values.out, { recursive: true });
console.log(
  '| file | size | read ms (in process) | exit | wall s | CPU s | peak RSS MB | says |\n| --- | --- | --- | --- | --- | --- | --- | --- |',
);
for (const [i, [name, make]] of files.entries()) {
  if (values.only && !name.includes(values.only)) continue;
  const bytes = await make();
  const path = join(values.out, `${String(i).padStart(2, '0')}.pvclassifier.zip`);
  writeFileSync(path, bytes);
  const started = performance.now();
  await readClassifierBundle(bytes, expectations).catch(() => undefined);
  const readMs = performance.now() - started;
  const run = spawnSync(
    '/usr/bin/time',
    ['-v', process.execPath, '--import', 'tsx', 'training/cli/classify.ts', '--model', path, '--json', values.photo],
    { encoding: 'utf8' },
  );
  const field = (label: string) => run.stderr.match(new RegExp(`${label}: (.+)`))?.[1] ?? '?';
  const [m, s] = field('Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\)').split(':').slice(-2).map(Number);
  const cpu = Number(field('User time \\(seconds\\)')) + Number(field('System time \\(seconds\\)'));
  const says = (run.stdout.trim() || run.stderr.split('\n')[0]).slice(0, 110).replace(/\|/g, '/');
  console.log(
    `| ${name} | ${(bytes.length / MB).toFixed(1)} MB | ${readMs.toFixed(0)} | ${field('Exit status')} | ${(m * 60 + s).toFixed(1)} | ${cpu.toFixed(1)} | ${(Number(field('Maximum resident set size \\(kbytes\\)')) / 1024).toFixed(0)} | ${says} |`,
  );
}
