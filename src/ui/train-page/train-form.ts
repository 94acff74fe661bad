import type { MlpConfig } from '../../ml/digits/mlp-config';

/** The settings as typed: strings until valid, so a half-typed number is not lost. */
export interface Form {
  hidden: string;
  dropout: string;
  optimizer: MlpConfig['optimizer'];
  learningRate: string;
  batchSize: string;
  epochs: string;
  shift: string;
  flip: boolean;
  trainLimit: string;
}
export type TextKey = 'hidden' | 'dropout' | 'learningRate' | 'batchSize' | 'epochs' | 'shift';
export type Errors = Partial<Record<TextKey, string>>;

/** Choices for "Training images": value, label. */
export const LIMITS: [string, string][] = [
  ['60000', 'All 60,000'],
  ['10000', '10,000'],
  ['5000', '5,000'],
  ['1000', '1,000'],
];

export function formOf(c: MlpConfig, trainLimit = '60000'): Form {
  return {
    hidden: c.hidden.join(','),
    dropout: String(c.dropout),
    optimizer: c.optimizer,
    learningRate: String(c.learningRate),
    batchSize: String(c.batchSize),
    epochs: String(c.epochs),
    shift: String(c.shift),
    flip: c.flip,
    trainLimit,
  };
}

const wholeNumber = (s: string) => (/^\s*\d+\s*$/.test(s) ? Number(s) : NaN);
const decimal = (s: string) => (s.trim() === '' ? NaN : Number(s));
const within = (n: number, lo: number, hi: number) => Number.isFinite(n) && n >= lo && n <= hi;

/** Checks every field; the config is null while any field is invalid. */
export function parse(f: Form, base: MlpConfig): { config: MlpConfig | null; errors: Errors } {
  const errors: Errors = {};
  const hidden = f.hidden.split(',').map(wholeNumber);
  if (hidden.length > 4 || !hidden.every((n) => within(n, 1, 4096)))
    errors.hidden = 'Enter 1 to 4 layer sizes, whole numbers from 1 to 4096, separated by commas (e.g. 1024,512).';
  const dropout = decimal(f.dropout);
  if (!(dropout >= 0 && dropout < 1)) errors.dropout = 'Dropout must be at least 0 and less than 1 (e.g. 0.3).';
  const learningRate = decimal(f.learningRate);
  if (!(learningRate > 0 && learningRate <= 10))
    errors.learningRate = 'Learning rate must be a number above 0 (e.g. 0.001).';
  const batchSize = wholeNumber(f.batchSize);
  if (!within(batchSize, 1, 4096)) errors.batchSize = 'Batch size must be a whole number from 1 to 4096.';
  const epochs = wholeNumber(f.epochs);
  if (!within(epochs, 1, 200)) errors.epochs = 'Epochs must be a whole number from 1 to 200.';
  const shift = wholeNumber(f.shift);
  if (!within(shift, 0, 6)) errors.shift = 'Shift must be a whole number of pixels from 0 to 6.';
  if (Object.keys(errors).length) return { config: null, errors };
  const config = {
    ...base,
    hidden,
    dropout,
    optimizer: f.optimizer,
    learningRate,
    batchSize,
    epochs,
    shift,
    flip: f.flip,
  };
  return { config, errors };
}
