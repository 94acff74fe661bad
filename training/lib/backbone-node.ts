/** Loads the converted backbone from models/resnet50 in Node, and names its version for caches. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Backbone } from '../../src/ml/photos/backbone';
import { createHash } from 'node:crypto';
import { loadModel } from './model-files';

export const BACKBONE_DIR = 'models/resnet50';

export function backboneVersion(dir = BACKBONE_DIR): string {
  const modelJson = join(dir, 'model.json');
  if (!existsSync(modelJson)) throw new Error(`No backbone at ${dir}: run \`npm run models\` first.`);
  return createHash('sha256').update(readFileSync(modelJson)).digest('hex').slice(0, 16);
}

export async function loadBackbone(dir = BACKBONE_DIR): Promise<Backbone> {
  return new Backbone(await loadModel(dir));
}
