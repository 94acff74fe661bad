/**
 * Photos the bundled heads never trained on: the held-out 15% that `npm run train:head` sets aside
 * (the same seeded stratified split, from the model's card), the first few of each class, as files a phone
 * would pick. CIFAR records become 32×32 PNGs, exactly the pixels the data set holds.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { trainHeadSplit } from '../../src/ml/photos/head-training';
import { listImages, loadRef } from '../../training/lib/image-sources';
import { SHARED } from './photos';

export interface HeldOutPhoto {
  path: string;
  label: string;
}

export async function heldOutPhotos(modelId: 'flowers5' | 'cifar10', perClass: number): Promise<HeldOutPhoto[]> {
  const card = JSON.parse(readFileSync(join('models/heads', modelId, 'card.json'), 'utf8')) as {
    training: { data: string; seed: number };
  };
  const images = listImages(card.training.data.replace('../shared/data', SHARED));
  const heldOut = trainHeadSplit(images.labels, card.training.seed)[2];
  const dir = mkdtempSync(join(tmpdir(), `pv-${modelId}-`));
  const photos: HeldOutPhoto[] = [];
  for (let c = 0; c < images.classes.length; c++) {
    for (const i of heldOut.filter((k) => images.labels[k] === c).slice(0, perClass)) {
      const ref = images.refs[i];
      let path = ref.path;
      if (ref.kind === 'cifar') {
        const img = await loadRef(ref);
        path = join(dir, `${images.classes[c]}-${ref.index}.png`);
        writeFileSync(
          path,
          await sharp(Buffer.from(img.data), { raw: { width: img.width, height: img.height, channels: 3 } })
            .png()
            .toBuffer(),
        );
      }
      photos.push({ path, label: images.classes[c] });
    }
  }
  return photos;
}
