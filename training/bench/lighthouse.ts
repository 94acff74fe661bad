/**
 * npm run lighthouse — Lighthouse scores of every section of the production build (dist/, built
 * beforehand: this builds nothing), mobile emulation in Debian's Chromium. Prints a table and the
 * failing audits; exits 1 if accessibility is under MIN_ACCESSIBILITY on any page.
 *   --only accessibility,best-practices   fewer categories (faster)
 *   --pages /classify,/teach             fewer pages
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { preview } from 'vite';
import { auditPages, availableCategories, MIN_ACCESSIBILITY, SECTIONS } from './lighthouse-audit';

const { values } = parseArgs({ options: { only: { type: 'string' }, pages: { type: 'string' } } });
if (!existsSync('dist/index.html')) {
  console.error('dist/ is missing: run `npx vite build` (or npm run build) first.');
  process.exit(2);
}
const categories = values.only ? availableCategories(values.only.split(',')) : availableCategories();
if (!categories.includes('accessibility')) categories.unshift('accessibility');
const pages = values.pages ? values.pages.split(',') : SECTIONS;

const server = await preview({ preview: { host: '127.0.0.1', port: 0, strictPort: false }, logLevel: 'warn' });
const address = server.httpServer.address();
const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 4173}`;
let results: Awaited<ReturnType<typeof auditPages>>;
try {
  results = await auditPages(base, pages, categories);
} finally {
  await server.close();
}

console.log(`\nLighthouse ${categories.join(', ')} — mobile emulation, ${base}\n`);
console.log(
  ['page'.padEnd(10), ...categories.map((c) => c.padStart(Math.max(c.length, 5))), 'seconds'.padStart(8)].join('  '),
);
for (const r of results) {
  const cells = categories.map((c) => String(r.scores[c] ?? '–').padStart(Math.max(c.length, 5)));
  console.log([r.path.padEnd(10), ...cells, r.seconds.toFixed(0).padStart(8)].join('  '));
}
for (const r of results) {
  if (r.runtimeError) console.log(`\n${r.path}: Lighthouse error: ${r.runtimeError}`);
  if (!r.failing.length) continue;
  console.log(`\n${r.path} — failing audits:`);
  for (const f of r.failing)
    console.log(
      `  [${f.category}] ${f.id} (${f.score}): ${f.title}${f.where.length ? `\n      ${f.where.join('\n      ')}` : ''}`,
    );
}
const low = results.filter((r) => (r.scores.accessibility ?? 0) < MIN_ACCESSIBILITY);
console.log(
  JSON.stringify(results.map(({ path, scores, seconds }) => ({ path, scores, seconds: Math.round(seconds) }))),
);
if (low.length) {
  console.error(`\nAccessibility under ${MIN_ACCESSIBILITY} on: ${low.map((r) => r.path).join(', ')}`);
  process.exit(1);
}
