/**
 * Photos shared to the app from other apps (Web Share Target). The service worker receives the
 * POST and files the photos here; the Classify page takes them out. A Cache rather than IndexedDB:
 * both sides have it and it stores Blobs as they are.
 */
import { SHARE_CACHE } from './cache-names';

/** The manifest's share_target action, and where the service worker sends the phone afterwards. */
export const SHARE_TARGET_PATH = '/share-target';
export const SHARED_PARAM = 'shared';
export const SHARE_LANDING = `/classify?${SHARED_PARAM}=1`;
/** The form field the manifest names for the files. */
export const SHARE_FIELD = 'photos';

const KEY_PREFIX = '/share-inbox/';
const NAME_HEADER = 'X-Pv-File-Name';

/** Replaces what is waiting with these photos (a new share wins over one never opened). */
export async function putSharedPhotos(files: File[]): Promise<void> {
  const cache = await caches.open(SHARE_CACHE);
  for (const old of await cache.keys()) await cache.delete(old);
  const stamp = Date.now();
  await Promise.all(
    files.map((f, i) =>
      cache.put(
        `${KEY_PREFIX}${stamp}-${String(i).padStart(3, '0')}`,
        new Response(f, {
          headers: {
            'Content-Type': f.type || 'application/octet-stream',
            [NAME_HEADER]: encodeURIComponent(f.name || `Shared photo ${i + 1}`),
          },
        }),
      ),
    ),
  );
}

/** The waiting photos in the order they were shared; they leave the inbox as they are taken. */
export async function takeSharedPhotos(): Promise<File[]> {
  if (!('caches' in self)) return [];
  const cache = await caches.open(SHARE_CACHE);
  const keys = [...(await cache.keys())].sort((a, b) => a.url.localeCompare(b.url));
  const files: File[] = [];
  for (const key of keys) {
    const res = await cache.match(key);
    if (res) {
      const blob = await res.blob();
      const name = decodeURIComponent(res.headers.get(NAME_HEADER) ?? 'Shared photo');
      files.push(new File([blob], name, { type: blob.type }));
    }
    await cache.delete(key);
  }
  return files;
}

/** Service worker side: the share POST in, a 303 to the Classify page out. */
export async function receiveShare(request: Request): Promise<Response> {
  try {
    const form = await request.formData();
    const files = form.getAll(SHARE_FIELD).filter((f): f is File => typeof f !== 'string');
    await putSharedPhotos(files);
  } catch (e) {
    // The page then finds the inbox empty and says nothing arrived.
    console.warn('Could not receive the shared photos:', e);
  }
  return Response.redirect(new URL(SHARE_LANDING, self.location.origin).href, 303);
}
