/** The in-browser benchmark (`npm run bench` drives it): MLP training, head training and the backbone, on this backend. */

import { benchmarkVariant, type VariantBenchmark } from '../ml/core/backbone-benchmark';
import { benchmarkBackbone, benchmarkHeadTraining, benchmarkMlp } from '../ml/core/benchmark';
import { Backbone } from '../ml/photos/backbone';
import { BACKBONE_ID, BACKBONE_VARIANTS, backboneFolder } from '../ml/photos/backbone-spec';
import { bundledModelUrl } from './assets';
import { tf } from './tf-browser';

export async function runBenchmark(threads: number | undefined) {
  const mlp = await benchmarkMlp();
  const headTrainSamplesPerSecond = await benchmarkHeadTraining();
  // A fresh copy of the backbone, so "first call" really is the first one on this backend.
  const backbone = await tf
    .loadLayersModel(bundledModelUrl(BACKBONE_ID))
    .then(async (model) => {
      const b = new Backbone(model);
      const r = await benchmarkBackbone(b);
      b.dispose();
      return r;
    })
    .catch(() => null);
  // Each variant from the server (or the service worker's cache, where stored), one after the other.
  const variants: VariantBenchmark[] = [];
  for (const v of BACKBONE_VARIANTS) {
    const r = await benchmarkVariant(v, () => tf.io.http(bundledModelUrl(backboneFolder(v))).load!()).catch(() => null);
    if (r) variants.push(r);
  }
  return { ...mlp, headTrainSamplesPerSecond, backbone, variants, threads };
}
