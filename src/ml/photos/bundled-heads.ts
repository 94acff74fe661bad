/** The bundled image classifiers (one head each on the backbone, see backbone-spec.ts) and their cards (TF-free). */
import type { OpenSetSpec } from './open-set-bank';

/** The heads the app ships, in picker order; the offline index and the build read this list too. */
export const BUNDLED_HEADS = ['imagenet', 'cats-dogs', 'flowers5', 'cifar10'] as const;

/** Below this top-1 probability the app says "not sure" instead of a label. */
export const DEFAULT_CONFIDENCE_THRESHOLD = 0.5;

/** Test-time augmentation a head was measured with: 'flip' averages the photo and its mirror image. */
export type HeadTta = 'flip' | 'none';
export const HEAD_TTAS: readonly HeadTta[] = ['flip', 'none'];

/** The prose cards carried before `tta`; still written, as older app versions read only this. */
const TTA_PROSE: Record<HeadTta, string> = { flip: 'horizontal flip, probabilities averaged', none: 'none' };

export interface HeadCard {
  id: string;
  title: string;
  classes: string[];
  backbone?: { id: string; version?: string };
  metrics?: { heldOutAccuracy?: number; validationAccuracy?: number; testAccuracy?: number };
  confidenceThreshold?: number;
  /** The head learned from square thumbnails of this side (CIFAR-10: 32 px): photos are shrunk to one first. */
  photoSide?: number;
  tta?: HeadTta;
  /** Prose form of `tta` (e.g. 'horizontal flip, probabilities averaged'), read only when `tta` is absent. */
  testTimeAugmentation?: string;
  /** "None of these" and calibration (open-set-bank.ts); the bank is the file `openSet.file` next to model.json. */
  openSet?: OpenSetSpec & { file?: string };
}

export function headAccuracy(card: HeadCard): number | undefined {
  return card.metrics?.heldOutAccuracy ?? card.metrics?.testAccuracy ?? card.metrics?.validationAccuracy;
}

/** How a head is used: its typed `tta`, or for older cards whatever their prose says about flipping. */
export function headTta(card: Pick<HeadCard, 'tta' | 'testTimeAugmentation'>): HeadTta {
  if (card.tta && HEAD_TTAS.includes(card.tta)) return card.tta;
  return /flip/i.test(card.testTimeAugmentation ?? '') ? 'flip' : 'none';
}

/** The card fields that record `tta`: the typed one, and the prose older readers match on. */
export const ttaFields = (tta: HeadTta): Pick<HeadCard, 'tta' | 'testTimeAugmentation'> => ({
  tta,
  testTimeAugmentation: TTA_PROSE[tta],
});
