import type { EpochReport } from '../core/train-loop';
import { DATASETS, type DatasetId } from './datasets';
import { MLP_INPUT, MLP_OUTPUT, type MlpCard } from './mlp-card';
import type { MlpConfig } from './mlp-config';

export interface MlpRun {
  dataset: DatasetId;
  config: MlpConfig;
  history: EpochReport[];
  trainCount: number;
  testAccuracy: number;
  testCount: number;
  backend: string;
  where: 'cli' | 'browser';
  dataChecksums?: Record<string, string>;
}

export const secondsPerEpoch = (history: EpochReport[]) =>
  history.length ? history.reduce((a, h) => a + h.seconds, 0) / history.length : 0;

/** The card of an MLP trained by the CLI (the bundled models) or in the browser (the user's). */
export function mlpCard(run: MlpRun): MlpCard {
  const info = DATASETS[run.dataset];
  const user = run.where === 'browser';
  return {
    id: user ? `user-${info.modelId}` : info.modelId,
    title: `${info.title} MLP${user ? ' (trained on this device)' : ''}`,
    task: 'digit-mlp',
    dataset: run.dataset,
    classes: info.classes,
    input: MLP_INPUT,
    output: MLP_OUTPUT,
    architecture: { type: 'mlp', ...run.config },
    training: {
      seed: run.config.seed,
      epochs: run.history.length,
      trainCount: run.trainCount,
      dataChecksums: run.dataChecksums ?? {},
      secondsPerEpoch: Number(secondsPerEpoch(run.history).toFixed(2)),
      backend: run.backend,
      trainedAt: new Date().toISOString(),
      where: run.where,
    },
    metrics: {
      testAccuracy: Number(run.testAccuracy.toFixed(4)),
      testCount: run.testCount,
      validationAccuracy: run.history.at(-1)?.valAccuracy,
    },
  };
}
