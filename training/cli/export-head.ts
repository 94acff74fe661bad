/**
 * npm run export:head -- --model ID|DIR --out FILE.pvclassifier.zip
 * Packs a head folder (e.g. models/heads/cats-dogs) into the one-file classifier format the
 * app imports, checked with the app's own reader first so a file the app would refuse is never written.
 */
import { writeFile } from 'node:fs/promises';
import { UserError } from '../../src/ml/core/errors';
import { BUNDLE_EXTENSION, readClassifierBundle, writeClassifierBundle } from '../../src/ml/formats/classifier-bundle';
import { cliArgs } from '../lib/args';
import { bundleFromHeadDir, nodeBundleExpectations, resolveHeadDir } from '../lib/head-bundle-files';

const { flags } = cliArgs({
  strings: ['model', 'out'],
  usage: 'npm run export:head -- --model ID|DIR --out FILE.pvclassifier.zip',
});
const model = flags.model;
const out = flags.out;
if (typeof model !== 'string' || typeof out !== 'string') {
  console.error(`Usage: npm run export:head -- --model ID|DIR --out FILE${BUNDLE_EXTENSION}`);
  process.exit(2);
}
const dir = resolveHeadDir(model);
if (!dir) {
  console.error(`No model "${model}": expected a bundled head id or a folder with model.json and card.json.`);
  process.exit(2);
}
if (!out.endsWith(BUNDLE_EXTENSION)) console.warn(`Note: the app looks for files ending in ${BUNDLE_EXTENSION}.`);

const bytes = await writeClassifierBundle(await bundleFromHeadDir(dir));
try {
  await readClassifierBundle(bytes, await nodeBundleExpectations());
} catch (e) {
  if (!(e instanceof UserError)) throw e;
  console.error(`Not written: the app would refuse this file. ${e.message} (${e.detail})`);
  process.exit(2);
}
await writeFile(out, bytes);
console.log(`Wrote ${out} (${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB) from ${dir}.`);
