/**
 * Puts what /draw needs (the bundled MNIST model) into the runtime cache as soon as the service
 * worker exists, so the first visit alone makes drawing work offline, even if the worker fetched
 * the model before the service worker took control.
 */
import { MODELS_CACHE } from './cache-names';

const ESSENTIAL_MODELS = ['mnist-mlp'];

async function modelFiles(id: string): Promise<string[]> {
  const base = `/models/${id}/`;
  const manifest = (await (await fetch(`${base}model.json`)).json()) as { weightsManifest: { paths: string[] }[] };
  return [
    `${base}model.json`,
    `${base}card.json`,
    ...manifest.weightsManifest.flatMap((g) => g.paths.map((p) => base + p)),
  ];
}

export async function cacheEssentials(): Promise<void> {
  if (!('caches' in self)) return;
  const cache = await caches.open(MODELS_CACHE);
  for (const id of ESSENTIAL_MODELS) {
    const files = await modelFiles(id);
    const missing = (await Promise.all(files.map(async (f) => ((await cache.match(f)) ? null : f)))).filter(
      (f): f is string => f !== null,
    );
    if (missing.length) await cache.addAll(missing);
  }
}
