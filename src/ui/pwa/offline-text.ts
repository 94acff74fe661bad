/** Words for sizes and for what each downloadable part is for, as a phone user reads them. */
import type { OfflineKind } from '../../app/pwa/offline-index';

export function megabytes(bytes: number): string {
  const mb = bytes / 1e6;
  return `${mb >= 10 ? Math.round(mb) : mb.toFixed(1)} MB`;
}

export const USED_FOR: Record<OfflineKind, string> = {
  backbone: 'The photo model: Classify and Teach need it',
  head: 'Photo classifier for Classify',
  digits: 'Reads drawings (Draw) and test images (Train)',
  data: 'Training data for Train',
};
