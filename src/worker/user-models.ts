/** The user's retrained MLPs, one per data set, in IndexedDB through TF.js's own handler. */
import type { DatasetId } from '../ml/digits/datasets';
import type { MlpCard } from '../ml/digits/mlp-card';
import { storageError } from './storage-error';
import { tf } from './tf-browser';

const key = (dataset: DatasetId) => `indexeddb://pv-user-mlp-${dataset}`;

export async function saveUserModel(dataset: DatasetId, model: tf.LayersModel, card: MlpCard): Promise<void> {
  model.setUserDefinedMetadata({ card });
  try {
    await model.save(key(dataset));
  } catch (e) {
    throw storageError(
      e,
      'This device is out of storage space for the app, so the model was not saved. Free some space and try again.',
    );
  }
}

export async function hasUserModel(dataset: DatasetId): Promise<boolean> {
  const models = await tf.io.listModels();
  return key(dataset) in models;
}

export async function loadUserModel(dataset: DatasetId): Promise<{ model: tf.LayersModel; card: MlpCard } | null> {
  if (!(await hasUserModel(dataset))) return null;
  const model = await tf.loadLayersModel(key(dataset));
  const card = (model.getUserDefinedMetadata() as { card?: MlpCard } | undefined)?.card;
  if (!card) {
    model.dispose();
    return null;
  }
  return { model, card };
}

export async function deleteUserModel(dataset: DatasetId): Promise<void> {
  if (await hasUserModel(dataset)) await tf.io.removeModel(key(dataset));
}
