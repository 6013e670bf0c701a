// Which encoding an Accept-Encoding header gets: the client's preference by q-value,
// brotli on a tie, nothing when neither brotli nor gzip is acceptable; and what the
// middleware makes of a body: a large one at the fast setting, a streamed one piece by
// piece, a source stopped when the client goes away.
import { Hono } from 'hono';
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync } from 'node:zlib';
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

  it('compresses a small answer whole at the better setting, with its length', async () => {
    const body = JSON.stringify(rows(500));
    const res = await app.request('/klein', { headers: { 'accept-encoding': 'br' } });
    const sent = Buffer.from(await res.arrayBuffer());
    expect(sent.equals(brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }))).toBe(true);
    expect(res.headers.get('content-length')).toBe(String(sent.length));
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
