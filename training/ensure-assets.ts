/** Run by `npm start`, `npm run build` and `npm test`: builds the generated assets that are missing. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DATASETS, type DatasetId } from '../src/ml/datasets';
import { DEFAULT_SOURCE } from './args';
import { DEFAULT_DATA_OUT, buildDataAssets } from './data';

for (const id of Object.keys(DATASETS) as DatasetId[]) {
  if (existsSync(join(DEFAULT_DATA_OUT, id, 'manifest.json'))) continue;
  console.log(`building data assets for ${id} from ${DEFAULT_SOURCE}…`);
  await buildDataAssets(id, DEFAULT_SOURCE, DEFAULT_DATA_OUT);
}
