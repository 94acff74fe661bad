import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { preprocessResnet } from '../../src/ml/photos/resnet-preprocess';
import { gradCam } from '../../src/ml/photos/saliency';
import { loadBackbone } from '../../training/lib/backbone-node';
import { loadModel } from '../../training/lib/model-files';
import { initNodeTf, tf } from '../../training/lib/node-tf';

beforeAll(async () => {
  await initNodeTf();
});

/** A cat photo shrunk into one quadrant of a plain grey square. */
async function catInCorner(corner: 'top-left' | 'bottom-right') {
  const cat = await sharp('../shared/data/cats-dogs/train/cat/cat.3.jpg').resize(224, 224, { fit: 'cover' }).toBuffer();
  const at = corner === 'top-left' ? { left: 0, top: 0 } : { left: 224, top: 224 };
  const { data, info } = await sharp({
    create: { width: 448, height: 448, channels: 3, background: { r: 128, g: 128, b: 128 } },
  })
    .composite([{ input: cat, ...at }])
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data), channels: info.channels as 3 | 4 };
}

const quadrantMean = (m: Float32Array, size: number, top: boolean, left: boolean) => {
  let s = 0;
  let n = 0;
  const h = size / 2;
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++)
      if (y < h === top && x < h === left) {
        s += m[y * size + x];
        n++;
      }
  return s / n;
};

describe('Grad-CAM', () => {
  it('lights up the quadrant where the cat is, wherever it is, and leaks no tensors', async () => {
    const backbone = await loadBackbone();
    const head = await loadModel('models/heads/cats-dogs');
    const before = tf.memory().numTensors;
    for (const corner of ['top-left', 'bottom-right'] as const) {
      const { map, size } = await gradCam(backbone, head, preprocessResnet(await catInCorner(corner), 224), 0);
      expect(size).toBe(7);
      expect(Math.max(...map)).toBeCloseTo(1, 5);
      const tl = quadrantMean(map, size, true, true);
      const br = quadrantMean(map, size, false, false);
      console.log(`grad-cam, cat ${corner}: top-left ${tl.toFixed(3)}, bottom-right ${br.toFixed(3)}`);
      if (corner === 'top-left') expect(tl).toBeGreaterThan(2 * br);
      else expect(br).toBeGreaterThan(2 * tl);
    }
    expect(tf.memory().numTensors).toBe(before);
    head.dispose();
    backbone.dispose();
  });
});
