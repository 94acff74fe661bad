import { SHARED_PARAM, takeSharedPhotos } from '../../app/pwa/share-inbox';
import type { PhotosEvent } from '../photo-picker/photo-picker.component';
import type { NewCard } from './card';
import { frameBlob } from './frame-blob';

/** Cards for files from the picker, drag and drop, paste or share; a file that is no image is an error card at once. */
export function photoCards({ files, source }: PhotosEvent['detail']): NewCard[] {
  return files.map((file): NewCard => {
    const notImage = file.type !== '' && !file.type.startsWith('image/');
    const name = file.name || (source === 'paste' ? 'Pasted image' : 'Photo');
    if (notImage)
      return {
        name,
        url: '',
        source: null,
        bitmap: null,
        status: 'error',
        from: 'photo',
        error: `“${name}” is not a photo. Choose an image file (JPEG, PNG, WebP, HEIC…).`,
      };
    return { name, url: URL.createObjectURL(file), source: file, bitmap: null, status: 'pending', from: 'photo' };
  });
}

/**
 * A card for a camera frame, with a JPEG copy to show and to classify again; null (and the
 * frame closed) when the page is gone by the time the copy is made.
 */
export async function cameraCard(
  bitmap: ImageBitmap,
  name: string,
  stillWanted: () => boolean,
): Promise<NewCard | null> {
  const source = await frameBlob(bitmap).catch(() => null);
  if (!stillWanted()) {
    bitmap.close();
    return null;
  }
  return { name, url: source ? URL.createObjectURL(source) : '', source, bitmap, status: 'pending', from: 'camera' };
}

/** The page was opened by a share from another app (the service worker filed the photos in the share inbox). */
export const openedByShare = () => new URLSearchParams(location.search).has(SHARED_PARAM);

/** The shared photos as cards, or one error card when none arrived. */
export async function sharedCards(): Promise<NewCard[]> {
  const url = new URL(location.href);
  url.searchParams.delete(SHARED_PARAM); // a reload must not look for them again
  history.replaceState(history.state, '', url);
  const files = await takeSharedPhotos().catch(() => []);
  if (files.length) return photoCards({ files, source: 'gallery' });
  return [
    {
      name: 'Shared photo',
      url: '',
      source: null,
      bitmap: null,
      status: 'error',
      from: 'photo',
      error: 'No photo arrived from the other app. Share it again, or choose it here.',
    },
  ];
}
