import './ui/app-shell/app-shell';
import { ml } from './app/ml-client';
import { registerServiceWorker } from './pwa/register';

registerServiceWorker();

// `npm run bench` and the leak tests read the worker through these hooks; they exist only when asked for.
if (new URLSearchParams(location.search).has('bench')) {
  Object.assign(window, { pvBenchmark: () => ml().benchmark(), pvMemory: () => ml().memory() });
}
