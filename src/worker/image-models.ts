/** The Classify section in the worker: which image models there are, and what a photo shows. */

import type { ClassifyOptions, ImageClassification, ImageModelInfo } from '../contract/ml-api';
import { topK } from '../ml/core/metrics';
import { BUNDLED_HEADS, DEFAULT_CONFIDENCE_THRESHOLD, headAccuracy, headTta } from '../ml/photos/bundled-heads';
import { userModelId } from '../ml/photos/classifier-project';
import { judge, wantsProbe } from '../ml/photos/judge';
import { classifyWithFeatures } from '../ml/photos/photo-classifier';
import { asSeenBy, preprocessResnet } from '../ml/photos/resnet-preprocess';
import { gradCam } from '../ml/photos/saliency';
import { forgetBackbone, prepareBackbone } from './backbone-cache';
import { listClassifiers } from './classifier-session';
import { bundledHeadCard, forgetHeads, loadHead } from './head-cache';
import { photoPixels } from './photo-input';
import { saliencyOverlay } from './saliency-overlay';

export async function listImageModels(): Promise<ImageModelInfo[]> {
  const found = await Promise.all(
    BUNDLED_HEADS.map(async (id) => {
      try {
        const card = await bundledHeadCard(id);
        return {
          id,
          title: card.title,
          classes: card.classes,
          source: 'bundled' as const,
          accuracy: headAccuracy(card),
        };
      } catch {
        return null; // not built or not cached offline: leave it out of the picker
      }
    }),
  );
  const mine = (await listClassifiers().catch(() => []))
    .filter((c) => c.trained)
    .map((c) => ({
      id: userModelId(c.project.id),
      title: c.project.name,
      classes: c.project.classes.map((k) => k.name),
      source: 'user' as const,
      accuracy: c.project.history.at(-1)?.validationAccuracy ?? undefined,
      basedOn: c.project.basedOn,
    }));
  return [...found.filter((m): m is NonNullable<typeof m> => m !== null), ...mine];
}

export async function classifyImage(
  image: Blob | ImageBitmap,
  modelId: string,
  k = 5,
  options: ClassifyOptions = {},
): Promise<ImageClassification> {
  const started = performance.now();
  const [b, head] = await Promise.all([prepareBackbone(), loadHead(modelId)]);
  const pixels = await photoPixels(image, b.size);
  const input = preprocessResnet(asSeenBy(pixels, head.card.photoSide), b.size);
  const tta = options.tta ?? headTta(head.card) === 'flip';
  const out = await classifyWithFeatures(b, head.model, input, tta, wantsProbe(head.openSet));
  // Calibrated, and "none of these" when the photo is far from everything the head was trained on.
  const judged = head.openSet ? judge(out.probs, out.features, head.openSet, out.probe) : undefined;
  const probs = judged?.probs ?? out.probs;
  const classes = head.card.classes;
  const top = topK(probs, Math.min(k, classes.length)).map((index) => ({
    index,
    label: classes[index],
    p: probs[index],
  }));
  const ms = performance.now() - started;
  if (judged)
    return { top, notSure: judged.verdict !== 'sure', verdict: judged.verdict, ms, modelId, note: pixels.note };
  const threshold = head.card.confidenceThreshold ?? DEFAULT_CONFIDENCE_THRESHOLD;
  return { top, notSure: top[0].p < threshold, ms, modelId, note: pixels.note };
}

/** Where the model looked for one class: Grad-CAM over the centre crop, drawn on the photo. */
export async function explainImage(image: Blob | ImageBitmap, modelId: string, classIndex: number): Promise<Blob> {
  const [b, head] = await Promise.all([prepareBackbone(), loadHead(modelId)]);
  const pixels = await photoPixels(image, b.size);
  const seen = asSeenBy(pixels, head.card.photoSide);
  const saliency = await gradCam(b, head.model, preprocessResnet(seen, b.size), classIndex);
  return saliencyOverlay(pixels, saliency, seen !== pixels);
}

/** After a backend switch everything reloads on the new backend. */
export async function forgetImageModels(): Promise<void> {
  await forgetBackbone();
  await forgetHeads();
}
