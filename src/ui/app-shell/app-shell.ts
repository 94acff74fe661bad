import { pageTag, SECTIONS } from '../../app/sections';
import { AppShell } from './app-shell.component';
import '../pwa/pwa';
import '../first-run/first-run';

// Every section's page (src/ui/<id>-page/<id>-page.ts), bundled with the shell and defined before it.
import.meta.glob('../*-page/*-page.ts', { eager: true });
// A section listed without its page would show nothing; say so where the app's start is reported.
for (const { id } of SECTIONS) {
  if (!customElements.get(pageTag(id)))
    throw new Error(`section "${id}" has no <${pageTag(id)}> (src/ui/${id}-page/${id}-page.ts)`);
}

customElements.define('pv-app', AppShell);
