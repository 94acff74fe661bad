/** Classifier files (src/ml/formats/classifier-bundle.ts) from and for the Node CLIs. TF-free. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type BundleCard,
  type BundleExpectations,
  type ClassifierBundle,
  readClassifierBundle,
} from '../../src/ml/formats/classifier-bundle';
import { BACKBONE_FEATURE_SIZE, BACKBONE_ID } from '../../src/ml/photos/backbone-spec';
import { OPEN_SET_FILE } from '../../src/ml/photos/open-set-bank';
import { backboneVersion } from './backbone-node';

/** What this checkout's backbone accepts (models/resnet50 must exist). */
export const nodeBundleExpectations = async (): Promise<BundleExpectations> => ({
  backboneId: BACKBONE_ID,
  backboneVersion: await backboneVersion(),
  featureDim: BACKBONE_FEATURE_SIZE,
});

/** A bundled head id or a folder with model.json; undefined when neither exists. */
export function resolveHeadDir(arg: string): string | undefined {
  const dir = existsSync(join(arg, 'model.json')) ? arg : join('models', 'heads', arg);
  return existsSync(join(dir, 'card.json')) && existsSync(join(dir, 'model.json')) ? dir : undefined;
}

/** A committed head folder (card.json, model.json, weights) as a bundle without samples. */
export async function bundleFromHeadDir(dir: string): Promise<ClassifierBundle> {
  const card = JSON.parse(await readFile(join(dir, 'card.json'), 'utf8')) as BundleCard;
  const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
  const groups = json.weightsManifest as { paths: string[]; weights: ClassifierBundle['weightSpecs'] }[];
  const buffers = await Promise.all(groups.flatMap((g) => g.paths.map((p) => readFile(join(dir, p)))));
  return {
    card,
    modelTopology: json.modelTopology,
    weightSpecs: groups.flatMap((g) => g.weights.map(({ name, shape, dtype }) => ({ name, shape, dtype }))),
    weightData: new Uint8Array(Buffer.concat(buffers)).buffer,
    // "None of these": the bank travels with its spec (card.openSet), or neither does.
    ...(card.openSet
      ? { openSetBank: new Uint8Array(await readFile(join(dir, card.openSet.file ?? OPEN_SET_FILE))) }
      : {}),
  };
}

export async function readBundleFile(path: string, expect?: BundleExpectations): Promise<ClassifierBundle> {
  return readClassifierBundle(new Uint8Array(await readFile(path)), expect ?? (await nodeBundleExpectations()));
}
