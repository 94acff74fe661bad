/**
 * Loaded heads by model id, kept until their classifier changes: a bundled one from
 * /models/heads, or the user's own (`user:<id>`) from IndexedDB.
 */

import { modelFileError, UserError } from '../ml/core/errors';
import { headFromParts } from '../ml/formats/head-bundle';
import { DEFAULT_CONFIDENCE_THRESHOLD, type HeadCard, ttaFields } from '../ml/photos/bundled-heads';
import { projectIdOf, userModelId } from '../ml/photos/classifier-project';
import type { OpenSet } from '../ml/photos/judge';
import { fetchJson } from './assets';
import { bundledOpenSet, storedOpenSetOf } from './open-sets';
import { store } from './store';
import { tf } from './tf-browser';

export interface LoadedHead {
  model: tf.LayersModel;
  card: HeadCard;
  /** Temperature and "none of these" rejector; absent for heads made before them (no verdict then). */
  openSet?: OpenSet;
}

const heads = new Map<string, Promise<LoadedHead>>();

/** A head by model id (cached). */
export function loadHead(id: string): Promise<LoadedHead> {
  let entry = heads.get(id);
  if (!entry) {
    const projectId = projectIdOf(id);
    entry = projectId ? loadUserHead(projectId) : loadBundledHead(id);
    entry.catch(() => heads.delete(id));
    heads.set(id, entry);
  }
  return entry;
}

/** A bundled head's card, without loading its weights. */
export const bundledHeadCard = (id: string) => fetchJson<HeadCard>(`/models/heads/${id}/card.json`);

const photoSides = new Map<string, Promise<number | undefined>>();

/**
 * The thumbnail side a bundled head learned from (CIFAR-10: 32 px), which the user's copies of it
 * keep. Asked for every Teach photo of a copy: its card is fetched once a session.
 */
export function bundledPhotoSide(id: string | undefined): Promise<number | undefined> {
  if (!id) return Promise.resolve(undefined);
  let side = photoSides.get(id);
  if (!side) {
    side = bundledHeadCard(id).then((card) => card.photoSide);
    side.catch(() => photoSides.delete(id)); // offline for now: asked again next time
    photoSides.set(id, side);
  }
  return side.catch(() => undefined);
}

async function loadBundledHead(id: string): Promise<LoadedHead> {
  const card = await bundledHeadCard(id);
  const model = await tf.loadLayersModel(`/models/heads/${id}/model.json`).catch((e: unknown) => {
    throw modelFileError(e instanceof Error ? e.message : String(e));
  });
  return { model, card, openSet: await bundledOpenSet(id, card) };
}

async function loadUserHead(projectId: string): Promise<LoadedHead> {
  const s = await store();
  const [project, record] = await Promise.all([s.getProject(projectId), s.getHead(projectId)]);
  if (!record)
    throw new UserError(
      'not-found',
      `“${project.name}” has not been trained yet. Train it in the Teach section first.`,
    );
  const model = await headFromParts(record);
  // Names come from the project (renames apply at once); order from the head's training.
  const classes = record.classIds.map((cid) => project.classes.find((c) => c.id === cid)?.name ?? '(deleted class)');
  // User heads always train on the photo and its mirror image (SAMPLE_VIEWS), so they classify with flip TTA.
  const card: HeadCard = {
    id: userModelId(projectId),
    title: project.name,
    classes,
    ...ttaFields('flip'),
    confidenceThreshold: DEFAULT_CONFIDENCE_THRESHOLD,
    photoSide: await bundledPhotoSide(project.basedOn),
  };
  return { model, card, openSet: storedOpenSetOf(record.openSet) };
}

/** Drops a cached head after its classifier changed (retrained, renamed, deleted). */
export function forgetHead(id: string): void {
  const entry = heads.get(id);
  heads.delete(id);
  entry?.then((h) => h.model.dispose()).catch(() => undefined);
}

/** After a backend switch every head reloads on the new backend. */
export async function forgetHeads(): Promise<void> {
  const hs = [...heads.values()];
  heads.clear();
  for (const h of hs) (await h.catch(() => null))?.model.dispose();
}
