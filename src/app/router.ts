/** Deep-linkable sections with History API navigation; the service worker serves index.html for each. */
import { HOME_SECTION, SECTIONS, type Section } from './sections';

export function sectionFromPath(path: string): Section {
  const id = path.replace(/^\/+/, '').split(/[/?#]/)[0];
  return SECTIONS.find((s) => s.id === id)?.id ?? HOME_SECTION;
}

export function navigate(section: Section): void {
  if (location.pathname !== `/${section}`) history.pushState({}, '', `/${section}${location.search}`);
  window.dispatchEvent(new PopStateEvent('popstate'));
}
