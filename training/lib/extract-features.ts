/**
 * Backbone features for a labelled collection, from the cache where known and computed by
 * worker processes where not. Returns count × views × dim floats (view 1 = mirrored).
 */
import { fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import {
  BACKBONE_ID,
  BACKBONE_PREPROCESSING,
  BACKBONE_PROBE,
  BACKBONE_FEATURE_SIZE as DIM,
} from '../../src/ml/photos/backbone-spec';
import { BACKBONE_DIR, backboneVersion } from './backbone-node';
import { FeatureCache } from './feature-cache';
import type { WorkerJob, WorkerMessage } from './feature-worker';
import { hashRef, type LabelledImages } from './image-sources';

export const FEATURE_CACHE_ROOT = '.cache/features';

export interface ExtractOptions {
  views: number;
  workers?: number;
  backboneDir?: string;
  cacheRoot?: string;
  onProgress?: (done: number, total: number) => void;
  /** Features of each photo's square thumbnail of this side (cached apart from the photos' own). */
  photoSide?: number;
  /** Also each view's stage-3 probe (BACKBONE_PROBE), cached apart. */
  probe?: boolean;
}

export interface ExtractedFeatures {
  features: Float32Array;
  /** With `probe`: count × views × BACKBONE_PROBE.channels floats. */
  probes?: Float32Array;
  /** Indices (into the collection) of images that could not be read; their features are zeros. */
  failed: number[];
  hashes: string[];
  computed: number;
}

export async function extractFeatures(images: LabelledImages, options: ExtractOptions): Promise<ExtractedFeatures> {
  const backboneDir = options.backboneDir ?? BACKBONE_DIR;
  const cacheRoot = options.cacheRoot ?? FEATURE_CACHE_ROOT;
  const cacheKey = `${BACKBONE_ID}-${await backboneVersion(backboneDir)}-p${BACKBONE_PREPROCESSING.revision}${options.photoSide ? `-t${options.photoSide}` : ''}`;
  const cache = new FeatureCache(cacheRoot, cacheKey, DIM);
  const probeCacheKey = options.probe ? `${cacheKey}-probe-${BACKBONE_PROBE.id}` : undefined;
  const probeCache = probeCacheKey ? new FeatureCache(cacheRoot, probeCacheKey, BACKBONE_PROBE.channels) : undefined;
  const known = (hash: string, v: number) => cache.has(hash, v) && (!probeCache || probeCache.has(hash, v));
  const hashes = await Promise.all(images.refs.map(hashRef));
  // Only the views not cached yet: asking for mirrors later does not recompute the originals.
  const missing = images.refs
    .map((ref, i) => ({
      ref,
      hash: hashes[i],
      views: Array.from({ length: options.views }, (_, v) => v).filter((v) => !known(hashes[i], v)),
    }))
    .filter(({ views }) => views.length > 0);
  // One image may appear twice (same bytes): compute it once.
  const unique = [...new Map(missing.map((m) => [m.hash, m])).values()];

  const failedPaths = new Set<string>();
  if (unique.length) {
    const workers = Math.max(1, Math.min(options.workers ?? availableParallelism(), unique.length));
    let done = 0;
    await Promise.all(
      Array.from({ length: workers }, (_, w) => {
        const job: WorkerJob = {
          items: unique.filter((_, i) => i % workers === w),
          cacheRoot,
          cacheKey,
          probeCacheKey,
          backboneDir,
          photoSide: options.photoSide,
        };
        return new Promise<void>((resolve, reject) => {
          const child = fork(fileURLToPath(new URL('./feature-worker.ts', import.meta.url)), {
            execArgv: ['--import', 'tsx'],
          });
          child.on('message', (m: WorkerMessage) => {
            if ('done' in m) options.onProgress?.((done += m.done), unique.length);
            else if ('failed' in m) {
              failedPaths.add(m.failed);
              console.warn(`skipped ${m.failed}: ${m.error}`);
            }
          });
          child.on('exit', (code) =>
            code === 0 ? resolve() : reject(new Error(`feature worker ${w} exited with code ${code}`)),
          );
          child.send(job);
        });
      }),
    );
  }

  const features = new Float32Array(images.refs.length * options.views * DIM);
  const P = BACKBONE_PROBE.channels;
  const probes = probeCache ? new Float32Array(images.refs.length * options.views * P) : undefined;
  const failed: number[] = [];
  for (let i = 0; i < images.refs.length; i++) {
    for (let v = 0; v < options.views; v++) {
      const f = await cache.get(hashes[i], v);
      const p = probeCache ? await probeCache.get(hashes[i], v) : null;
      if (!f || (probeCache && !p)) {
        if (v === 0) failed.push(i);
        continue;
      }
      features.set(f, (i * options.views + v) * DIM);
      if (p) probes?.set(p, (i * options.views + v) * P);
    }
  }
  return { features, ...(probes ? { probes } : {}), failed, hashes, computed: unique.length };
}
