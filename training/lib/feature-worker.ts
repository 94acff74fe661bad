/**
 * A child process that runs the backbone over a share of the images and writes their features
 * to the cache (TF.js in Node has no WASM threads, so parallelism comes from processes).
 */
import { flipHorizontal } from '../../src/ml/photos/backbone';
import { BACKBONE_PROBE } from '../../src/ml/photos/backbone-spec';
import { asSeenBy, preprocessResnet } from '../../src/ml/photos/resnet-preprocess';
import { loadBackbone } from './backbone-node';
import { FeatureCache } from './feature-cache';
import { type ImageRef, loadRef } from './image-sources';
import { initNodeTf } from './node-tf';

export interface WorkerJob {
  /** views: which of view 0 (as is) and view 1 (mirrored) this image still lacks. */
  items: { ref: ImageRef; hash: string; views: number[] }[];
  cacheRoot: string;
  cacheKey: string;
  /** Set: also write each view's stage-3 probe, to this cache. */
  probeCacheKey?: string;
  backboneDir: string;
  /** Shrink each photo to a square thumbnail of this side first (as a thumbnail-trained head sees it). */
  photoSide?: number;
}

export type WorkerMessage = { done: number } | { failed: string; error: string } | { finished: true };

const BATCH = 8;

process.once('message', async (job: WorkerJob) => {
  await initNodeTf();
  const backbone = await loadBackbone(job.backboneDir);
  const cache = new FeatureCache(job.cacheRoot, job.cacheKey, backbone.dim);
  const P = BACKBONE_PROBE.channels;
  const probeCache = job.probeCacheKey ? new FeatureCache(job.cacheRoot, job.probeCacheKey, P) : undefined;
  const per = backbone.size * backbone.size * 3;
  for (let start = 0; start < job.items.length; start += BATCH) {
    const chunk = job.items.slice(start, start + BATCH);
    const inputs: Float32Array[] = [];
    const keys: { hash: string; view: number }[] = [];
    for (const { ref, hash, views } of chunk) {
      try {
        const x = preprocessResnet(asSeenBy(await loadRef(ref), job.photoSide), backbone.size);
        for (const view of views) {
          inputs.push(view === 1 ? flipHorizontal(x, backbone.size) : x);
          keys.push({ hash, view });
        }
      } catch (e) {
        process.send!({ failed: ref.path, error: e instanceof Error ? e.message : String(e) } satisfies WorkerMessage);
      }
    }
    if (inputs.length) {
      const batch = new Float32Array(inputs.length * per);
      inputs.forEach((x, i) => batch.set(x, i * per));
      const probed = probeCache ? await backbone.featuresWithProbe(batch, inputs.length) : undefined;
      const features = probed?.features ?? (await backbone.features(batch, inputs.length));
      for (let i = 0; i < keys.length; i++) {
        await cache.set(keys[i].hash, keys[i].view, features.slice(i * backbone.dim, (i + 1) * backbone.dim));
        if (probed) await probeCache?.set(keys[i].hash, keys[i].view, probed.probe.slice(i * P, (i + 1) * P));
      }
    }
    process.send!({ done: chunk.length } satisfies WorkerMessage);
  }
  process.send!({ finished: true } satisfies WorkerMessage);
  process.exit(0);
});
