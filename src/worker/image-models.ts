/** The backbone (downloaded once, warmed up) and the heads, for the Classify section. */
import { headFromParts } from '../ml/head-bundle';
import { Backbone } from '../ml/backbone';
import { UserError, modelFileError } from '../ml/errors';
import { BACKBONE_ID } from '../ml/backbone-spec';
import { BUNDLED_HEADS, DEFAULT_CONFIDENCE_THRESHOLD, headAccuracy, headTta, ttaFields, type HeadCard } from '../ml/image-models';
import { topK } from '../ml/metrics';
import { projectIdOf, userModelId } from '../ml/classifier-project';
import { listClassifiers, store } from './classifier-session';
import { classifyPreprocessed } from '../ml/photo-classifier';
import { preprocessResnet } from '../ml/resnet-preprocess';
import type { BackboneProgress, ClassifyOptions, ImageClassification, ImageModelInfo } from './api';
import { gradCam } from '../ml/saliency';
import { saliencyOverlay } from './saliency-overlay';
import { bundledModelUrl, fetchJson } from './assets';
import { photoPixels } from './photo-input';
import { tf } from './tf-browser';

interface BackboneCard {
  sizeBytes?: number;
  storage?: { totalBytes?: number };
  totalBytes?: number;
}

let backbone: Promise<Backbone> | null = null;
const listeners = new Set<(p: BackboneProgress) => void>();
const heads = new Map<string, Promise<{ model: tf.LayersModel; card: HeadCard }>>();

const emit = (p: BackboneProgress) => listeners.forEach((l) => l(p));

async function loadBackbone(): Promise<Backbone> {
  const card = await fetchJson<BackboneCard>(`/models/${BACKBONE_ID}/card.json`).catch(() => ({}) as BackboneCard);
  const total = card.storage?.totalBytes ?? card.totalBytes ?? card.sizeBytes ?? 0;
  emit({ phase: 'download', loadedBytes: 0, totalBytes: total });
  let model: tf.LayersModel;
  try {
    model = await tf.loadLayersModel(bundledModelUrl(BACKBONE_ID), {
      onProgress: (f) => emit({ phase: 'download', loadedBytes: Math.round(f * total), totalBytes: total }),
    });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (/fetch|network|404|Failed to/i.test(msg)) throw new UserError('network', 'The photo model could not be downloaded. Connect to the internet once to fetch it (about 50 MB).');
    throw modelFileError(msg);
  }
  const b = new Backbone(model);
  emit({ phase: 'warmup', loadedBytes: total, totalBytes: total });
  await warmUp(b);
  emit({ phase: 'ready', loadedBytes: total, totalBytes: total });
  return b;
}

/**
 * Compiles kernels / shaders now rather than on the first photo, for the batch a photo uses
 * (2: the photo and its mirror image). On WebGPU the pipelines are first compiled in parallel
 * without running (WEBGPU_ENGINE_COMPILE_ONLY), then one real pass uploads what remains.
 */
async function warmUp(b: Backbone): Promise<void> {
  const batch = 2;
  const input = new Float32Array(b.size * b.size * 3 * batch);
  if (tf.getBackend() === 'webgpu') {
    try {
      tf.env().set('WEBGPU_ENGINE_COMPILE_ONLY', true);
      tf.dispose(tf.tidy(() => b.model.predict(tf.tensor4d(input, [batch, b.size, b.size, 3])) as tf.Tensor));
      await (tf.backend() as unknown as { checkCompileCompletionAsync(): Promise<void> }).checkCompileCompletionAsync();
    } catch {
      // Older or different WebGPU backends: the plain pass below compiles as it goes.
    } finally {
      tf.env().set('WEBGPU_ENGINE_COMPILE_ONLY', false);
    }
  }
  await b.features(input, batch);
}

export async function prepareBackbone(onProgress?: (p: BackboneProgress) => void): Promise<Backbone> {
  if (onProgress) listeners.add(onProgress);
  try {
    backbone ??= loadBackbone();
    backbone.catch(() => (backbone = null));
    const b = await backbone;
    onProgress?.({ phase: 'ready', loadedBytes: 0, totalBytes: 0 });
    return b;
  } finally {
    if (onProgress) listeners.delete(onProgress);
  }
}

/** A head by model id: a bundled one from /models/heads, or the user's own (`user:<id>`) from IndexedDB. */
function loadHead(id: string) {
  let entry = heads.get(id);
  if (!entry) {
    const projectId = projectIdOf(id);
    entry = projectId ? loadUserHead(projectId) : loadBundledHead(id);
    entry.catch(() => heads.delete(id));
    heads.set(id, entry);
  }
  return entry;
}

async function loadBundledHead(id: string) {
  const card = await fetchJson<HeadCard>(`/models/heads/${id}/card.json`);
  const model = await tf.loadLayersModel(`/models/heads/${id}/model.json`).catch((e: unknown) => {
    throw modelFileError(e instanceof Error ? e.message : String(e));
  });
  return { model, card };
}

async function loadUserHead(projectId: string) {
  const s = await store();
  const [project, record] = await Promise.all([s.getProject(projectId), s.getHead(projectId)]);
  if (!record) throw new UserError('not-found', `“${project.name}” has not been trained yet. Train it in the Teach section first.`);
  const model = await headFromParts(record);
  // Names come from the project (renames apply at once); order from the head's training.
  const classes = record.classIds.map((cid) => project.classes.find((c) => c.id === cid)?.name ?? '(deleted class)');
  const card: HeadCard = { id: userModelId(projectId), title: project.name, classes, ...ttaFields('flip'), confidenceThreshold: DEFAULT_CONFIDENCE_THRESHOLD };
  return { model, card };
}

/** A bundled head (cached), e.g. as the starting point of a user copy. */
export const bundledHead = (id: string) => loadHead(id);

/** Drops a cached head after its classifier changed (retrained, renamed, deleted). */
export function forgetHead(id: string): void {
  const entry = heads.get(id);
  heads.delete(id);
  entry?.then((h) => h.model.dispose()).catch(() => undefined);
}

export async function listImageModels(): Promise<ImageModelInfo[]> {
  const found = await Promise.all(
    BUNDLED_HEADS.map(async (id) => {
      try {
        const card = await fetchJson<HeadCard>(`/models/heads/${id}/card.json`);
        return { id, title: card.title, classes: card.classes, source: 'bundled' as const, accuracy: headAccuracy(card) };
      } catch {
        return null; // not built or not cached offline: leave it out of the picker
      }
    }),
  );
  const mine = (await listClassifiers().catch(() => []))
    .filter((c) => c.trained)
    .map((c) => ({ id: userModelId(c.project.id), title: c.project.name, classes: c.project.classes.map((k) => k.name), source: 'user' as const, accuracy: c.project.history.at(-1)?.validationAccuracy ?? undefined, basedOn: c.project.basedOn }));
  return [...found.filter((m): m is NonNullable<typeof m> => m !== null), ...mine];
}

export async function classifyImage(image: Blob | ImageBitmap, modelId: string, k = 5, options: ClassifyOptions = {}): Promise<ImageClassification> {
  const started = performance.now();
  const [b, head] = await Promise.all([prepareBackbone(), loadHead(modelId)]);
  const pixels = await photoPixels(image, b.size);
  const input = preprocessResnet(pixels, b.size);
  const probs = await classifyPreprocessed(b, head.model, input, options.tta ?? headTta(head.card) === 'flip');
  const classes = head.card.classes;
  const top = topK(probs, Math.min(k, classes.length)).map((index) => ({ index, label: classes[index], p: probs[index] }));
  const threshold = head.card.confidenceThreshold ?? DEFAULT_CONFIDENCE_THRESHOLD;
  return { top, notSure: top[0].p < threshold, ms: performance.now() - started, modelId, note: pixels.note };
}

/** Where the model looked for one class: Grad-CAM over the centre crop, drawn on the photo. */
export async function explainImage(image: Blob | ImageBitmap, modelId: string, classIndex: number): Promise<Blob> {
  const [b, head] = await Promise.all([prepareBackbone(), loadHead(modelId)]);
  const pixels = await photoPixels(image, b.size);
  const saliency = await gradCam(b, head.model, preprocessResnet(pixels, b.size), classIndex);
  return saliencyOverlay(pixels, saliency);
}

/** After a backend switch everything reloads on the new backend. */
export async function forgetImageModels(): Promise<void> {
  const b = backbone;
  backbone = null;
  (await b?.catch(() => null))?.dispose();
  const hs = [...heads.values()];
  heads.clear();
  for (const h of hs) (await h.catch(() => null))?.model.dispose();
}
