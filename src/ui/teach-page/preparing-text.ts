import type { FeatureProgress } from '../../contract/ml-api';
import { count } from '../shared/format';

/**
 * What a class card says while its photos are prepared in the background: "Preparing 3 of 8
 * photos" until every photo can be trained on (photo + mirror), then the extra views.
 * `preparing`: this class's photos not usable yet.
 */
export function preparingText(p: FeatureProgress | null, preparing: number): string {
  if (!p?.total) return `Preparing ${count(preparing, 'photo', 'photos')}…`; // before the first answer on progress
  const total = Math.max(p.total, p.usable + p.preparing.length, 1);
  if (preparing) return `Preparing ${Math.min(p.usable + 1, total)} of ${count(total, 'photo', 'photos')}…`;
  return `Ready to train. Adding extra views for better training: ${p.ready} of ${total} done.`;
}
