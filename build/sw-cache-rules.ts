/**
 * A workbox plugin for the models and data runtime caches (vite.config.ts): only a whole file is
 * stored. Not an HTML page (a host's fallback or error page sent with 200), and not a body shorter
 * or longer than its Content-Length (a cut download). workbox-build copies the function's source
 * into sw.js, so it must be self-contained: no imports, no outer names.
 */
export const cacheOnlyWholeFiles = {
  cacheWillUpdate: async ({ response }: { response: Response }): Promise<Response | null> => {
    if (response.status !== 200 || /^text\/html/i.test(response.headers.get('Content-Type') ?? '')) return null;
    const length = response.headers.get('Content-Length');
    // With Content-Encoding the header counts encoded bytes, which the body no longer has.
    if (length !== null && !response.headers.get('Content-Encoding')) {
      const body = await response.clone().arrayBuffer();
      if (body.byteLength !== Number(length)) return null;
    }
    return response;
  },
};
