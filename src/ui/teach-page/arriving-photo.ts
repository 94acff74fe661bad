/**
 * A photo on its way into a class: shown from the page's own copy the moment it is chosen or
 * taken, before the worker has stored it (which waits while a backbone pass runs there).
 */
export interface ArrivingPhoto {
  key: string;
  classId: string;
  url: string;
}

const SIDE = 96;
let next = 0;

/** A gallery file is shown as it is (an object URL); a camera frame is drawn small now, before it goes to the worker. */
export function arrivingPhoto(classId: string, image: File | ImageBitmap): ArrivingPhoto {
  const key = `arriving-${++next}`;
  if (image instanceof File) return { key, classId, url: URL.createObjectURL(image) };
  const side = Math.min(image.width, image.height);
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = SIDE;
  canvas
    .getContext('2d')
    ?.drawImage(image, (image.width - side) / 2, (image.height - side) / 2, side, side, 0, 0, SIDE, SIDE);
  return { key, classId, url: canvas.toDataURL('image/jpeg', 0.7) };
}

export function release(photo: ArrivingPhoto): void {
  if (photo.url.startsWith('blob:')) URL.revokeObjectURL(photo.url);
}
