/**
 * Vite plugin (build only): bundles src/sw/sw-extras.ts into one classic script, /sw-extras.js,
 * for the generated service worker to importScripts. A nested build, so the extras share TypeScript
 * modules (cache names, the share inbox) with the app without leaving ES imports in the output.
 */
import { build, type Plugin, type Rolldown } from 'vite';

export const SW_EXTRAS_FILE = 'sw-extras.js';

export function swExtras(entry = 'src/sw/sw-extras.ts'): Plugin {
  return {
    name: 'pv-sw-extras',
    apply: 'build',
    async generateBundle() {
      const result = await build({
        configFile: false,
        publicDir: false,
        logLevel: 'warn',
        build: {
          write: false,
          emptyOutDir: false,
          target: 'es2022',
          lib: { entry, formats: ['iife'], name: 'pvSwExtras', fileName: () => SW_EXTRAS_FILE },
        },
      });
      const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
      const chunk = outputs.flatMap((o) => o.output).find((o) => o.type === 'chunk');
      if (chunk?.type !== 'chunk') throw new Error('sw-extras: the nested build made no script');
      this.emitFile({ type: 'asset', fileName: SW_EXTRAS_FILE, source: chunk.code });
    },
  };
}
