// Vector tiles of the map layers (issue 15), on the database of the run: ST_AsMVT on
// PostgreSQL, the geojson-vt index in a worker on the embedded database. Tiles carry
// the same features as the GeoJSON API (ids, attributes, hectares), change with every
// write (a new layer version and ETag), and never carry a confidential attribute.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bboxPolygon, booleanIntersects, booleanPointInPolygon, pointOnFeature } from '@turf/turf';
import type { Feature, MultiPolygon, Point, Polygon } from 'geojson';
import { testApp, testDatabase, type Client } from '../support/api.ts';
import { createFeature, findEmptySpot, rdBox, rememberIds, type Spot } from '../support/editor-fixture.ts';
import { decodeTile, getTile, type DecodedTile } from '../support/tiles.ts';
import { tileAt, tileBounds, tilesCovering, type TileCoord } from '../../server/domain/tiles.ts';
import { LAYER_PATHS, layers } from '../../server/layers/definitions.ts';
import { stopIndexThread } from '../../server/tiles/index-thread.ts';
import { tileAttributes, type TileLayer } from '../../server/tiles/attributes.ts';
import { createAccount } from '../../server/accounts/service.ts';
import { inTransaction } from '../../server/db/database.ts';
import type { PoolClient } from 'pg';
import { setSecondFactor } from '../../server/auth/service.ts';
import { hashToken, SESSION_COOKIE } from '../../server/auth/sessions.ts';
import { tileForSession } from '../../server/tiles/queries.ts';
import { newTotpSecret } from '../../server/auth/totp.ts';

const db = testDatabase();
const api = testApp(db);
const request = (url: string, init?: RequestInit) => api.app.request(url, init);

/** The attributes the server declares for a layer's tiles (the same for every role today). */
const declared = (layer: string) => Object.keys(tileAttributes(layer as TileLayer, 'regisseur').columns);
const LABELLED = ['gemeenten', 'terreinen'];
/** The six gemeenten around Leiden (web/map/region.ts). */
const REGION: [number, number, number, number] = [4.35, 52.08, 4.6, 52.25];

type ApiFeature = Feature<Polygon | MultiPolygon, Record<string, unknown>> & { id: number };

let cleanup: Awaited<ReturnType<typeof rememberIds>>;
let spot: Spot;
beforeAll(async () => {
  cleanup = await rememberIds(db);
  spot = await findEmptySpot(db);
});
afterAll(async () => {
  await cleanup.restore();
  await stopIndexThread();
  await db.close();
});

const path = (layer: string, { z, x, y }: TileCoord) => `/tiles/${layer}/${z}/${x}/${y}.pbf`;
async function tile(client: Client, layer: string, coord: TileCoord, headers: Record<string, string> = {}) {
  const reply = await getTile(request, client.cookie, path(layer, coord), headers);
  return { ...reply, decoded: reply.status === 200 ? decodeTile(reply.bytes, coord) : ({} as DecodedTile) };
}
async function tileJson(client: Client, layer: string) {
  const reply = await getTile(request, client.cookie, `/tiles/${layer}.json`);
  expect(reply.status).toBe(200);
  return JSON.parse(new TextDecoder().decode(reply.bytes)) as { versie: number; aantal: number; tiles: string[]; minzoom: number; maxzoom: number; vector_layers: { id: string }[] };
}
async function versions(client: Client): Promise<Record<string, number>> {
  return Object.fromEntries(await Promise.all(LAYER_PATHS.map(async (l) => [l, (await tileJson(client, l)).versie])));
}

/** A tile box widened (or narrowed, negative) by `units` of the 4096 of a tile. */
function box(coord: TileCoord, units: number) {
  const [w, s, e, n] = tileBounds(coord);
  const dx = ((e - w) * units) / 4096;
  const dy = ((n - s) * units) / 4096;
  return bboxPolygon([w - dx, s - dy, e + dx, n + dy]);
}

describe('tiles against the GeoJSON API', () => {
  it('carry the same features, ids, attributes and hectares as GET /api/<layer> in every tile of the region at zoom 13', async () => {
    const reg = await api.as('regisseur');
    for (const layer of LAYER_PATHS) {
      // Compare one version of the layer: should another write land meanwhile, compare again.
      for (let attempt = 0; ; attempt++) {
        const before = (await versions(reg))[layer];
        const all = (await reg.get(`/api/${layer}`)).body.features as ApiFeature[];
        const byId = new Map(all.map((f) => [f.id, f]));
        const tiles = await Promise.all(tilesCovering(REGION, 13).map(async (coord) => ({ coord, t: await tile(reg, layer, coord) })));
        if ((await versions(reg))[layer] !== before && attempt < 3) continue;
        let seen = 0;
        for (const { coord, t } of tiles) {
          expect(t.status).toBe(200);
          const features = t.decoded[layer] ?? [];
          const ids = new Set(features.map((f) => f.id));
          // Everything that really lies in the tile is in it …
          const inner = box(coord, -1);
          for (const f of all) if (booleanIntersects(f, inner)) expect(ids.has(f.id), `${layer} ${f.id} missing in tile ${path(layer, coord)}`).toBe(true);
          // … and nothing from beyond the tile's buffer.
          const outer = box(coord, 64 + 4);
          for (const f of features) {
            const source = byId.get(f.id!);
            expect(source, `${layer} ${f.id} in tile ${path(layer, coord)} but not in the API`).toBeDefined();
            expect(booleanIntersects(source!, outer)).toBe(true);
            // Exactly the declared attributes, with the API's values (absent in the tile = null).
            expect(Object.keys(f.properties).every((k) => declared(layer).includes(k)), JSON.stringify(f.properties)).toBe(true);
            for (const k of declared(layer)) {
              const value = f.properties[k] ?? null;
              if (k === 'oppervlakte_ha') expect(value as number).toBeCloseTo(source!.properties.oppervlakte_ha as number, 9);
              else expect(value, `${layer} ${f.id}.${k}`).toEqual(source!.properties[k] ?? null);
            }
            seen++;
          }
          if (LABELLED.includes(layer)) {
            for (const label of t.decoded[`${layer}_label`] ?? []) {
              const source = byId.get(label.id!);
              expect(source).toBeDefined();
              expect(label.properties.naam ?? null).toEqual(source!.properties.naam ?? null);
              // The label point lies inside its polygon (and within the tile's buffer).
              expect(booleanPointInPolygon(label.geojson as Feature<Point>, source!)).toBe(true);
              expect(booleanPointInPolygon(label.geojson as Feature<Point>, outer)).toBe(true);
            }
          }
        }
        // The region has features of every layer in its tiles.
        expect(seen, layer).toBeGreaterThan(0);
        break;
      }
    }
  });

  it('give each gemeente and terrein of the region one label point, inside its polygon', async () => {
    const reg = await api.as('regisseur');
    for (const layer of LABELLED) {
      const all = (await reg.get(`/api/${layer}`)).body.features as ApiFeature[];
      const inRegion = all.filter((f) => booleanIntersects(f, bboxPolygon(REGION)));
      const labelled = new Map<number, Feature<Point>>();
      for (const coord of tilesCovering(REGION, 11)) {
        const t = await tile(reg, layer, coord);
        const [w, s, e, n] = tileBounds(coord);
        for (const l of t.decoded[`${layer}_label`] ?? []) {
          const [lon, lat] = (l.geojson.geometry as Point).coordinates;
          // Points in the buffer belong to the neighbour tile.
          if (lon >= w && lon < e && lat > s && lat <= n) labelled.set(l.id!, l.geojson as Feature<Point>);
        }
      }
      for (const f of inRegion.filter((x) => booleanPointInPolygon(pointOnFeature(x), bboxPolygon(REGION)))) {
        expect(labelled.has(f.id), `${layer} ${f.id} has no label point`).toBe(true);
      }
    }
  });
});

describe('versions and ETags', () => {
  it('changes the layer version with a write, and the next tile shows the write under a new ETag', async () => {
    const reg = await api.as('regisseur');
    const wg = await api.as(spot.gemeente === 'Leiden' ? 'werkgroep_leiden' : 'werkgroep_katwijk');
    const terrein = await createFeature(reg, 'terreinen', await rdBox(db, spot, -300, -300, 300, 300), { naam: 'Tegelterrein' });
    const kavel = await createFeature(reg, 'kavels', await rdBox(db, spot, -100, -100, 100, 100),
      { naam: 'Tegelkavel', terrein_id: terrein.id, milieucategorie_max: '3.1', status: 'beschikbaar' });
    const [lon, lat] = pointOnFeature(kavel).geometry.coordinates;
    const coord = tileAt(lon, lat, 15);

    const first = await tile(wg, 'kavels', coord);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    const mine = () => first.decoded.kavels.find((f) => f.id === kavel.id);
    expect(mine()?.properties).toMatchObject({ naam: 'Tegelkavel', milieucategorie_max: '3.1', status: 'beschikbaar' });
    // Unchanged: 304 without a body.
    const again = await tile(wg, 'kavels', coord, { 'If-None-Match': first.etag! });
    expect(again.status).toBe(304);
    expect(again.bytes.byteLength).toBe(0);

    const before = await versions(wg);
    const saved = await wg.send('PATCH', `/api/kavels/${kavel.id}`, { version: kavel.properties.version, properties: { milieucategorie_max: '4.2', naam: 'Tegelkavel nieuw' } });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const after = await versions(wg);
    expect(after.kavels).toBeGreaterThan(before.kavels);

    // The writer's next request for the same tile, with the old ETag, gets the new tile.
    const next = await tile(wg, 'kavels', coord, { 'If-None-Match': first.etag! });
    expect(next.status).toBe(200);
    expect(next.etag).not.toBe(first.etag);
    expect(next.decoded.kavels.find((f) => f.id === kavel.id)?.properties).toMatchObject({ naam: 'Tegelkavel nieuw', milieucategorie_max: '4.2' });
    expect((await tile(wg, 'kavels', coord, { 'If-None-Match': next.etag! })).status).toBe(304);

    // A deleted kavel is gone from the next tile.
    const gone = await wg.send('DELETE', `/api/kavels/${kavel.id}?version=${saved.body.properties.version}`);
    expect(gone.status, JSON.stringify(gone.body)).toBe(200);
    const last = await tile(wg, 'kavels', coord, { 'If-None-Match': next.etag! });
    expect(last.status).toBe(200);
    expect((last.decoded.kavels ?? []).some((f) => f.id === kavel.id)).toBe(false);
  });

  it('raises a layer version once per transaction, however many statements write to the layer', async () => {
    // One raise per statement updated the same row again and again: in one transaction
    // each update walks every row version before it, so an import of n kavels took O(n²).
    const versie = async () => Number((await db.pool.query(`SELECT versie FROM laag_versie WHERE laag = 'kanszones'`)).rows[0].versie);
    const writes = async (client: PoolClient) => {
      for (let i = 0; i < 3; i++) await client.query(`UPDATE kanszone SET naam = naam WHERE id < 0`);
    };
    const before = await versie();
    await inTransaction(db.pool, writes);
    expect(await versie()).toBe(before + 1);
    await inTransaction(db.pool, writes);
    expect(await versie()).toBe(before + 2);
  });

  it('carries a name outside the Basic Multilingual Plane exactly as the API gives it', async () => {
    // pbf 5.1.2 writes some astral characters wrongly (U+E0FFF became U+D0FFF, U+20000 U+10000);
    // the embedded database encodes tiles with it, PostgreSQL's ST_AsMVT does not.
    const reg = await api.as('regisseur');
    const naam = 'Kanszone \u{20000}\u{2A6D6} \u{E0FFF} \u{1F3ED} 𝔏eiden';
    const zone = await createFeature(reg, 'kanszones', await rdBox(db, spot, 400, 400, 600, 600), { naam });
    const [lon, lat] = pointOnFeature(zone).geometry.coordinates;
    const found = (await tile(reg, 'kanszones', tileAt(lon, lat, 14))).decoded.kanszones?.find((f) => f.id === zone.id);
    expect(found?.properties.naam).toBe(naam);
    expect(zone.properties.naam).toBe(naam);
  });

  it('describes each layer as TileJSON with its feature count and the tile URL of the current version', async () => {
    const sg = await api.as('stuurgroep');
    const tables = { gemeenten: 'gemeente', terreinen: 'terrein', kavels: 'kavel', kanszones: 'kanszone', transformaties: 'transformatie', compensaties: 'compensatie' };
    for (const layer of LAYER_PATHS) {
      const info = await tileJson(sg, layer);
      const { rows } = await db.pool.query(`SELECT count(*)::int AS n FROM ${tables[layer]}`);
      expect(info.aantal).toBe(rows[0].n);
      expect(info.tiles).toEqual([`/tiles/${layer}/{z}/{x}/{y}.pbf?v=${info.versie}`]);
      expect(info.vector_layers.map((v) => v.id)).toEqual(LABELLED.includes(layer) ? [layer, `${layer}_label`] : [layer]);
      expect(info.maxzoom).toBe(15);
    }
    expect((await getTile(request, sg.cookie, '/tiles/onbekend.json')).status).toBe(404);
  });
});

describe('confidentiality', () => {
  it('never puts a company on a transformation area into a tile, in any tile of the region the stuurgroep can fetch', async () => {
    const reg = await api.as('regisseur');
    const geheim = 'Geheimhouding Tegels BV';
    await createFeature(reg, 'terreinen', await rdBox(db, spot, 350, 350, 750, 700), { naam: 'Terrein met geheimen' });
    const t = await createFeature(reg, 'transformaties', await rdBox(db, spot, 400, 400, 700, 650), {
      naam: 'Tegeltransformatie', nieuwe_functie: 'wonen', zittende_bedrijven: [{ naam: geheim, gebruikspositie: 'huurder' }],
    });
    // The name exists (the regisseur reads it), so its absence from the tiles means something.
    expect((await reg.get(`/api/transformaties/${t.id}`)).body.properties.zittende_bedrijven[0].naam).toBe(geheim);
    const sg = await api.as('stuurgroep');
    expect((await sg.get(`/api/transformaties/${t.id}`)).body.properties).not.toHaveProperty('zittende_bedrijven');

    const [lon, lat] = pointOnFeature(t).geometry.coordinates;
    const coords = [
      ...[9, 10, 12].flatMap((z) => tilesCovering(REGION, z)),
      ...[13, 14, 15, 16].flatMap((z) => { const c = tileAt(lon, lat, z); return [-1, 0, 1].flatMap((dx) => [-1, 0, 1].map((dy) => ({ z, x: c.x + dx, y: c.y + dy }))); }),
    ];
    // What a tile may carry is derived from elsewhere than the tiles' own declaration: the
    // properties the stuurgroep reads in the layer's API (no confidential one among them).
    const confidential = new Set(layers.flatMap((l) => Object.keys(l.vertrouwelijk?.properties ?? {})));
    expect(confidential.has('zittende_bedrijven')).toBe(true);
    let found = 0;
    for (const layer of LAYER_PATHS) {
      const readable = new Set(((await sg.get(`/api/${layer}`)).body.features as ApiFeature[]).flatMap((f) => Object.keys(f.properties)));
      for (const k of confidential) expect(readable.has(k), `${layer}.${k}`).toBe(false);
      for (const coord of coords) {
        const reply = await tile(sg, layer, coord);
        expect(reply.status).toBe(200);
        // The raw bytes first (whatever a decoder would make of them), then every attribute.
        expect(Buffer.from(reply.bytes).includes(Buffer.from('Geheimhouding'))).toBe(false);
        for (const [name, features] of Object.entries(reply.decoded)) {
          for (const f of features) {
            for (const [k, v] of Object.entries(f.properties)) {
              expect(readable.has(k), `${name}.${k}`).toBe(true);
              expect(String(v)).not.toContain('Geheimhouding');
            }
            if (name === 'transformaties' && f.id === t.id) found++;
          }
        }
      }
    }
    // The transformatie itself was in the stuurgroep's tiles: only without its companies.
    expect(found).toBeGreaterThan(0);
  });
});

describe('access and bad requests', () => {
  it('asks for a session, and answers a bad tile address with a Dutch 4xx', async () => {
    const reg = await api.as('regisseur');
    const anonymous = await getTile(request, '', '/tiles/kavels/14/8396/5400.pbf');
    expect(anonymous.status).toBe(401);
    expect(JSON.parse(new TextDecoder().decode(anonymous.bytes)).error.code).toBe('niet_ingelogd');
    expect((await getTile(request, '', '/tiles/kavels.json')).status).toBe(401);
    const cases: [string, number, RegExp][] = [
      ['/tiles/onbekend/14/8396/5398.pbf', 404, /geen kaartlaag onbekend/],
      ['/tiles/kavels/14/8396/5398.png', 400, /eindigt op \.pbf/],
      ['/tiles/kavels/23/0/0.pbf', 400, /Zoomniveau 23 bestaat niet/],
      ['/tiles/kavels/3/8/0.pbf', 400, /buiten het raster van zoomniveau 3/],
      ['/tiles/kavels/14/-1/5398.pbf', 400, /gehele getallen/],
      ['/tiles/kavels/14/83x/5398.pbf', 400, /gehele getallen/],
    ];
    for (const [url, status, message] of cases) {
      const reply = await getTile(request, reg.cookie, url);
      expect(reply.status, url).toBe(status);
      expect(JSON.parse(new TextDecoder().decode(reply.bytes)).error.message, url).toMatch(message);
    }
  });

  it('shows nothing to a session that has given the password but not yet its second factor', async () => {
    const email = `tegels-tweede-${Date.now().toString(36)}@tegels.test.nl`;
    const wachtwoord = 'rode-fiets-op-de-zeedijk';
    const { id } = await createAccount(db.pool, { email, naam: 'Tegels tweede factor', rol: 'regisseur', wachtwoord });
    await setSecondFactor(db.pool, id, newTotpSecret());
    const login = await request('/api/auth/login', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, wachtwoord }),
    });
    expect((await login.json()).stap).toBe('tweede_factor');
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    for (const url of ['/tiles/kavels/14/8396/5400.pbf', '/tiles/kavels.json']) {
      const reply = await getTile(request, cookie, url);
      expect(reply.status, url).toBe(401);
      expect(JSON.parse(new TextDecoder().decode(reply.bytes)).error.code, url).toBe('tweede_factor_nodig');
    }
  });

  it('checks the session on every tile, also one the server and the browser already have', async () => {
    const email = `tegels-uit-${Date.now().toString(36)}@tegels.test.nl`;
    const wachtwoord = 'blauwe-boot-in-de-haven';
    await createAccount(db.pool, { email, naam: 'Tegels uitgelogd', rol: 'stuurgroep', wachtwoord });
    const login = await request('/api/auth/login', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, wachtwoord }),
    });
    const { csrfToken } = await login.json() as { csrfToken: string };
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const url = path('kavels', tileAt(4.49, 52.16, 12));
    const first = await getTile(request, cookie, url);
    expect(first.status).toBe(200);
    expect(first.bytes.byteLength).toBeGreaterThan(0);
    // Made once, then kept by the server and by the browser.
    expect((await getTile(request, cookie, url)).status).toBe(200);
    expect((await getTile(request, cookie, url, { 'If-None-Match': first.etag! })).status).toBe(304);

    const out = await request('/api/auth/logout', { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken } });
    expect(out.status).toBeLessThan(300);
    for (const headers of [{}, { 'If-None-Match': first.etag! }] as Record<string, string>[]) {
      const reply = await getTile(request, cookie, url, headers);
      expect(reply.status, JSON.stringify(headers)).toBe(401);
      expect(JSON.parse(new TextDecoder().decode(reply.bytes)).error.code).toBe('niet_ingelogd');
    }
  });

  it('answers an empty tile below the zoom a layer starts at, without asking the database', async () => {
    const reg = await api.as('regisseur');
    const reply = await tile(reg, 'kavels', tileAt(4.49, 52.16, 3));
    expect(reply.status).toBe(200);
    expect(reply.bytes.byteLength).toBe(0);
    // The gemeenten have tiles at every zoom.
    const gemeenten = await tile(reg, 'gemeenten', tileAt(4.49, 52.16, 3));
    expect(gemeenten.decoded.gemeenten.length).toBeGreaterThanOrEqual(6);
  });
});

describe.runIf(db.mode === 'postgres')('the tile statement (ST_AsMVT)', () => {
  // Each form of the statement is made once and kept (server/tiles/queries.ts): the one
  // with the session in it (one database) and the one after a session checked apart
  // (a replica) must each stay what it is, in whatever order they are first asked for.
  it('makes the same tile with the session in the statement and after a session checked apart, in any order', async () => {
    const reg = await api.as('regisseur');
    const token = new RegExp(`${SESSION_COOKIE}=([^;]+)`).exec(reg.cookie)![1];
    const { rows: [p] } = await db.pool.query<{ lon: number; lat: number }>(
      `SELECT ST_X(c) AS lon, ST_Y(c) AS lat FROM (SELECT ST_Transform(ST_PointOnSurface(geom), 4326) AS c FROM kavel ORDER BY id LIMIT 1) k`);
    const coord = tileAt(p.lon, p.lat, 14);
    const set = tileAttributes('kavels', 'regisseur');
    const ask = (tokenHash: string | null) => tileForSession(db.pool, {
      tokenHash, layer: 'kavels', set, coord, roles: ['regisseur'], have: [], mvt: true, prepare: true,
    });
    for (const order of [[null, hashToken(token)], [hashToken(token), null]]) {
      const [first, second] = [await ask(order[0]), await ask(order[1])];
      const [apart, inStatement] = order[0] === null ? [first, second] : [second, first];
      expect(inStatement.session?.rol, 'the session read in the statement').toBe('regisseur');
      expect(apart.session, 'no session read where it was checked apart').toBeUndefined();
      expect(inStatement.tile?.byteLength, 'a tile with the session in the statement').toBeGreaterThan(0);
      expect(apart.tile && Buffer.compare(apart.tile, inStatement.tile!), 'the same tile after a session checked apart').toBe(0);
    }
  });
});

describe('the layer API by ids (what the monitor and matching show without whole layers)', () => {
  it('answers exactly the records asked for, and refuses a bad or too long list in Dutch', async () => {
    const reg = await api.as('regisseur');
    const all = (await reg.get('/api/kavels')).body.features as ApiFeature[];
    const some = [all[0].id, all[5].id, all[all.length - 1].id];
    const reply = await reg.get(`/api/kavels?ids=${some.join(',')},${some[0]}`);
    expect(reply.status).toBe(200);
    expect((reply.body.features as ApiFeature[]).map((f) => f.id).sort((a, b) => a - b)).toEqual([...some].sort((a, b) => a - b));
    expect(reply.body.features[0]).toEqual(all.find((f) => f.id === reply.body.features[0].id));
    expect((await reg.get('/api/kavels?ids=999999999')).body.features).toEqual([]);
    for (const bad of ['abc', '1,,2', '0', '-3', '1.5', Array.from({ length: 501 }, (_, i) => i + 1).join(',')]) {
      const r = await reg.get(`/api/kavels?ids=${bad}`);
      expect(r.status, bad).toBe(400);
      expect(r.body.error.message, bad).toMatch(/ids moet een lijst van hoogstens 500 positieve gehele getallen zijn/);
    }
  });
});
