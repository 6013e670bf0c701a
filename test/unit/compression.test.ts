// Which encoding an Accept-Encoding header gets: the client's preference by q-value,
// brotli on a tie (gzip for a small whole answer), nothing when neither brotli nor gzip
// is acceptable; and what the middleware makes of a body: a large one and a small one at
// the fastest setting, a streamed one piece by piece, a source stopped when the client
// goes away.
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import http from 'node:http';
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { chooseEncoding, compress, LARGE_PIECE } from '../../server/http/compression.ts';

describe('chooseEncoding', () => {
  it.each([
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip, deflate', 'gzip'],
    ['br', 'br'],
    ['BR', 'br'],
    ['gzip;q=1.0, br;q=0.8', 'gzip'],
    ['br;q=0.5, gzip', 'gzip'],
    ['br;q=0.9, gzip;q=0.9', 'br'],
    ['*', 'br'],
    ['*;q=0.5, br;q=0', 'gzip'],
    ['gzip;q=0, br;q=0', null],
    ['identity', null],
    ['deflate, zstd', null],
    ['', null],
    [undefined, null],
    ['br;q=abc, gzip', 'gzip'],
  ] as const)('%s → %s', (header, expected) => {
    expect(chooseEncoding(header)).toBe(expected);
  });

  it('settles a tie as asked, never against the client\'s preference', () => {
    expect(chooseEncoding('gzip, deflate, br, zstd', 'gzip')).toBe('gzip');
    expect(chooseEncoding('*', 'gzip')).toBe('gzip');
    expect(chooseEncoding('br;q=1, gzip;q=0.5', 'gzip')).toBe('br');
    expect(chooseEncoding('br', 'gzip')).toBe('br');
  });
});

/** JSON like a national balance: ids and Dutch sentences, `n` rows. */
const rows = (n: number) => Array.from({ length: n }, (_, i) => ({
  id: i, tekst: `Transformatie ${i} lag op ${1 + (i % 28)} maart ter inzage, maar ${i % 7},${i % 10} ha is niet geregeld.`, ids: [i, i * 3, i * 7],
}));

describe('compress', () => {
  const app = new Hono();
  app.use('*', compress);
  app.get('/klein', (c) => c.json(rows(500)));
  app.get('/groot', (c) => c.json(rows(20_000)));

  it('compresses a large answer at the fast setting, decoding to the same JSON', async () => {
    const body = JSON.stringify(rows(20_000));
    expect(Buffer.byteLength(body)).toBeGreaterThan(LARGE_PIECE);
    const br = await app.request('/groot', { headers: { 'accept-encoding': 'br' } });
    const sent = Buffer.from(await br.arrayBuffer());
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(brotliDecompressSync(sent).toString()).toBe(body);
    // Brotli is deterministic: the bytes are those of quality 1, not of quality 4.
    expect(sent.equals(brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 1 } }))).toBe(true);
    const gz = await app.request('/groot', { headers: { 'accept-encoding': 'gzip' } });
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(body);
  });

  it('compresses a small answer whole at the fastest setting, gzip where the client takes both, with its length', async () => {
    const body = JSON.stringify(rows(500));
    const browser = await app.request('/klein', { headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } });
    const gz = Buffer.from(await browser.arrayBuffer());
    expect(browser.headers.get('content-encoding')).toBe('gzip');
    // Deterministic: the bytes of gzip level 1, not of the default level.
    expect(gz.equals(gzipSync(body, { level: 1 }))).toBe(true);
    expect(gz.equals(gzipSync(body))).toBe(false);
    expect(browser.headers.get('content-length')).toBe(String(gz.length));

    // A client that prefers brotli, or takes only brotli, gets brotli's fastest quality.
    for (const accept of ['br', 'gzip;q=0.5, br']) {
      const res = await app.request('/klein', { headers: { 'accept-encoding': accept } });
      const sent = Buffer.from(await res.arrayBuffer());
      expect(res.headers.get('content-encoding'), accept).toBe('br');
      expect(brotliDecompressSync(sent).toString()).toBe(body);
      expect(sent.length, accept).toBeLessThan(body.length / 4);
      expect(sent.equals(brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }))).toBe(false);
      expect(res.headers.get('content-length')).toBe(String(sent.length));
    }
  });

  it('sends a tiny answer as it is', async () => {
    const tiny = new Hono();
    tiny.use('*', compress);
    tiny.get('/mini', (c) => c.json({ ok: true }));
    const res = await tiny.request('/mini', { headers: { 'accept-encoding': 'br, gzip' } });
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(await res.json()).toEqual({ ok: true });
  });

  it('passes a streamed answer through piece by piece and stops its source when the client goes away', async () => {
    let pulled = 0;
    let cancelled = false;
    const streamed = new Hono();
    streamed.use('*', compress);
    streamed.get('/stroom', () => new Response(new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new TextEncoder().encode(JSON.stringify(rows(50)) + '\n'));
      },
      cancel() {
        cancelled = true;
      },
    }, { highWaterMark: 0 }), { headers: { 'content-type': 'application/json' } }));
    const res = await streamed.request('/stroom', { headers: { 'accept-encoding': 'gzip' } });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    await reader.cancel();
    await expect.poll(() => cancelled, { timeout: 5000 }).toBe(true);
    // An endless source: only what the compressor asked for was made.
    expect(pulled).toBeLessThan(1000);
  });
});

/** One GET over real HTTP: the status, headers and the bytes as sent. */
const over = (port: number, pad: string, accept: string) => new Promise<{ headers: http.IncomingHttpHeaders; sent: Buffer }>((resolve, reject) => {
  http.get({ host: '127.0.0.1', port, path: pad, headers: { 'accept-encoding': accept } }, (res) => {
    const chunks: Buffer[] = [];
    res.on('data', (d: Buffer) => chunks.push(d));
    res.on('end', () => resolve({ headers: res.headers, sent: Buffer.concat(chunks) }));
  }).on('error', reject);
});

describe('compress behind @hono/node-server (the body as the answer was made, no web stream)', () => {
  it('sends JSON, text and bytes compressed, decoding to what the route made, and a tiny answer as it is', async () => {
    const app = new Hono();
    app.use('*', compress);
    const bytes = Buffer.from(JSON.stringify(rows(300)));
    app.get('/json', (c) => c.json(rows(500)));
    app.get('/tekst', (c) => c.text('Kavel ë '.repeat(500)));
    app.get('/bytes', (c) => c.body(new Uint8Array(bytes), 200, { 'content-type': 'application/json' }));
    app.get('/mini', (c) => c.json({ ok: 'één' }));
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    const port = (server.address() as { port: number }).port;
    try {
      const cases = [['/json', JSON.stringify(rows(500))], ['/tekst', 'Kavel ë '.repeat(500)], ['/bytes', bytes.toString()]] as const;
      for (const [pad, body] of cases) {
        const gz = await over(port, pad, 'gzip, deflate, br');
        expect(gz.headers['content-encoding'], pad).toBe('gzip');
        expect(gunzipSync(gz.sent).toString(), pad).toBe(body);
        expect(gz.headers['content-length'], pad).toBe(String(gz.sent.length));
        const br = await over(port, pad, 'br');
        expect(br.headers['content-encoding'], pad).toBe('br');
        expect(brotliDecompressSync(br.sent).toString(), pad).toBe(body);
      }
      const mini = await over(port, '/mini', 'br, gzip');
      expect(mini.headers['content-encoding']).toBeUndefined();
      expect(JSON.parse(mini.sent.toString())).toEqual({ ok: 'één' });
    } finally {
      server.close();
    }
  });
});
