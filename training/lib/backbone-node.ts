/** Loads the converted backbone from models/resnet50 in Node, and names its version for caches. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Backbone } from '../../src/ml/photos/backbone';
import { BACKBONE_ID, backboneVersionOf } from '../../src/ml/photos/backbone-spec';
import { loadModel } from './model-files';

export const BACKBONE_DIR = join('models', BACKBONE_ID);

/** The version the app computes for the same files (backboneVersionOf). */
export async function backboneVersion(dir = BACKBONE_DIR): Promise<string> {
  const modelJson = join(dir, 'model.json');
  if (!existsSync(modelJson)) throw new Error(`No backbone at ${dir}: run \`npm run models\` first.`);
  return backboneVersionOf(new Uint8Array(await readFile(modelJson)));
}

export async function loadBackbone(dir = BACKBONE_DIR): Promise<Backbone> {
  return new Backbone(await loadModel(dir));
}
