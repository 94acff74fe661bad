import './ui/app-shell/app-shell';
import { ml } from './app/ml-client';
import { watchInstall } from './app/pwa/install';
import { registerServiceWorker } from './app/pwa/register';

watchInstall();
registerServiceWorker();

// `npm run bench` and the leak tests read the worker through these hooks; they exist only when asked for.
if (new URLSearchParams(location.search).has('bench')) {
  Object.assign(window, {
    pvBenchmark: () => ml().benchmark(),
    pvMemory: () => ml().memory(),
    pvFeatureTimings: () => ml().featureTimings(),
  });
}
// The device-loss test pulls the GPU out from under the worker through this.
if (new URLSearchParams(location.search).has('test')) {
  Object.assign(window, {
    pvLoseDevice: () => ml().loseDeviceForTest(),
    pvSpoilNextTraining: () => ml().spoilNextTrainingForTest(),
    // The "none of these" tests read the worker's verdict and say "something else" through these.
    pvClassify: (bytes: Uint8Array, modelId: string) => ml().classifyImage(new Blob([bytes as BlobPart]), modelId),
    pvCorrect: (bytes: Uint8Array, modelId: string, className: string | null) =>
      ml().correctClassification(new Blob([bytes as BlobPart]), modelId, className),
  });
}
