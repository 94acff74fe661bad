/** The backbone (downloaded once, warmed up) and the heads, for the Classify section. */
import { Backbone } from '../ml/backbone';
import { UserError, modelFileError } from '../ml/errors';
import { BACKBONE_ID, BUNDLED_HEADS, DEFAULT_CONFIDENCE_THRESHOLD, headAccuracy, type HeadCard } from '../ml/image-models';
import { topK } from '../ml/metrics';
import { classifyPreprocessed, usesFlipTta } from '../ml/photo-classifier';
import { preprocessResnet, type ResnetInputSize } from '../ml/resnet-preprocess';
import type { BackboneProgress, ImageClassification, ImageModelInfo } from './api';
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
  await b.features(new Float32Array(b.size * b.size * 3), 1); // compiles kernels / shaders now, not on the first photo
  emit({ phase: 'ready', loadedBytes: total, totalBytes: total });
  return b;
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

function loadHead(id: string) {
  let entry = heads.get(id);
  if (!entry) {
    entry = (async () => {
      const card = await fetchJson<HeadCard>(`/models/heads/${id}/card.json`);
      const model = await tf.loadLayersModel(`/models/heads/${id}/model.json`).catch((e: unknown) => {
        throw modelFileError(e instanceof Error ? e.message : String(e));
      });
      return { model, card };
    })();
    entry.catch(() => heads.delete(id));
    heads.set(id, entry);
  }
  return entry;
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
  return found.filter((m): m is NonNullable<typeof m> => m !== null);
}

export async function classifyImage(image: Blob | ImageBitmap, modelId: string, k = 5): Promise<ImageClassification> {
  const started = performance.now();
  const [b, head] = await Promise.all([prepareBackbone(), loadHead(modelId)]);
  const input = preprocessResnet(await photoPixels(image, b.size), b.size as ResnetInputSize);
  const probs = await classifyPreprocessed(b, head.model, input, usesFlipTta(head.card));
  const classes = head.card.classes;
  const top = topK(probs, Math.min(k, classes.length)).map((index) => ({ index, label: classes[index], p: probs[index] }));
  const threshold = head.card.confidenceThreshold ?? DEFAULT_CONFIDENCE_THRESHOLD;
  return { top, notSure: top[0].p < threshold, ms: performance.now() - started, modelId };
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
