import { AppShell } from './app-shell.component';
import '../classify-page/classify-page';
import '../draw-page/draw-page';
import '../train-page/train-page';
import '../teach-page/teach-page';
import '../settings-page/settings-page';
import '../pwa/pwa';

customElements.define('pv-app', AppShell);
