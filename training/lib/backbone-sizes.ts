/**
 * The converted backbone at a smaller input side, for measuring live mode: the same weights (the
 * shards are linked, not copied) under a model.json whose input layer takes size×size pixels.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type BackboneInputSize, type BackboneVariant, backboneFolder } from '../../src/ml/photos/backbone-spec';
import { withInputSize } from './resnet/surgery';

export const RESIZED_ROOT = '.cache/backbone-sizes';

export async function resizedBackbone(variant: BackboneVariant, size: BackboneInputSize): Promise<string> {
  const from = join('models', backboneFolder(variant));
  const to = join(RESIZED_ROOT, `${backboneFolder(variant)}-${size}`);
  const json = JSON.parse(await readFile(join(from, 'model.json'), 'utf8'));
  json.modelTopology = withInputSize(json.modelTopology, size);
  await mkdir(to, { recursive: true });
  for (const path of (json.weightsManifest as { paths: string[] }[]).flatMap((g) => g.paths)) {
    const link = join(to, path);
    if (existsSync(link)) await rm(link);
    await symlink(resolve(from, path), link);
  }
  await writeFile(join(to, 'model.json'), JSON.stringify(json));
  return to;
}
