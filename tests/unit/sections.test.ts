import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { manifestShortcuts } from '../../build/manifest-shortcuts';
import { sectionFromPath } from '../../src/app/router';
import { HOME_SECTION, pageTag, SECTIONS } from '../../src/app/sections';

describe('the sections list', () => {
  it('routes each deep link to its section, anything else home', () => {
    for (const s of SECTIONS) expect(sectionFromPath(`/${s.id}`)).toBe(s.id);
    expect(sectionFromPath('/teach/anything?x=1')).toBe('teach');
    expect(sectionFromPath('/')).toBe(HOME_SECTION);
    expect(sectionFromPath('/nowhere')).toBe(HOME_SECTION);
  });

  // The shell loads src/ui/*-page/*-page.ts and renders <pv-<id>-page>: both sides of that name must hold.
  it('has a page per section, and a section per page', () => {
    for (const { id } of SECTIONS) {
      const file = `src/ui/${id}-page/${id}-page.ts`;
      expect(existsSync(file), file).toBe(true);
      expect(readFileSync(file, 'utf8')).toContain(`customElements.define('${pageTag(id)}'`);
    }
    const pages = readdirSync('src/ui').filter((d) => existsSync(`src/ui/${d}/${d}.ts`) && d.endsWith('-page'));
    expect(pages.sort()).toEqual(SECTIONS.map((s) => `${s.id}-page`).sort());
  });

  it('makes a manifest shortcut per section that asks for one, in rank order', () => {
    const icons = [{ src: '/icons/icon-192.png', sizes: '192x192' }];
    const asked = SECTIONS.flatMap((s) => ('shortcut' in s ? [{ ...s.shortcut, s }] : []));
    expect(new Set(asked.map((a) => a.rank)).size).toBe(asked.length);
    expect(manifestShortcuts()).toEqual(
      asked
        .sort((a, b) => a.rank - b.rank)
        .map(({ name, s }) => ({ name, short_name: s.title, url: `/${s.id}`, icons })),
    );
  });
});
