/** A model is data: weights plus this card, which says what it is and how well it did. */
export interface MlpCard {
  id: string;
  title: string;
  task: 'digit-mlp' | 'image-mlp';
  dataset: string;
  classes: string[];
  input: { shape: number[]; dtype: 'float32'; description: string };
  output: { description: string };
  architecture: Record<string, unknown>;
  training: {
    seed: number;
    epochs: number;
    trainCount: number;
    dataChecksums: Record<string, string>;
    secondsPerEpoch?: number;
    backend?: string;
    trainedAt: string;
    where: 'cli' | 'browser';
  };
  metrics: { testAccuracy?: number; validationAccuracy?: number; testCount?: number };
}

export const MLP_INPUT = {
  shape: [-1, 784],
  dtype: 'float32' as const,
  description: '28×28 grey-scale, row-major, pixel/255 with ink high (MNIST convention)',
};
export const MLP_OUTPUT = { description: '10 softmax probabilities in class order' };
