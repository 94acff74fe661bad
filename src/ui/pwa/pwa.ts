import { InstallCard } from './install-card.component';
import { OfflinePanel } from './offline-panel.component';
import { OfflinePrompt } from './offline-prompt.component';
import { UpdateBanner } from './update-banner.component';

customElements.define('pv-install-card', InstallCard);
customElements.define('pv-offline-panel', OfflinePanel);
customElements.define('pv-offline-prompt', OfflinePrompt);
customElements.define('pv-update-banner', UpdateBanner);
