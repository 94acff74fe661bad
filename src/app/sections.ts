/**
 * The app's sections (pages), in nav order: the one list the router, the bottom nav, the shell and
 * the manifest's shortcuts (vite.config.ts) all read. Adding a section is one entry here plus its
 * page in src/ui/<id>-page/<id>-page.ts defining <pv-<id>-page> (the shell loads it by that name).
 *
 * Plain data with no imports: vite.config.ts loads this file in Node.
 */
export interface SectionSpec {
  /** The route (`/<id>`) and the page's name. */
  readonly id: string;
  /** The nav label (short: five share a 360 px bottom nav); also the shortcut's short name. Words, not the id. */
  readonly title: string;
  /** SVG path data on a 24×24 box, so the icon renders the same without emoji fonts. */
  readonly icon: string;
  /** An app shortcut (long-press on the home-screen icon); `rank` orders them, 1 first. */
  readonly shortcut?: { readonly name: string; readonly rank: number };
}

export const SECTIONS = [
  {
    id: 'classify',
    title: 'Identify',
    icon:
      'M12 15.2a3.2 3.2 0 1 0 0-6.4 3.2 3.2 0 0 0 0 6.4zM9 2 7.17 4H4a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2h16' +
      'a2 2 0 0 0 2-2V6a2 2 0 0 0-2-2h-3.17L15 2H9zm3 15a5 5 0 1 1 0-10 5 5 0 0 1 0 10z',
    shortcut: { name: 'Identify a photo', rank: 1 },
  },
  {
    id: 'teach',
    title: 'Teach',
    icon: 'M12 3 1 9l11 6 9-4.91V17h2V9L12 3zM5 13.18v4L12 21l7-3.82v-4L12 17l-7-3.82z',
    shortcut: { name: 'Teach your own classifier', rank: 4 },
  },
  {
    id: 'draw',
    title: 'Draw',
    icon:
      'M3 17.25V21h3.75L17.81 9.94l-3.75-3.75L3 17.25zM20.71 7.04a1 1 0 0 0 0-1.41l-2.34-2.34' +
      'a1 1 0 0 0-1.41 0l-1.83 1.83 3.75 3.75 1.83-1.83z',
    shortcut: { name: 'Draw a digit', rank: 2 },
  },
  {
    id: 'train',
    title: 'Digit lab',
    icon: 'M3.5 18.49l6-6.01 4 4L22 6.92l-1.41-1.41-7.09 7.97-4-4L2 16.99z',
    shortcut: { name: 'Train a digit reader', rank: 3 },
  },
  {
    id: 'settings',
    title: 'Settings',
    icon:
      'M19.14 12.94a7.07 7.07 0 0 0 0-1.88l2.03-1.58a.5.5 0 0 0 .12-.64l-1.92-3.32a.5.5 0 0 0-.6-.22' +
      'l-2.39.96a7 7 0 0 0-1.63-.94l-.36-2.54a.5.5 0 0 0-.5-.42h-3.84a.5.5 0 0 0-.49.42l-.36 2.54' +
      'a7.4 7.4 0 0 0-1.63.94l-2.39-.96a.5.5 0 0 0-.6.22L2.66 8.84a.5.5 0 0 0 .12.64l2.03 1.58' +
      'a7.07 7.07 0 0 0 0 1.88l-2.03 1.58a.5.5 0 0 0-.12.64l1.92 3.32c.13.22.39.3.6.22l2.39-.96' +
      'c.5.38 1.05.7 1.63.94l.36 2.54c.05.24.25.42.49.42h3.84c.25 0 .45-.18.49-.42l.36-2.54' +
      'a7.4 7.4 0 0 0 1.63-.94l2.39.96c.22.08.47 0 .6-.22l1.92-3.32a.5.5 0 0 0-.12-.64l-2.03-1.58z' +
      'M12 15.6A3.6 3.6 0 1 1 12 8.4a3.6 3.6 0 0 1 0 7.2z',
  },
] as const satisfies readonly SectionSpec[];

export type Section = (typeof SECTIONS)[number]['id'];

/** Where an unknown path lands, and where the installed app starts. */
export const HOME_SECTION: Section = 'classify';

/** The custom element that renders a section, defined by src/ui/<id>-page/<id>-page.ts. */
export const pageTag = (id: Section) => `pv-${id}-page`;
