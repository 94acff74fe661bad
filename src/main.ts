import './ui/app-shell/app-shell';
import { ml } from './app/ml-client';
import { registerServiceWorker } from './pwa/register';

registerServiceWorker();

// `npm run bench` drives the worker directly through this hook; it exists only when asked for.
if (new URLSearchParams(location.search).has('bench')) {
  (window as unknown as { pvBenchmark: () => Promise<unknown> }).pvBenchmark = () => ml().benchmark();
}
