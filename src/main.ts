import './ui/app-shell/app-shell';
import { registerServiceWorker } from './pwa/register';

registerServiceWorker();
