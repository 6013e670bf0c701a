// Compresses every dynamic answer (API JSON, GeoJSON, CSV, the OGC API) with brotli or
// gzip, whichever the client prefers (when equal: gzip for a small answer that arrives
// whole, brotli for the rest; see compressWhole). Hono's own compress
// middleware has no brotli, so this one streams through node:zlib. Static files come
// precompressed from the build (static-files.ts) and already carry Content-Encoding;
// a range answer (206, e.g. the basemap's PMTiles) is never compressed, as its bytes
// must be exactly the requested part of the file.
import type { MiddlewareHandler } from 'hono';
import { COMPRESSIBLE_CONTENT_TYPE_REGEX } from 'hono/utils/compress';
import { pipeline, Readable } from 'node:stream';
import { brotliCompressSync, constants, createBrotliCompress, createGzip, gzipSync } from 'node:zlib';

/** Smaller answers are sent as they are: compressing them saves less than its cost. */
export const COMPRESS_THRESHOLD = 1024;

export type Encoding = 'br' | 'gzip';

/**
 * The encoding to use for an Accept-Encoding header: the highest q-value among br and
 * gzip (a `*` counts for both), `tie` (brotli unless asked) on a tie; none when
 * neither is acceptable.
 */
export function chooseEncoding(acceptEncoding: string | undefined, tie: Encoding = 'br'): Encoding | null {
  if (!acceptEncoding) return null;
  const q = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  const of = (name: string) => q.get(name) ?? q.get('*') ?? 0;
  const br = of('br');
  const gzip = of('gzip');
  if (br <= 0 && gzip <= 0) return null;
  return br === gzip ? tie : br > gzip ? 'br' : 'gzip';
}

// Fast settings for answers made per request (the build uses the slowest, best ones).
// An answer that arrives as one large piece (a national balance: 5 MB of JSON) gets the
// fastest: brotli 1 takes 15 ms on it where brotli 4 takes 33, for 15 % more bytes,
// which a fast link sends in less time than the difference.
export const LARGE_PIECE = 1 << 20;
const compressor = (encoding: Encoding, large: boolean) => (encoding === 'br'
  ? createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: large ? 1 : 4 } })
  : createGzip({ level: large ? 1 : 6 }));

/**
 * A small answer that arrives whole (most JSON) is compressed on the request's own
 * thread: for a few kilobytes that costs less than the hand-over to zlib's thread pool.
 * At the fastest setting, and gzip where the client takes both: on the region's 15 kB
 * balance gzip 1 took 0.11 ms for 4.1 kB, brotli 1 0.17 ms for 4.2 kB and brotli 4
 * 0.38 ms for 3.7 kB, most of it setting up the encoder; the 10 % more bytes cost less
 * than that on any link but the slowest.
 */
export const SMALL_WHOLE = 64 * 1024;
const compressWhole = (encoding: Encoding, body: Uint8Array) => (encoding === 'br'
  ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 1, [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength } })
  : gzipSync(body, { level: 1 }));

/**
 * The body read ahead: whole when it is small and complete, else as a Node stream with
 * the size of its first piece (to choose the setting).
 */
async function readAhead(body: ReadableStream<Uint8Array>): Promise<{ whole: Uint8Array } | { stream: Readable; firstBytes: number }> {
  const reader = body.getReader();
  const first = await reader.read();
  if (first.done) {
    reader.releaseLock();
    return { whole: new Uint8Array(0) };
  }
  const second = first.value.byteLength <= SMALL_WHOLE ? await reader.read() : null;
  if (second?.done) {
    reader.releaseLock();
    return { whole: first.value };
  }
  async function* pieces() {
    let ended = false;
    try {
      yield first.value!;
      if (second) yield second.value!;
      for (let next = await reader.read(); !next.done; next = await reader.read()) yield next.value;
      ended = true;
    } finally {
      // A client that went away stops the source (e.g. a query streaming rows).
      if (!ended) await reader.cancel().catch(() => undefined);
      reader.releaseLock();
    }
  }
  return { stream: Readable.from(pieces(), { objectMode: false }), firstBytes: first.value.byteLength };
}

/**
 * The body an answer was made with, when it was a string or bytes (c.json, c.body):
 * @hono/node-server's light Response keeps it under a symbol named "cache" until
 * someone asks for a web stream, which costs half a millisecond to build and read.
 * Undefined otherwise (then the body is read as a stream).
 */
function bodyAsMade(res: Response): Uint8Array | undefined {
  const key = Object.getOwnPropertySymbols(res).find((s) => s.description === 'cache');
  const made = key && (res as unknown as Record<symbol, unknown[] | undefined>)[key]?.[1];
  if (typeof made === 'string') return Buffer.from(made);
  return made instanceof Uint8Array ? made : undefined;
}

const addVary = (headers: Headers) => {
  const vary = headers.get('Vary');
  if (vary === '*' || (vary && /(^|,)\s*accept-encoding\s*(,|$)/i.test(vary))) return;
  headers.set('Vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
};

export const compress: MiddlewareHandler = async (c, next) => {
  await next();
  const res = c.res;
  const type = res.headers.get('Content-Type') ?? '';
  if (!COMPRESSIBLE_CONTENT_TYPE_REGEX.test(type)) return;
  if (res.headers.has('Content-Encoding')) {
    if (!res.headers.has('Content-Range')) addVary(res.headers);
    return;
  }
  if (res.status === 206 || res.headers.has('Content-Range') || c.req.method === 'HEAD') return;
  const made = bodyAsMade(res);
  if (!made && !res.body) return;
  if (/(^|,)\s*no-transform\s*(,|$)/i.test(res.headers.get('Cache-Control') ?? '')) return;
  const length = res.headers.get('Content-Length');
  if (length !== null && Number(length) < COMPRESS_THRESHOLD) return;

  addVary(res.headers);
  const encoding = chooseEncoding(c.req.header('Accept-Encoding'));
  if (!encoding) return;
  const body = made ? { whole: made } : await readAhead(res.body!);
  if ('whole' in body && body.whole.byteLength < COMPRESS_THRESHOLD) {
    // Read from its stream: sent again from the bytes read.
    if (!made) c.res = new Response(body.whole as Uint8Array<ArrayBuffer>, res);
    return;
  }
  // Hono copies the old answer's headers onto the new one: adjust them afterwards.
  let used = encoding;
  if ('whole' in body) {
    used = chooseEncoding(c.req.header('Accept-Encoding'), 'gzip') ?? encoding;
    const compressed = compressWhole(used, body.whole);
    c.res = new Response(compressed, res);
    c.res.headers.set('Content-Length', String(compressed.byteLength));
  } else {
    // pipeline: a failing source (a query that breaks off) ends the compressed stream too.
    const compressed = pipeline(body.stream, compressor(encoding, body.firstBytes >= LARGE_PIECE), () => undefined);
    c.res = new Response(Readable.toWeb(compressed) as unknown as ReadableStream<Uint8Array>, res);
    c.res.headers.delete('Content-Length');
  }
  c.res.headers.set('Content-Encoding', used);
  const etag = c.res.headers.get('ETag');
  if (etag && !etag.startsWith('W/')) c.res.headers.set('ETag', `W/${etag}`);
};
