/** Deep-linkable sections with History API navigation; the service worker serves index.html for each. */
export type Section = 'draw' | 'train' | 'settings';
export const SECTIONS: { id: Section; title: string; icon: string }[] = [
  { id: 'draw', title: 'Draw', icon: '✏️' },
  { id: 'train', title: 'Train', icon: '📈' },
  { id: 'settings', title: 'Settings', icon: '⚙️' },
];

export function sectionFromPath(path: string): Section {
  const id = path.replace(/^\/+/, '').split(/[/?#]/)[0];
  return SECTIONS.some((s) => s.id === id) ? (id as Section) : 'draw';
}

export function navigate(section: Section): void {
  if (location.pathname !== `/${section}`) history.pushState({}, '', `/${section}${location.search}`);
  window.dispatchEvent(new PopStateEvent('popstate'));
}
