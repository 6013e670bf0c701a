// OGC API – Features at /ogc (issue #14), tested with GDAL's OAPIF driver (Debian
// gdal-bin) against the app on a free port: collections and features with a spatial
// filter in RD New with a personal token, refused without one; the link types QGIS
// needs; Part 2 CRS; and no company data through /ogc, for any role.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { serve, type ServerType } from '@hono/node-server';
import { testApp, testDatabase } from '../support/api.ts';
import { rememberIds } from '../support/editor-fixture.ts';

const run = promisify(execFile);
const db = testDatabase();
const api = testApp(db);
let server: ServerType;
let base: string;
let restore: () => Promise<void>;
const tokens: Record<string, string> = {};
const GEHEIM = 'Geheime Zittende Onderneming Één BV';
const RD = 'http://www.opengis.net/def/crs/EPSG/0/28992';

beforeAll(async () => {
  restore = (await rememberIds(db)).restore;
  server = serve({ fetch: api.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ogc`;
  for (const who of ['regisseur', 'stuurgroep', 'werkgroep_leiden'] as const) {
    const r = await (await api.as(who)).send('POST', '/api/toegangstokens', { naam: `QGIS ${who}` });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    tokens[who] = r.body.token;
  }
  // A transformatie with a sitting company: its name is confidential.
  const t = (await db.pool.query(`SELECT id FROM transformatie ORDER BY id LIMIT 1`)).rows[0].id;
  await db.pool.query(`UPDATE transformatie SET zittende_bedrijven = $2::jsonb WHERE id = $1`,
    [t, JSON.stringify([{ naam: GEHEIM, gebruikspositie: 'eigenaar' }])]);
});
afterAll(async () => {
  await db.pool.query(`UPDATE transformatie SET zittende_bedrijven = '[]'::jsonb WHERE zittende_bedrijven::text LIKE '%Geheime Zittende%'`);
  await restore();
  await new Promise((r) => server.close(r));
  await db.close();
});

const bearer = (who: string) => ({ GDAL_HTTP_HEADERS: `Authorization: Bearer ${tokens[who]}` });
const basic = (who: string) => ({ GDAL_HTTP_AUTH: 'BASIC', GDAL_HTTP_USERPWD: `qgis:${tokens[who]}` });

async function gdal(cmd: 'ogrinfo' | 'ogr2ogr', args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(cmd, args, { env: { ...process.env, ...env, GDAL_HTTP_TIMEOUT: '30' }, maxBuffer: 50 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const get = (path: string, token?: string) => fetch(`${base}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

describe('GDAL OAPIF driver', () => {
  it('lists the collections with a token in HTTP basic auth (as QGIS sends it)', async () => {
    const r = await gdal('ogrinfo', ['-ro', '-q', `OAPIF:${base}`], basic('regisseur'));
    expect(r.code, r.stderr).toBe(0);
    for (const c of ['gemeenten', 'terreinen', 'kavels', 'kanszones', 'transformaties', 'compensaties']) expect(r.stdout).toContain(c);
  });

  it('reads the kavels in an RD New box with a bearer token, and only those', async () => {
    const { rows } = await db.pool.query(
      `SELECT id, naam, ST_X(p) AS x, ST_Y(p) AS y FROM (SELECT id, naam, ST_PointOnSurface(geom) AS p FROM kavel ORDER BY id LIMIT 1) k`);
    const k = rows[0];
    const r = await gdal('ogr2ogr', ['-f', 'GeoJSON', '/vsistdout/', `OAPIF:${base}`, 'kavels',
      '-spat', String(k.x - 1), String(k.y - 1), String(k.x + 1), String(k.y + 1), '-spat_srs', 'EPSG:28992', '-t_srs', 'EPSG:28992'], bearer('stuurgroep'));
    expect(r.code, r.stderr).toBe(0);
    const fc = JSON.parse(r.stdout);
    const { rows: erbij } = await db.pool.query(
      `SELECT count(*)::int AS n FROM kavel WHERE ST_Intersects(geom, ST_Transform(ST_Transform(ST_MakeEnvelope($1, $2, $3, $4, 28992), 4326), 28992))`,
      [k.x - 1, k.y - 1, k.x + 1, k.y + 1]);
    expect(fc.features.length).toBe(erbij[0].n);
    expect(fc.features.map((f: any) => f.properties.naam)).toContain(k.naam);
    const [x, y] = fc.features[0].geometry.coordinates[0][0][0];
    expect(x).toBeGreaterThan(50_000);
    expect(y).toBeGreaterThan(400_000);
  });

  it('is refused without a token, and with a revoked one', async () => {
    const r = await gdal('ogrinfo', ['-ro', '-q', `OAPIF:${base}`]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/401/);
    const regisseur = await api.as('regisseur');
    const nieuw = await regisseur.send('POST', '/api/toegangstokens', { naam: 'weg' });
    expect((await get('/collections', nieuw.body.token)).status).toBe(200);
    expect((await regisseur.send('DELETE', `/api/toegangstokens/${nieuw.body.id}`)).status).toBe(200);
    const weg = await get('/collections', nieuw.body.token);
    expect(weg.status).toBe(401);
    expect((await weg.json()).error.code).toBe('token_ongeldig');
    const zonder = await get('/');
    expect(zonder.status).toBe(401);
    expect(zonder.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
    expect((await zonder.json()).error.message).toMatch(/toegangstoken/);
  });

  it('gives a stuurgroep token no company data, and no role gets confidential data through /ogc', async () => {
    for (const who of ['stuurgroep', 'regisseur', 'werkgroep_leiden']) {
      const r = await gdal('ogr2ogr', ['-f', 'GeoJSON', '/vsistdout/', `OAPIF:${base}`, 'transformaties'], bearer(who));
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.includes(GEHEIM), who).toBe(false);
      expect(r.stdout.includes('Zittende Onderneming'), who).toBe(false);
      expect(r.stdout.includes('zittende_bedrijven'), who).toBe(false);
      // The count of sitting owners is not confidential and shows that the record is the one with a company.
      expect(JSON.parse(r.stdout).features.some((f: any) => f.properties.zittende_eigenaren === 1), who).toBe(true);
    }
  });
});

describe('what QGIS needs', () => {
  it('links the landing page with exactly the types QGIS checks', async () => {
    const res = await get('', tokens.regisseur);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const links = (await res.json()).links as { rel: string; type: string; href: string }[];
    expect(links.find((l) => l.rel === 'service-desc')).toMatchObject({ type: 'application/vnd.oai.openapi+json;version=3.0', href: `${base}/api` });
    expect(links.find((l) => l.rel === 'data')).toMatchObject({ type: 'application/json', href: `${base}/collections` });
    expect(links.find((l) => l.rel === 'conformance')).toMatchObject({ type: 'application/json' });
  });

  it('serves OpenAPI 3.0 with the limit parameter QGIS reads the page size from', async () => {
    const res = await get('/api', tokens.regisseur);
    expect(res.headers.get('content-type')).toBe('application/vnd.oai.openapi+json;version=3.0');
    const doc = await res.json();
    expect(doc.openapi).toMatch(/^3\.0/);
    expect(doc.components.parameters.limit.schema).toEqual({ type: 'integer', minimum: 1, maximum: 10_000, default: 1000 });
    expect(doc.paths['/collections/{collectionId}/items'].get.parameters).toContainEqual({ $ref: '#/components/parameters/limit' });
    const conf = await (await get('/conformance', tokens.regisseur)).json();
    expect(conf.conformsTo).toEqual(expect.arrayContaining([
      'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core', 'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
      'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson', 'http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs',
    ]));
  });

  it('pages with next links typed application/geo+json, numberMatched and Content-Crs; CRS by reference', async () => {
    const col = await (await get('/collections/kavels', tokens.stuurgroep)).json();
    expect(col).toMatchObject({ crs: ['http://www.opengis.net/def/crs/OGC/1.3/CRS84', RD], storageCrs: RD, itemType: 'feature' });
    const res = await get('/collections/kavels/items?limit=2', tokens.stuurgroep);
    expect(res.headers.get('content-type')).toBe('application/geo+json');
    expect(res.headers.get('content-crs')).toBe('<http://www.opengis.net/def/crs/OGC/1.3/CRS84>');
    const page = await res.json();
    const total = (await db.pool.query(`SELECT count(*)::int AS n FROM kavel`)).rows[0].n;
    expect(page).toMatchObject({ numberMatched: total, numberReturned: 2 });
    const next = page.links.find((l: any) => l.rel === 'next');
    expect(next.type).toBe('application/geo+json');
    const page2 = await (await fetch(next.href, { headers: { authorization: `Bearer ${tokens.stuurgroep}` } })).json();
    expect(page2.features.map((f: any) => f.id)).not.toContain(page.features[0].id);

    const rd = await get(`/collections/kavels/items?limit=5&crs=${encodeURIComponent(RD)}&bbox-crs=${encodeURIComponent(RD)}&bbox=80000,455000,100000,475000`, tokens.stuurgroep);
    expect(rd.headers.get('content-crs')).toBe(`<${RD}>`);
    const rdPage = await rd.json();
    const [x, y] = rdPage.features[0].geometry.coordinates[0][0][0];
    expect(x).toBeGreaterThan(80_000);
    expect(y).toBeGreaterThan(455_000);
    const one = await get(`/collections/kavels/items/${rdPage.features[0].id}?crs=${encodeURIComponent(RD)}`, tokens.stuurgroep);
    expect(one.status).toBe(200);
    expect((await one.json()).geometry.coordinates[0][0][0]).toEqual([x, y]);
    expect((await get('/collections/kavels/items?crs=EPSG:3857', tokens.stuurgroep)).status).toBe(400);
    expect((await get('/collections/kavels/items/99999999', tokens.stuurgroep)).status).toBe(404);
    expect((await get('/collections/bedrijven/items', tokens.stuurgroep)).status).toBe(400);
  });

  it('keeps tokens hashed, shows each user only their own, and lets them revoke', async () => {
    const { rows } = await db.pool.query(`SELECT token_hash, voorvoegsel FROM toegangstoken`);
    for (const t of Object.values(tokens)) {
      expect(rows.some((r) => r.token_hash === t || r.token_hash.includes(t))).toBe(false);
      expect(rows.some((r) => t.startsWith(r.voorvoegsel))).toBe(true);
    }
    const lijst = (await (await api.as('stuurgroep')).get('/api/toegangstokens')).body;
    expect(lijst.map((t: any) => t.naam)).toEqual(['QGIS stuurgroep']);
    expect(JSON.stringify(lijst)).not.toContain(tokens.stuurgroep);
    const ander = await (await api.as('stuurgroep')).send('DELETE', `/api/toegangstokens/${(await (await api.as('regisseur')).get('/api/toegangstokens')).body[0].id}`);
    expect(ander.status).toBe(404);
  });
});
