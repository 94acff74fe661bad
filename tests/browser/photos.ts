/** Real photos for the browser tests, read from the shared data (never copied into the project). */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SHARED = '../shared/data';
export const catPhoto = (n = 1) => join(SHARED, 'cats-dogs/train/cat', `cat.${n}.jpg`);
export const dogPhoto = (n = 1) => join(SHARED, 'cats-dogs/train/dog', `dog.${n}.jpg`);
/** One class of the flowers5 training photos (daisy, sunflower, …), sorted by name. */
export const flowerPhotos = (name: string) =>
  readdirSync(join(SHARED, 'flowers5/train', name))
    .sort()
    .map((f) => join(SHARED, 'flowers5/train', name, f));

/** A y4m video of one photo, for Chromium's fake camera (made with Debian's ffmpeg). */
export function y4mFrom(photo: string): string {
  const out = join(mkdtempSync(join(tmpdir(), 'pv-cam-')), 'camera.y4m');
  execFileSync('ffmpeg', [
    '-loglevel',
    'error',
    '-loop',
    '1',
    '-i',
    photo,
    '-t',
    '2',
    '-r',
    '15',
    '-vf',
    'scale=640:480:force_original_aspect_ratio=increase,crop=640:480,format=yuv420p',
    out,
  ]);
  if (!existsSync(out)) throw new Error('ffmpeg made no video');
  return out;
}
