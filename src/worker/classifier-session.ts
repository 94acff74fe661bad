/**
 * The user's classifiers in the worker: their classes and names, and their samples, stored at once
 * when added; their backbone features (with augmented views) follow in the background
 * (sample-features.ts). Training on the stored
 * features and corrections from Classify are in classifier-training.ts; export/import in
 * classifier-transfer.ts.
 */

import type { AddSamplesResult, ClassifierDetail, ClassifierOverview, SampleSummary } from '../contract/ml-api';
import { UserError } from '../ml/core/errors';
import { DEFAULT_INPUT_SIZE } from '../ml/photos/backbone-spec';
import {
  type ClassifierProject,
  cleanName,
  NEGATIVE_CLASS_ID,
  newId,
  newSampleId,
  pixelSeed,
  sampleWarnings,
  userModelId,
} from '../ml/photos/classifier-project';
import { imageBlob, type SampleRecord, storedImage } from './classifier-store';
import { forgetHead } from './head-cache';
import { photoPixels } from './photo-input';
import { dropFeatures, dropProjectFeatures, holdFeatures, queueFeatures, resumeFeatures } from './sample-features';
import { store } from './store';
import { bitmapToJpeg, sourceOf, thumbnailOf } from './thumbnail';

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
  await resumeFeatures(id); // photos whose features a reload interrupted
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
  const s = await store();
  dropFeatures((await s.sampleSummaries(id)).filter((x) => x.classId === classId).map((x) => x.id));
  await s.deleteClass(id, classId);
  forgetHead(userModelId(id));
}

export async function deleteClassifier(id: string): Promise<void> {
  dropProjectFeatures(id);
  await (await store()).deleteProject(id);
  forgetHead(userModelId(id));
}

export async function deleteSamples(id: string, sampleIds: string[]): Promise<void> {
  dropFeatures(sampleIds);
  await (await store()).deleteSamples(id, sampleIds);
}

/**
 * Stores each photo at once with its thumbnail and the photo decoded small (its `source`), and
 * queues its backbone features for the background (sample-features.ts): the photo shows in its
 * class right away, marked as being prepared. A photo that cannot be read is reported, not fatal.
 * `onProgress` gets each stored photo's summary as soon as it is stored.
 */
export async function addSamples(
  id: string,
  classId: string,
  images: (Blob | ImageBitmap)[],
  onProgress?: (done: number, total: number, added?: SampleSummary) => void,
): Promise<AddSamplesResult> {
  const s = await store();
  const project = await s.getProject(id);
  if (classId !== NEGATIVE_CLASS_ID && !project.classes.some((c) => c.id === classId))
    throw new UserError('not-found', 'That class no longer exists in this classifier.');
  const result: AddSamplesResult = { added: [], failed: [] };
  // Storing comes first: backbone passes wait until every photo of the batch is safely stored, so
  // a photo shown on the page is never lost to a reload while the worker was busy computing.
  const release = holdFeatures();
  try {
    await storeEach();
  } finally {
    release();
  }
  return result;

  async function storeEach() {
    for (let i = 0; i < images.length; i++) {
      const image = images[i];
      const name = image instanceof File ? image.name : `photo ${i + 1}`;
      let added: SampleSummary | undefined;
      try {
        const original = project.keepOriginals
          ? image instanceof Blob
            ? image
            : await bitmapToJpeg(image)
          : undefined;
        // Decoded for the largest input the backbone may have: its real size is known only once it has loaded.
        const pixels = await photoPixels(original ?? image, DEFAULT_INPUT_SIZE);
        const [thumbnail, source] = await Promise.all([thumbnailOf(pixels), sourceOf(pixels)]);
        const record: SampleRecord = {
          id: newSampleId(),
          projectId: id,
          classId,
          addedAt: new Date().toISOString(),
          views: 0,
          features: new ArrayBuffer(0),
          thumbnail,
          source,
          seed: pixelSeed(pixels.data),
          ...(original ? { original: await storedImage(original) } : {}), // bytes: WebKit refuses Blobs in IndexedDB in private browsing
        };
        await s.addSamples(id, [record]);
        queueFeatures(id, record.id);
        result.added.push(record.id);
        added = {
          id: record.id,
          classId,
          addedAt: record.addedAt,
          thumbnail: imageBlob(thumbnail),
          hasOriginal: !!original,
          views: 0,
        };
      } catch (e) {
        if (e instanceof UserError && e.code === 'storage-full') throw e; // nothing more will fit either
        result.failed.push({ name, message: e instanceof Error ? e.message : String(e) });
      }
      onProgress?.(i + 1, images.length, added);
    }
  }
}
