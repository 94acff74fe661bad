/** The two 28×28 grey-scale data sets of the MLP section. */
export type DatasetId = 'mnist' | 'fashion';

export interface DatasetInfo {
  id: DatasetId;
  title: string;
  /** Folder under the data source that holds the canonical IDX .gz files. */
  sourceFolder: string;
  classes: string[];
  /** Id of the bundled model trained on it. */
  modelId: string;
}

export const IMAGE_SIZE = 28;
export const PIXELS = IMAGE_SIZE * IMAGE_SIZE;

export const DATASETS: Record<DatasetId, DatasetInfo> = {
  mnist: {
    id: 'mnist',
    title: 'MNIST digits',
    sourceFolder: 'mnist',
    classes: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    modelId: 'mnist-mlp',
  },
  fashion: {
    id: 'fashion',
    title: 'Fashion-MNIST',
    sourceFolder: 'fashion-mnist',
    classes: ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'],
    modelId: 'fashion-mlp',
  },
};

export function isDatasetId(x: unknown): x is DatasetId {
  return x === 'mnist' || x === 'fashion';
}

/** The canonical file names, as published. */
export const IDX_FILES = {
  train: { images: 'train-images-idx3-ubyte.gz', labels: 'train-labels-idx1-ubyte.gz' },
  test: { images: 't10k-images-idx3-ubyte.gz', labels: 't10k-labels-idx1-ubyte.gz' },
} as const;

export type Split = keyof typeof IDX_FILES;
