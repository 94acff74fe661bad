/** The web app manifest's `shortcuts`, made from the sections list when the app is built (vite.config.ts). */
import { SECTIONS, type SectionSpec } from '../src/app/sections.ts';

const ICONS = [{ src: '/icons/icon-192.png', sizes: '192x192' }];

export function manifestShortcuts(sections: readonly SectionSpec[] = SECTIONS) {
  return sections
    .flatMap((s) => (s.shortcut ? [{ ...s.shortcut, section: s }] : []))
    .sort((a, b) => a.rank - b.rank)
    .map(({ name, section }) => ({ name, short_name: section.title, url: `/${section.id}`, icons: ICONS }));
}
