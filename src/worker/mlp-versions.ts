/**
 * Which MLP is in use per data set, and its kept versions: a saved retrain goes in use only when
 * it is not worse than the one in use; the others stay in the Versions list to be put back.
 */
import type { ModelInUse, ModelVersionInfo, VersionDecision } from '../contract/ml-api';
import { UserError } from '../ml/core/errors';
import { type Comparison, replacesInUse } from '../ml/core/model-versions';
import type { DatasetId } from '../ml/digits/datasets';
import type { MlpCard } from '../ml/digits/mlp-card';
import { headFromParts, headToBundleParts } from '../ml/formats/head-bundle';
import { newId } from '../ml/photos/classifier-project';
import { digitModelInUse, forgetUserModel, type LoadedModel } from './digit-models';
import { mlpOwner, versionStore } from './model-version-store';
import type { tf } from './tf-browser';
import { deleteUserModel, saveUserModel } from './user-models';

export function describeInUse(m: LoadedModel): ModelInUse {
  return m.source === 'user'
    ? {
        kind: 'user',
        accuracy: m.card.metrics.testAccuracy,
        trainedAt: m.card.training.trainedAt,
        versionId: m.versionId,
      }
    : { kind: 'bundled', accuracy: m.card.metrics.testAccuracy };
}

export const mlpInUse = async (dataset: DatasetId) => describeInUse(await digitModelInUse(dataset));

async function keepVersion(
  dataset: DatasetId,
  model: tf.LayersModel,
  card: MlpCard,
  id: string,
  inUseId: string | null,
): Promise<void> {
  await (await versionStore()).add(
    {
      id,
      owner: mlpOwner(dataset),
      savedAt: card.training.trainedAt,
      accuracy: card.metrics.testAccuracy ?? null,
      samples: card.training.trainCount,
      card,
    },
    await headToBundleParts(model),
    inUseId,
  );
}

/** A user model saved before versions existed gets its place in the list before anything replaces it. */
async function versionOfInUse(dataset: DatasetId): Promise<string | null> {
  const inUse = await digitModelInUse(dataset);
  if (inUse.source === 'bundled') return null;
  if (inUse.versionId) return inUse.versionId;
  const id = newId();
  await keepVersion(dataset, inUse.model, inUse.card, id, id);
  await saveUserModel(dataset, inUse.model, inUse.card, id);
  await forgetUserModel(dataset);
  return id;
}

/** Keeps a new model as a version and puts it in use unless the comparison says it is worse. */
export async function keepMlp(
  dataset: DatasetId,
  model: tf.LayersModel,
  card: MlpCard,
  comparison: Comparison,
): Promise<VersionDecision> {
  const adopted = replacesInUse(comparison);
  const inUseId = await versionOfInUse(dataset);
  const versionId = newId();
  await keepVersion(dataset, model, card, versionId, adopted ? versionId : inUseId);
  if (adopted) {
    await saveUserModel(dataset, model, card, versionId);
    await forgetUserModel(dataset);
  }
  return { comparison, adopted, versionId };
}

export async function mlpVersions(dataset: DatasetId): Promise<ModelVersionInfo[]> {
  const inUse = await digitModelInUse(dataset);
  return (await (await versionStore()).list(mlpOwner(dataset))).map((v) => ({
    id: v.id,
    savedAt: v.savedAt,
    accuracy: v.accuracy,
    samples: v.samples,
    inUse: inUse.source === 'user' && v.id === inUse.versionId,
  }));
}

/** Puts a kept version, or the bundled model, in use; the one it replaces stays in the list. */
export async function useMlpVersion(dataset: DatasetId, versionId: string | 'bundled'): Promise<ModelInUse> {
  await versionOfInUse(dataset);
  if (versionId === 'bundled') {
    await deleteUserModel(dataset);
  } else {
    const found = await (await versionStore()).get(versionId);
    if (!found?.version.card || found.version.owner !== mlpOwner(dataset))
      throw new UserError('not-found', 'That version is no longer kept on this device.');
    const model = await headFromParts(found.parts);
    try {
      await saveUserModel(dataset, model, found.version.card, versionId);
    } finally {
      model.dispose();
    }
  }
  await forgetUserModel(dataset);
  return mlpInUse(dataset);
}
