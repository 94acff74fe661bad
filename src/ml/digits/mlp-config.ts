/** MLP settings without TF.js, so the UI can show and edit them. */
/** Everything a user can choose about an MLP run; stored in the model card. */
export interface MlpConfig {
  hidden: number[];
  dropout: number;
  optimizer: 'adam' | 'sgd' | 'rmsprop';
  learningRate: number;
  batchSize: number;
  epochs: number;
  seed: number;
  /** Random shifts of up to this many pixels, applied per sample per epoch. */
  shift: number;
  /** Random left–right mirror (right for clothes, wrong for digits). */
  flip: boolean;
}

export const DEFAULT_MLP: MlpConfig = {
  hidden: [512, 256],
  dropout: 0.2,
  optimizer: 'adam',
  learningRate: 0.001,
  batchSize: 128,
  epochs: 5,
  seed: 1,
  shift: 0,
  flip: false,
};
