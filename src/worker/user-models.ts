/** The user's retrained MLPs, one per data set, in IndexedDB through TF.js's own handler. */
import type { DatasetId } from '../ml/digits/datasets';
import type { MlpCard } from '../ml/digits/mlp-card';
import { storageError } from './storage-error';
import { tf } from './tf-browser';

const key = (dataset: DatasetId) => `indexeddb://pv-user-mlp-${dataset}`;

/** Saves the MLP in use for the data set; `versionId` names its copy in the Versions list. */
export async function saveUserModel(
  dataset: DatasetId,
  model: tf.LayersModel,
  card: MlpCard,
  versionId?: string,
): Promise<void> {
  model.setUserDefinedMetadata({ card, versionId });
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

export async function loadUserModel(
  dataset: DatasetId,
): Promise<{ model: tf.LayersModel; card: MlpCard; versionId?: string } | null> {
  if (!(await hasUserModel(dataset))) return null;
  const model = await tf.loadLayersModel(key(dataset));
  const meta = model.getUserDefinedMetadata() as { card?: MlpCard; versionId?: string } | undefined;
  if (!meta?.card) {
    model.dispose();
    return null;
  }
  return { model, card: meta.card, versionId: meta.versionId };
}

export async function deleteUserModel(dataset: DatasetId): Promise<void> {
  if (await hasUserModel(dataset)) await tf.io.removeModel(key(dataset));
}
