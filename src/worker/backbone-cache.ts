/**
 * The backbone in the worker: downloaded once, warmed up, shared by Classify and Teach; and its
 * version. Which variant (float16 or uint8, backbone-spec.ts) is set by the page at every start.
 */

import type { BackboneProgress } from '../contract/ml-api';
import { modelFileError, UserError } from '../ml/core/errors';
import { Backbone } from '../ml/photos/backbone';
import {
  type BackboneVariant,
  backboneFolder,
  backboneVersionOf,
  DEFAULT_BACKBONE_VARIANT,
} from '../ml/photos/backbone-spec';
import { bundledCardUrl, bundledModelUrl, fetchJson } from './assets';
import { tf } from './tf-browser';

interface BackboneCard {
  sizeBytes?: number;
  storage?: { totalBytes?: number };
  totalBytes?: number;
}

let variant: BackboneVariant = DEFAULT_BACKBONE_VARIANT;
let backbone: Promise<Backbone> | null = null;
let version: Promise<string> | null = null;
const listeners = new Set<(p: BackboneProgress) => void>();

const emit = (p: BackboneProgress) => listeners.forEach((l) => l(p));

async function loadBackbone(): Promise<Backbone> {
  const folder = backboneFolder(variant);
  const card = await fetchJson<BackboneCard>(bundledCardUrl(folder)).catch(() => ({}) as BackboneCard);
  const total = card.storage?.totalBytes ?? card.totalBytes ?? card.sizeBytes ?? 0;
  emit({ phase: 'download', loadedBytes: 0, totalBytes: total });
  let model: tf.LayersModel;
  try {
    model = await tf.loadLayersModel(bundledModelUrl(folder), {
      onProgress: (f) => emit({ phase: 'download', loadedBytes: Math.round(f * total), totalBytes: total }),
    });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (/fetch|network|404|Failed to/i.test(msg))
      throw new UserError(
        'network',
        `The photo model could not be downloaded. Connect to the internet once to fetch it (about ${Math.round(total / 1e6) || 50} MB).`,
      );
    throw modelFileError(msg);
  }
  const b = new Backbone(model);
  emit({ phase: 'warmup', loadedBytes: total, totalBytes: total });
  await warmUp(b);
  emit({ phase: 'ready', loadedBytes: total, totalBytes: total });
  return b;
}

/**
 * Compiles kernels / shaders now rather than on the first photo, for the batch a photo uses
 * (2: the photo and its mirror image). On WebGPU the pipelines are first compiled in parallel
 * without running (WEBGPU_ENGINE_COMPILE_ONLY), then one real pass uploads what remains.
 */
async function warmUp(b: Backbone): Promise<void> {
  const batch = 2;
  const input = new Float32Array(b.size * b.size * 3 * batch);
  if (tf.getBackend() === 'webgpu') {
    try {
      tf.env().set('WEBGPU_ENGINE_COMPILE_ONLY', true);
      tf.dispose(tf.tidy(() => b.model.predict(tf.tensor4d(input, [batch, b.size, b.size, 3])) as tf.Tensor));
      await (tf.backend() as unknown as { checkCompileCompletionAsync(): Promise<void> }).checkCompileCompletionAsync();
    } catch {
      // Older or different WebGPU backends: the plain pass below compiles as it goes.
    } finally {
      tf.env().set('WEBGPU_ENGINE_COMPILE_ONLY', false);
    }
  }
  await b.features(input, batch);
}

export async function prepareBackbone(onProgress?: (p: BackboneProgress) => void): Promise<Backbone> {
  if (onProgress) listeners.add(onProgress);
  try {
    backbone ??= loadBackbone();
    backbone.catch(() => (backbone = null));
    const b = await backbone;
    onProgress?.({ phase: 'ready', loadedBytes: 0, totalBytes: 0 });
    return b;
  } finally {
    if (onProgress) listeners.delete(onProgress);
  }
}

/** After a backend switch the backbone reloads on the new backend. */
export async function forgetBackbone(): Promise<void> {
  const b = backbone;
  backbone = null;
  (await b?.catch(() => null))?.dispose();
}

/** Switches the variant; the loaded one (if another) is let go, and the next photo loads the new one. */
export async function useBackboneVariant(wanted: BackboneVariant): Promise<void> {
  if (wanted === variant) return;
  variant = wanted;
  version = null;
  await forgetBackbone();
}

/** The variant in use: Teach samples record it, as features from the two never mix. */
export const backboneVariant = (): BackboneVariant => variant;

/** The served backbone's version (see backboneVersionOf), the one classifier files must match. */
export function backboneVersion(): Promise<string> {
  version ??= fetch(bundledModelUrl(backboneFolder(variant)))
    .then((r) => {
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      return r.arrayBuffer();
    })
    .then((b) => backboneVersionOf(new Uint8Array(b)));
  version.catch(() => (version = null));
  return version;
}
