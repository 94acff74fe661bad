/**
 * The user's classifiers in the worker: their classes and names, and their samples, which go
 * through the backbone once when added (with their augmented views). Training on the stored
 * features and corrections from Classify are in classifier-training.ts; export/import in
 * classifier-transfer.ts.
 */

import type { AddSamplesResult, ClassifierDetail, ClassifierOverview } from '../contract/ml-api';
import { UserError } from '../ml/core/errors';
import {
  type ClassifierProject,
  cleanName,
  newId,
  newSampleId,
  pixelSeed,
  sampleWarnings,
  userModelId,
} from '../ml/photos/classifier-project';
import { SAMPLE_VIEWS, sampleViews } from '../ml/photos/sample-views';
import { prepareBackbone } from './backbone-cache';
import { type SampleRecord, storedImage } from './classifier-store';
import { forgetHead } from './head-cache';
import { photoPixels } from './photo-input';
import { store } from './store';
import { bitmapToJpeg, thumbnailOf } from './thumbnail';

export async function listClassifiers(): Promise<ClassifierOverview[]> {
  const s = await store();
  return Promise.all(
    (await s.listProjects()).map(async (project) => ({
      project,
      counts: Object.fromEntries(await s.sampleCounts(project.id)),
      trained: !!(await s.getHead(project.id)),
    })),
  );
}

export async function classifierDetail(id: string): Promise<ClassifierDetail> {
  const s = await store();
  const project = await s.getProject(id);
  const counts = await s.sampleCounts(id);
  return {
    project,
    samples: await s.sampleSummaries(id),
    warnings: sampleWarnings(project, counts),
    trained: !!(await s.getHead(id)),
  };
}

function validName(raw: string, what: 'class' | 'classifier', taken: string[]): string {
  try {
    return cleanName(raw, what, taken);
  } catch (e) {
    throw new UserError('bad-name', (e as Error).message);
  }
}

export async function createClassifier(
  name: string,
  classNames: string[],
  basedOn?: string,
): Promise<ClassifierProject> {
  const s = await store();
  const taken = (await s.listProjects()).map((p) => p.name);
  const classes: ClassifierProject['classes'] = [];
  for (const raw of classNames)
    classes.push({
      id: newId(),
      name: validName(
        raw,
        'class',
        classes.map((c) => c.name),
      ),
    });
  const now = new Date().toISOString();
  const project: ClassifierProject = {
    id: newId(),
    name: validName(name, 'classifier', taken),
    classes,
    basedOn,
    createdAt: now,
    updatedAt: now,
    stale: true,
    history: [],
    keepOriginals: false,
  };
  await s.putProject(project);
  return project;
}

export async function updateClassifier(
  id: string,
  change: { name?: string; keepOriginals?: boolean; addClass?: string; renameClass?: { id: string; name: string } },
): Promise<ClassifierProject> {
  const s = await store();
  const project = await s.getProject(id);
  const others = (await s.listProjects()).filter((p) => p.id !== id).map((p) => p.name);
  if (change.name !== undefined) project.name = validName(change.name, 'classifier', others);
  if (change.keepOriginals !== undefined) project.keepOriginals = change.keepOriginals;
  if (change.addClass !== undefined) {
    project.classes.push({
      id: newId(),
      name: validName(
        change.addClass,
        'class',
        project.classes.map((c) => c.name),
      ),
    });
    project.stale = true;
  }
  if (change.renameClass) {
    const { id: classId, name } = change.renameClass;
    const target = project.classes.find((c) => c.id === classId);
    if (target)
      target.name = validName(
        name,
        'class',
        project.classes.filter((c) => c.id !== classId).map((c) => c.name),
      );
  }
  await s.putProject(project);
  forgetHead(userModelId(id));
  return project;
}

export async function deleteClass(id: string, classId: string): Promise<void> {
  await (await store()).deleteClass(id, classId);
  forgetHead(userModelId(id));
}

export async function deleteClassifier(id: string): Promise<void> {
  await (await store()).deleteProject(id);
  forgetHead(userModelId(id));
}

export async function deleteSamples(id: string, sampleIds: string[]): Promise<void> {
  await (await store()).deleteSamples(id, sampleIds);
}

/**
 * Runs each photo through the backbone (all its views in one batch) and stores it as it goes,
 * so an interruption keeps what was done. A photo that cannot be read is reported, not fatal.
 */
export async function addSamples(
  id: string,
  classId: string,
  images: (Blob | ImageBitmap)[],
  onProgress?: (done: number, total: number) => void,
): Promise<AddSamplesResult> {
  const s = await store();
  const project = await s.getProject(id);
  if (!project.classes.some((c) => c.id === classId))
    throw new UserError('not-found', 'That class no longer exists in this classifier.');
  const backbone = await prepareBackbone();
  const result: AddSamplesResult = { added: [], failed: [] };
  for (let i = 0; i < images.length; i++) {
    const image = images[i];
    const name = image instanceof File ? image.name : `photo ${i + 1}`;
    try {
      const original = project.keepOriginals ? (image instanceof Blob ? image : await bitmapToJpeg(image)) : undefined;
      const pixels = await photoPixels(original ?? image, backbone.size);
      const sampleId = newSampleId();
      const inputs = sampleViews(pixels, backbone.size, pixelSeed(pixels.data));
      const features = await backbone.features(inputs, SAMPLE_VIEWS);
      const record: SampleRecord = {
        id: sampleId,
        projectId: id,
        classId,
        addedAt: new Date().toISOString(),
        views: SAMPLE_VIEWS,
        features: features.buffer as ArrayBuffer,
        thumbnail: await thumbnailOf(pixels),
        ...(original ? { original: await storedImage(original) } : {}), // bytes: WebKit refuses Blobs in IndexedDB in private browsing
      };
      await s.addSamples(id, [record]);
      result.added.push(sampleId);
    } catch (e) {
      if (e instanceof UserError && e.code === 'storage-full') throw e; // nothing more will fit either
      result.failed.push({ name, message: e instanceof Error ? e.message : String(e) });
    }
    onProgress?.(i + 1, images.length);
  }
  return result;
}
