/**
 * The app's Content-Security-Policy, one source for the page's <meta> tag and the HTTP header
 * (vite.config.ts puts both in). No inline or eval'd script anywhere. Lit styles are adopted
 * stylesheets and dynamic styles are set through CSSOM (src/ui/shared/css-props.ts, not styleMap,
 * whose first render writes a style attribute), so styles need no 'unsafe-inline' either.
 */
const PAGE: Record<string, string[]> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  // Photo thumbnails are object URLs of the picked files.
  'img-src': ["'self'", 'blob:'],
  // Models, data sets and the WASM binaries all come from this origin.
  'connect-src': ["'self'"],
  // The ML module worker and the service worker.
  'worker-src': ["'self'"],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
};

/**
 * Workers take their policy from their own response header, never from the page's <meta>, so the
 * header is the one that guards the ML worker. Of the TF.js backends only WASM needs anything more:
 * compiling WebAssembly ('wasm-unsafe-eval', which allows no JS eval). WebGL and WebGPU need nothing.
 * The page's <meta> still applies too, so the page itself cannot compile WebAssembly.
 */
const HEADER: Record<string, string[]> = {
  ...PAGE,
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  'frame-ancestors': ["'none'"], // ignored in <meta>: header only
};

const serialize = (p: Record<string, string[]>) =>
  Object.entries(p)
    .map(([k, v]) => `${k} ${v.join(' ')}`)
    .join('; ');

export const PAGE_CSP = serialize(PAGE);
export const HEADER_CSP = serialize(HEADER);
