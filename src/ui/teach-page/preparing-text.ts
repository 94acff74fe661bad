import type { FeatureProgress } from '../../contract/ml-api';
import { count } from '../shared/format';

/**
 * What a class card says while its photos are prepared in the background: "Preparing 3 of 8
 * photos" until every photo can be trained on (its own view), then the extra views.
 * `preparing`: this class's photos not usable yet; `arriving`: photos shown but not stored yet
 * (not in the worker's round so far).
 */
export function preparingText(p: FeatureProgress | null, preparing: number, arriving = 0): string {
  const usable = p?.usable ?? 0;
  const total = Math.max((p?.total ?? 0) + arriving, usable + preparing, 1);
  if (preparing) return `Preparing ${Math.min(usable + 1, total)} of ${count(total, 'photo', 'photos')}…`;
  return `Ready to train. Adding extra views for better training: ${p?.ready ?? 0} of ${total} done.`;
}
