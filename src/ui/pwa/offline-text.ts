/** Words for sizes and for what each downloadable part is for, as a phone user reads them. */
import type { OfflineKind } from '../../app/pwa/offline-index';

export { megabytes } from '../shared/format';

export const USED_FOR: Record<OfflineKind, string> = {
  backbone: 'The photo model: Identify and Teach need it',
  head: 'Tells what is in a photo, for Identify',
  digits: 'Reads drawings in Draw and test images in Digit lab',
  data: 'Training images for Digit lab',
};
