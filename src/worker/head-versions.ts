/**
 * Versions of a Teach classifier's head: a retrain goes in use only when it is not worse than the
 * head in use on the same photos; every retrain is kept (the newest few) to be put back later.
 */
import type { ModelVersionInfo, VersionDecision } from '../contract/ml-api';
import { UserError } from '../ml/core/errors';
import { type Comparison, replacesInUse } from '../ml/core/model-versions';
import type { HeadBundleParts } from '../ml/formats/head-bundle';
import { newId, type TrainingRecord, userModelId } from '../ml/photos/classifier-project';
import type { StoredOpenSet } from '../ml/photos/open-set-bank';
import type { HeadRecord } from './classifier-store';
import { forgetHead } from './head-cache';
import { headOwner, versionStore } from './model-version-store';
import { store } from './store';

/** A head kept before versions existed (or imported) is named by when it was trained. */
const inUseVersionId = (head: HeadRecord) => head.versionId ?? `legacy:${head.projectId}:${head.trainedAt}`;

const sameClasses = (a: string[], b: string[]) => a.join() === b.join();

/**
 * Keeps the new head as a version and puts it in use unless it is worse than the head in use
 * (`inUse`, as stored before this training). The head it replaces stays in the list.
 */
export async function keepHead(
  projectId: string,
  parts: HeadBundleParts & { openSet?: StoredOpenSet },
  classIds: string[],
  record: TrainingRecord,
  comparison: Comparison,
  inUse: HeadRecord | undefined,
): Promise<VersionDecision> {
  const versions = await versionStore();
  const project = await (await store()).getProject(projectId);
  const adopted = replacesInUse(comparison);
  const versionId = newId();
  // A head from before versions existed gets its place in the list before anything can replace it.
  const current = inUse && sameClasses(inUse.classIds, classIds) ? inUse : undefined;
  if (current && !current.versionId && !(await versions.get(inUseVersionId(current)))) {
    const last = project.history.at(-1);
    await versions.add(
      {
        id: inUseVersionId(current),
        owner: headOwner(projectId),
        savedAt: current.trainedAt,
        accuracy: last?.validationAccuracy ?? null,
        samples: last?.samples ?? 0,
        classIds: current.classIds,
        record: last,
      },
      {
        modelTopology: current.modelTopology,
        weightSpecs: current.weightSpecs,
        weightData: current.weightData,
        ...(current.openSet ? { openSet: current.openSet } : {}),
      },
      inUseVersionId(current),
    );
  }
  await versions.add(
    {
      id: versionId,
      owner: headOwner(projectId),
      savedAt: record.at,
      accuracy: record.validationAccuracy,
      samples: record.samples,
      classIds,
      record,
    },
    parts,
    adopted || !current ? versionId : inUseVersionId(current),
  );
  if (adopted) {
    await (await store()).saveHead({ projectId, ...parts, classIds, trainedAt: record.at, versionId }, record);
    forgetHead(userModelId(projectId));
  }
  return { comparison, adopted, versionId };
}

/** Versions made for the classifier's current classes, newest first. */
export async function headVersions(projectId: string): Promise<ModelVersionInfo[]> {
  const s = await store();
  const [project, head] = await Promise.all([s.getProject(projectId), s.getHead(projectId)]);
  const classIds = project.classes.map((c) => c.id);
  const inUseId = head ? inUseVersionId(head) : null;
  return (await (await versionStore()).list(headOwner(projectId)))
    .filter((v) => v.classIds && sameClasses(v.classIds, classIds))
    .map((v) => ({ id: v.id, savedAt: v.savedAt, accuracy: v.accuracy, samples: v.samples, inUse: v.id === inUseId }));
}

/** Puts a kept version back in use (its training record goes back on top of the history). */
export async function useHeadVersion(projectId: string, versionId: string): Promise<void> {
  const s = await store();
  const project = await s.getProject(projectId);
  const found = await (await versionStore()).get(versionId);
  const v = found?.version;
  if (!found || !v || v.owner !== headOwner(projectId) || !v.classIds || !v.record)
    throw new UserError('not-found', 'That version is no longer kept on this device.');
  if (
    !sameClasses(
      v.classIds,
      project.classes.map((c) => c.id),
    )
  )
    throw new UserError('not-found', 'That version was made for other classes and cannot be used now.');
  await s.saveHead(
    { projectId, ...found.parts, classIds: v.classIds, trainedAt: v.savedAt, versionId: v.id },
    v.record,
  );
  forgetHead(userModelId(projectId));
}

/** The classifier was deleted: its versions go too. */
export async function forgetHeadVersions(projectId: string): Promise<void> {
  await (await versionStore()).deleteOwner(headOwner(projectId));
}
