/** The bundled image classifiers: one head each on the backbone (see backbone-spec.ts), TF-free. */
export const BUNDLED_HEADS = ['imagenet', 'cats-dogs', 'flowers5', 'cifar10'] as const;

/** Below this top-1 probability the app says "not sure" instead of a label. */
export const DEFAULT_CONFIDENCE_THRESHOLD = 0.5;

export interface HeadCard {
  id: string;
  title: string;
  classes: string[];
  backbone?: { id: string; version?: string };
  metrics?: { heldOutAccuracy?: number; validationAccuracy?: number; testAccuracy?: number };
  confidenceThreshold?: number;
  /** 'horizontal flip, probabilities averaged' when the head was trained and measured that way. */
  testTimeAugmentation?: string;
}

export function headAccuracy(card: HeadCard): number | undefined {
  return card.metrics?.heldOutAccuracy ?? card.metrics?.testAccuracy ?? card.metrics?.validationAccuracy;
}
