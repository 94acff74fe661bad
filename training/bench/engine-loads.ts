/**
 * npm run engines:loads -- --engine firefox|webkit|webkit-sab [--count 50] [--threads on] [--deadline 45] [--url URL]
 *
 * Loads and reloads /classify in a real engine, alternating a fresh profile and a reload, and
 * says for each whether the ML worker started (ready), started after the app recovered from a
 * frozen start (recovered) or never did (hung), and how long it took. `--threads on` asks for
 * WASM threads before every load (Settings' "Use all cores"), to measure how often a threaded
 * start freezes and that the watchdog recovers. Serves the production build (dist/, or PV_DIST)
 * unless --url is given. A script, not a test: it prints figures.
 */
import { parseArgs } from 'node:util';
import { serveBuild } from '../../tests/browser/serve';
import type { Engine } from '../../tests/engines/engine';
import { firefox } from '../../tests/engines/firefox';
import { describeLoad, repeatedLoads, summary } from '../../tests/engines/loads';
import { webkit } from '../../tests/engines/webkit';

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'firefox' },
    count: { type: 'string', default: '50' },
    threads: { type: 'string' },
    url: { type: 'string' },
    /** Seconds a load may take to get a backend before it counts as hung. */
    deadline: { type: 'string', default: '45' },
  },
});

const engines: Record<string, () => Engine> = {
  firefox,
  webkit: () => webkit(),
  'webkit-sab': () => webkit({ sab: true }),
};
const make = engines[values.engine!];
if (!make) throw new Error(`--engine must be one of ${Object.keys(engines).join(', ')}`);

const served = values.url ? null : await serveBuild();
const engine = make();
try {
  const records = await repeatedLoads(engine, values.url ?? served!.url, {
    count: Number(values.count),
    deadlineMs: Number(values.deadline) * 1000,
    storage: values.threads === 'on' ? { 'pv.wasmThreads': 'on' } : {},
    each: (r) => console.log(describeLoad(r)),
  });
  console.log(`${values.engine}${values.threads === 'on' ? ' (all cores asked)' : ''}: ${summary(records)}`);
} finally {
  await engine.close();
  await served?.close();
}
