import type { DatasetId } from './datasets';
import { DEFAULT_MLP, type MlpConfig } from './mlp-config';

/** Settings that reached the targets in the CLI (see the model cards); the browser starts from them. */
export function recommendedMlp(dataset: DatasetId): MlpConfig {
  return dataset === 'mnist'
    ? { ...DEFAULT_MLP, hidden: [1024, 512], dropout: 0.3, epochs: 20, shift: 2, flip: false }
    : { ...DEFAULT_MLP, hidden: [1024, 512], dropout: 0.3, epochs: 40, shift: 0, flip: true };
}
