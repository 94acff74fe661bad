/**
 * npm run classify -- --model ID|DIR|FILE.pvclassifier.zip [--top K] [--json] FILE...
 * Classifies image files in Node with the same core as the app (backbone + head).
 * With --json: one line per file, {"file","top":[{"label","p"}],"verdict"} or {"file","error"}; "verdict"
 * ("sure" | "unsure" | "none") comes from the same src/ml/photos/judge.ts as the app, for every
 * head with open-set data (its probabilities are then calibrated, as the app shows them).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../../src/ml/core/errors';
import { topK } from '../../src/ml/core/metrics';
import { headFromBundle } from '../../src/ml/formats/head-bundle';
import { type HeadCard, headTta } from '../../src/ml/photos/bundled-heads';
import { judge, type OpenSet, openSetFrom, wantsProbe } from '../../src/ml/photos/judge';
import { decodeBank, isOpenSetSpec, OPEN_SET_FILE } from '../../src/ml/photos/open-set-bank';
import { decodeDensity, isDensitySpec } from '../../src/ml/photos/open-set-density';
import { DENSITY_FILES, type DensityFileKind, densitySpecOf } from '../../src/ml/photos/open-set-files';
import { classifyWithFeatures } from '../../src/ml/photos/photo-classifier';
import { asSeenBy, preprocessResnet } from '../../src/ml/photos/resnet-preprocess';
import { cliArgs } from '../lib/args';
import { loadBackbone } from '../lib/backbone-node';
import { decodeImageFile } from '../lib/decode-image';
import { readBundleFile } from '../lib/head-bundle-files';
import { loadModel } from '../lib/model-files';
import { initNodeTf } from '../lib/node-tf';

const { flags, rest: files } = cliArgs({
  strings: ['model', 'top'],
  booleans: ['json'],
  usage: 'npm run classify -- --model ID|DIR|FILE.pvclassifier.zip [--top K] [--json] FILE...',
});
const modelArg = typeof flags.model === 'string' ? flags.model : 'imagenet';
const k = typeof flags.top === 'string' ? Number(flags.top) : 5;
const json = flags.json === true;
if (!files.length) {
  console.error('Usage: npm run classify -- --model ID|DIR|FILE.pvclassifier.zip [--top K] [--json] FILE...');
  process.exit(2);
}
const isBundleFile = modelArg.endsWith('.zip') && existsSync(modelArg) && statSync(modelArg).isFile();
const dir = existsSync(join(modelArg, 'model.json')) ? modelArg : join('models', 'heads', modelArg);
if (!isBundleFile && !existsSync(join(dir, 'card.json'))) {
  console.error(`No model "${modelArg}": expected a bundled head id or a folder with model.json and card.json.`);
  process.exit(2);
}

/** A bad classifier file is the user's to fix: say why in words, exit 2. */
async function orExit<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    console.error(`${e.message}${e.detail ? ` (${e.detail})` : ''}`);
    process.exit(2);
  }
}

// A classifier file is checked in full before TF.js and the backbone load, so a bad one fails fast.
const bundle = isBundleFile ? await orExit(readBundleFile(modelArg)) : undefined;
await initNodeTf();
const card: HeadCard = bundle?.card ?? JSON.parse(readFileSync(join(dir, 'card.json'), 'utf8'));
const head = bundle ? await orExit(headFromBundle(bundle)) : await loadModel(dir);
const openSet = openSetOf(
  card,
  bundle ? bundle.openSetBank : bankFile(dir, card),
  bundle ? undefined : densityFile(dir, card, 'density'),
  bundle ? undefined : densityFile(dir, card, 'probe'),
  bundle ? undefined : densityFile(dir, card, 'somethingElse'),
);
const backbone = await loadBackbone();
let failures = 0;
for (const file of files) {
  try {
    const input = preprocessResnet(asSeenBy(await decodeImageFile(file), card.photoSide), backbone.size);
    const out = await classifyWithFeatures(backbone, head, input, headTta(card) === 'flip', wantsProbe(openSet));
    const judged = openSet ? judge(out.probs, out.features, openSet, out.probe) : undefined;
    const probs = judged?.probs ?? out.probs;
    const top = topK(probs, Math.min(k, card.classes.length)).map((i) => ({
      label: card.classes[i],
      p: Number(probs[i].toFixed(4)),
    }));
    const verdict = judged?.verdict;
    if (json) console.log(JSON.stringify({ file, top, ...(verdict ? { verdict } : {}) }));
    else
      console.log(
        `${file}: ${verdict === 'none' ? 'none of these (closest: ' : ''}${top.map((t) => `${t.label} ${(t.p * 100).toFixed(1)}%`).join(', ')}${verdict === 'none' ? ')' : verdict === 'unsure' ? ' (not sure)' : ''}`,
      );
  } catch (e) {
    failures++;
    const error = e instanceof Error ? e.message : String(e);
    if (json) console.log(JSON.stringify({ file, error }));
    else console.log(`${file}: error: ${error}`);
  }
}
process.exitCode = failures === files.length ? 1 : 0;

/** A head folder's bank file, when its card declares one. */
function bankFile(dir: string, c: HeadCard): Uint8Array | undefined {
  const path = join(dir, c.openSet?.file ?? OPEN_SET_FILE);
  return c.openSet && existsSync(path) ? new Uint8Array(readFileSync(path)) : undefined;
}

/** One of a bundled head's density files (open-set-files.ts), when its card declares it. */
function densityFile(dir: string, c: HeadCard, which: DensityFileKind): Uint8Array | undefined {
  const spec = densitySpecOf(c.openSet, which);
  const path = join(dir, spec?.file ?? DENSITY_FILES[which]);
  return isDensitySpec(spec) && existsSync(path) ? new Uint8Array(readFileSync(path)) : undefined;
}

function openSetOf(
  c: HeadCard,
  bank: Uint8Array | undefined,
  density: Uint8Array | undefined,
  probe: Uint8Array | undefined,
  somethingElse: Uint8Array | undefined,
): OpenSet | undefined {
  const spec = c.openSet;
  if (!isOpenSetSpec(spec)) return undefined;
  return openSetFrom(
    spec,
    bank ? decodeBank(bank, spec.rows, spec.dim) : undefined,
    density && spec.density ? decodeDensity(density, spec.density) : undefined,
    probe && spec.probe ? decodeDensity(probe, spec.probe) : undefined,
    somethingElse && spec.somethingElse ? decodeDensity(somethingElse, spec.somethingElse.density) : undefined,
  );
}
