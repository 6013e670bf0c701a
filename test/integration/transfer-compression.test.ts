// Small transfers: every API answer and static file goes out compressed (brotli or
// gzip, as the client asks) and decodes to exactly the same body; hashed assets are
// cached for good and index.html is revalidated; the basemap's PMTiles still answers
// HTTP Range requests byte for byte, never compressed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { createApp } from '../../server/app.ts';
import { testApp, testDatabase } from '../support/api.ts';

const db = testDatabase();
const api = testApp(db);
afterAll(() => db.close());

// A small build of its own, precompressed as `vite build` does (the real build is
// checked by the browser test test/e2e/transfer-cache.test.ts).
const webDir = mkdtempSync(path.join(tmpdir(), 'transfer-web-'));
const ASSET = '/assets/index-Ab12Cd34.js';
const assetBody = Buffer.from(Array.from({ length: 800 }, (_, i) => `export const kavel${i} = { naam: 'Kavel ${i}', ha: ${i / 10} };\n`).join(''));
const INDEX = '<!doctype html><html lang="nl"><script type="module" src="/assets/index-Ab12Cd34.js"></script><div id="root"></div></html>';
beforeAll(() => {
  mkdirSync(path.join(webDir, 'assets'));
  writeFileSync(path.join(webDir, 'index.html'), INDEX);
  writeFileSync(path.join(webDir, ASSET), assetBody);
  writeFileSync(path.join(webDir, `${ASSET}.br`), brotliCompressSync(assetBody));
  writeFileSync(path.join(webDir, `${ASSET}.gz`), gzipSync(assetBody));
});
afterAll(() => rmSync(webDir, { recursive: true, force: true }));
const site = createApp({ db, webDir });

const PMTILES = path.join(import.meta.dirname, '../../geodata/basemap_leiden_osm_2021.pmtiles');

async function raw(app: { request: (url: string, init?: RequestInit) => Response | Promise<Response> }, url: string, headers: Record<string, string>) {
  const res = await app.request(url, { headers });
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

const decode = (encoding: string | null, bytes: Buffer) =>
  encoding === 'br' ? brotliDecompressSync(bytes) : encoding === 'gzip' ? gunzipSync(bytes) : bytes;

describe('API answers', () => {
  it('come compressed as the client prefers and decode to the same JSON', async () => {
    const { cookie } = await api.as('regisseur');
    const plain = await raw(api.app, '/api/kavels', { cookie });
    expect(plain.res.headers.get('content-encoding')).toBeNull();
    expect(plain.res.headers.get('vary')).toMatch(/accept-encoding/i);
    const json = JSON.parse(plain.bytes.toString('utf8'));
    expect(json.features.length).toBeGreaterThan(100);

    for (const [accept, expected] of [
      ['gzip, deflate, br, zstd', 'br'],
      ['gzip', 'gzip'],
      ['br;q=0.5, gzip', 'gzip'],
      ['*', 'br'],
    ] as const) {
      const { res, bytes } = await raw(api.app, '/api/kavels', { cookie, 'accept-encoding': accept });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-encoding'), accept).toBe(expected);
      expect(res.headers.get('content-length')).toBeNull();
      expect(res.headers.get('vary')).toMatch(/accept-encoding/i);
      expect(bytes.length, `${accept}: at most a fifth of ${plain.bytes.length} bytes`).toBeLessThan(plain.bytes.length / 5);
      expect(JSON.parse(decode(expected, bytes).toString('utf8'))).toEqual(json);
    }
    const identity = await raw(api.app, '/api/kavels', { cookie, 'accept-encoding': 'identity, br;q=0' });
    expect(identity.res.headers.get('content-encoding')).toBeNull();
    expect(identity.bytes.equals(plain.bytes)).toBe(true);
  });

  it('compresses a CSV export but leaves a zipped format alone', async () => {
    const { cookie } = await api.as('stuurgroep');
    const plain = await raw(api.app, '/api/export/lagen/terreinen?formaat=csv', { cookie });
    const br = await raw(api.app, '/api/export/lagen/terreinen?formaat=csv', { cookie, 'accept-encoding': 'br' });
    expect(br.res.headers.get('content-encoding')).toBe('br');
    expect(decode('br', br.bytes).equals(plain.bytes)).toBe(true);
    const gpkg = await raw(api.app, '/api/export/lagen/terreinen?formaat=gpkg', { cookie, 'accept-encoding': 'br, gzip' });
    expect(gpkg.res.status).toBe(200);
    expect(gpkg.res.headers.get('content-encoding')).toBeNull();
    expect(gpkg.bytes.subarray(0, 15).toString('latin1')).toBe('SQLite format 3');
  });
});

describe('the web app', () => {
  it('sends a hashed asset precompressed, cached for a year, decoding to the file', async () => {
    for (const [accept, encoding] of [['gzip, deflate, br, zstd', 'br'], ['gzip', 'gzip'], ['', null]] as const) {
      const { res, bytes } = await raw(site, ASSET, accept ? { 'accept-encoding': accept } : {});
      expect(res.status).toBe(200);
      expect(res.headers.get('content-encoding'), accept).toBe(encoding);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(res.headers.get('vary')).toMatch(/accept-encoding/i);
      expect(res.headers.get('content-type')).toMatch(/javascript/);
      expect(decode(encoding, bytes).equals(assetBody)).toBe(true);
      if (encoding) expect(bytes.length).toBeLessThan(assetBody.length / 5);
    }
  });

  it('has index.html revalidated on every visit, and answers 304 when it is unchanged', async () => {
    for (const url of ['/', '/index.html', '/kaart/ergens']) {
      const { res, bytes } = await raw(site, url, { 'accept-encoding': 'br' });
      expect(res.status, url).toBe(200);
      expect(res.headers.get('cache-control'), url).toBe('no-cache');
      expect(bytes.toString('utf8')).toBe(INDEX);
      const again = await raw(site, url, { 'if-modified-since': res.headers.get('last-modified')! });
      expect(again.res.status, url).toBe(304);
      expect(again.bytes.length).toBe(0);
    }
    const older = await raw(site, '/', { 'if-modified-since': 'Thu, 01 Jan 2015 00:00:00 GMT' });
    expect(older.res.status).toBe(200);
  });
});

describe('the basemap', () => {
  const file = readFileSync(PMTILES);
  const url = '/basemap/basemap_leiden_osm_2021.pmtiles';

  it('answers Range requests with exactly the requested bytes, never compressed', async () => {
    for (const [range, start, end] of [
      ['bytes=0-126', 0, 126],
      ['bytes=16384-81919', 16384, 81919],
      [`bytes=-500`, file.length - 500, file.length - 1],
      [`bytes=${file.length - 10}-`, file.length - 10, file.length - 1],
    ] as const) {
      const { res, bytes } = await raw(site, url, { range, 'accept-encoding': 'gzip, deflate, br, zstd' });
      expect(res.status, range).toBe(206);
      expect(res.headers.get('content-encoding'), range).toBeNull();
      expect(res.headers.get('content-range')).toBe(`bytes ${start}-${end}/${file.length}`);
      expect(Number(res.headers.get('content-length'))).toBe(end - start + 1);
      expect(bytes.equals(file.subarray(start, end + 1)), range).toBe(true);
    }
    const beyond = await raw(site, url, { range: `bytes=${file.length + 10}-` });
    expect(beyond.res.status).toBe(416);
  });

  it('is cached for a day and revalidated cheaply, also for a range', async () => {
    const first = await raw(site, url, { range: 'bytes=0-126' });
    expect(first.res.headers.get('cache-control')).toBe('public, max-age=86400');
    const again = await raw(site, url, { range: 'bytes=0-126', 'if-modified-since': first.res.headers.get('last-modified')! });
    expect(again.res.status).toBe(304);
    const style = await raw(site, '/basemap/style.json', { 'accept-encoding': 'br' });
    expect(style.res.status).toBe(200);
    expect(JSON.parse(decode(style.res.headers.get('content-encoding'), style.bytes).toString('utf8')).layers.length).toBeGreaterThan(0);
  });
});
