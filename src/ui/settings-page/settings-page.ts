import { SettingsPage } from './settings-page.component';

customElements.define('pv-settings-page', SettingsPage);
