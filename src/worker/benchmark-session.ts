/** The in-browser benchmark (`npm run bench` drives it): MLP training, head training and the backbone, on this backend. */

import { benchmarkBackbone, benchmarkHeadTraining, benchmarkMlp } from '../ml/core/benchmark';
import { Backbone } from '../ml/photos/backbone';
import { BACKBONE_ID } from '../ml/photos/backbone-spec';
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
  return { ...mlp, headTrainSamplesPerSecond, backbone, threads };
}
