// Static files: the built web app and the offline basemap, each with the cache policy
// that fits it.
// - /assets/* are named by their content hash (vite build): cached for a year and never
//   revalidated (immutable); a new build has new names.
// - index.html (and the app's fallback for any other path) must be fresh on every visit,
//   so that it names the current assets: no-cache, answered with 304 when unchanged.
// - The basemap (style, sea, PMTiles read with HTTP Range requests) changes only with a
//   new release of the data: cached for a day, then revalidated.
// The build writes .br and .gz next to every text asset; serveStatic sends the one the
// browser accepts (precompressed), never for a range request.
import type { Context, MiddlewareHandler } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { COMPRESSIBLE_CONTENT_TYPE_REGEX } from 'hono/utils/compress';

export const CACHE_IMMUTABLE = 'public, max-age=31536000, immutable';
export const CACHE_REVALIDATE = 'no-cache';
export const CACHE_BASEMAP = 'public, max-age=86400';

/**
 * 304 Not Modified when the client's copy (If-Modified-Since) is as new as the file
 * (Last-Modified, whole seconds); the file's stream is closed unread.
 */
function notModified(c: Context): void {
  const since = c.req.header('If-Modified-Since');
  const modified = c.res.headers.get('Last-Modified');
  if (!since || !modified || c.req.header('If-None-Match') || ![200, 206].includes(c.res.status)) return;
  const sinceMs = Date.parse(since);
  const modifiedMs = Date.parse(modified);
  if (Number.isNaN(sinceMs) || Number.isNaN(modifiedMs) || modifiedMs > sinceMs) return;
  void c.res.body?.cancel();
  const headers = new Headers();
  for (const name of ['Cache-Control', 'Last-Modified', 'Vary']) {
    const value = c.res.headers.get(name);
    if (value) headers.set(name, value);
  }
  c.res = undefined;
  c.res = new Response(null, { status: 304, headers });
}

/** Serves a file or folder with a cache policy (a function of the request path). */
export function staticFiles(options: { root?: string; path?: string; cacheControl: (path: string) => string }): MiddlewareHandler {
  const serve = serveStatic({ root: options.root, path: options.path, precompressed: true });
  return async (c, next) => {
    const found = await serve(c, next);
    if (!(found instanceof Response)) return;
    c.res = found;
    c.res.headers.set('Cache-Control', options.cacheControl(c.req.path));
    // Compressed or not, a text file's answer depends on Accept-Encoding (for caches in between).
    const type = c.res.headers.get('Content-Type') ?? '';
    if (COMPRESSIBLE_CONTENT_TYPE_REGEX.test(type) && !c.res.headers.has('Content-Range') && !c.res.headers.has('Vary')) {
      c.res.headers.set('Vary', 'Accept-Encoding');
    }
    notModified(c);
  };
}
