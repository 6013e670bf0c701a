// Safe writes: validation, werkgroep scope, versions and conflicts, the audit
// trail with restore, and nothing half-written whatever is thrown at the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { testApp, testDatabase } from '../support/api.ts';

const db = testDatabase();
const api = testApp(db);
afterAll(() => db.close());

const one = async (sql: string, params: unknown[] = []) => (await db.pool.query(sql, params)).rows[0];

/** A square of `half`·2 metres around a point inside a kavel of the given gemeente, as WGS84 GeoJSON. */
async function squareIn(gemeente: string, half = 30) {
  const r = await one(
    `SELECT ST_AsGeoJSON(ST_Transform(ST_Expand(ST_PointOnSurface(k.geom), $2), 4326), 7)::json AS g
     FROM kavel k JOIN terrein t ON t.id = k.terrein_id JOIN gemeente g ON g.id = t.gemeente_id
     WHERE g.naam = $1 ORDER BY k.oppervlakte_ha DESC LIMIT 1`,
    [gemeente, half],
  );
  return r.g as { type: 'Polygon'; coordinates: number[][][] };
}

async function counts() {
  return one(`SELECT (SELECT count(*) FROM kanszone)::int AS kanszone, (SELECT count(*) FROM kavel)::int AS kavel,
                     (SELECT count(*) FROM transformatie)::int AS transformatie, (SELECT count(*) FROM audit_log)::int AS audit,
                     (SELECT sum(version) FROM kavel)::int AS kavel_versions`);
}

let leidenSquare: Awaited<ReturnType<typeof squareIn>>;
let katwijkSquare: Awaited<ReturnType<typeof squareIn>>;
beforeAll(async () => {
  leidenSquare = await squareIn('Leiden');
  katwijkSquare = await squareIn('Katwijk');
});

describe('creating and changing a record', () => {
  it('creates a kanszone with PostGIS hectares, derives its gemeente, and records who did it', async () => {
    const wg = await api.as('werkgroep_leiden');
    const reply = await wg.send('POST', '/api/kanszones', {
      type: 'Feature', geometry: leidenSquare, properties: { naam: 'Testzone Leiden', soort: 'overig' },
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body.properties.gemeente).toBe('Leiden');
    expect(reply.body.properties.bron).toBe('gebruiker');
    expect(reply.body.properties.version).toBe(1);
    expect(reply.body.properties.oppervlakte_ha).toBeCloseTo(0.36, 2);
    const history = await wg.get(`/api/kanszones/${reply.body.id}/history`);
    expect(history.body).toHaveLength(1);
    expect(history.body[0]).toMatchObject({ actie: 'insert', versie: 1, door: 'Test Werkgroep Leiden' });
    expect(history.body[0].geometry.type).toBe('MultiPolygon');
  });

  it('refuses a stale version with 409 naming who changed it, and accepts the current one', async () => {
    const reg = await api.as('regisseur');
    const kavel = (await reg.get('/api/kavels/1')).body;
    const v = kavel.properties.version;
    const first = await reg.send('PATCH', '/api/kavels/1', { version: v, properties: { eigendom: 'gemeente' } });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.properties.version).toBe(v + 1);
    const stale = await (await api.as('beheerder')).send('PATCH', '/api/kavels/1', { version: v, properties: { eigendom: 'privaat' } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('versieconflict');
    expect(stale.body.error.message).toMatch(/^Gewijzigd door Test Regisseur om \d\d:\d\d/);
    expect(stale.body.error.details.huidige_versie).toBe(v + 1);
    const viaHeader = await reg.send('PATCH', '/api/kavels/1', { properties: { eigendom: 'onbekend' } }, { 'if-match': `"${v + 1}"` });
    expect(viaHeader.status).toBe(200);
    const noVersion = await reg.send('PATCH', '/api/kavels/1', { properties: { eigendom: 'onbekend' } });
    expect(noVersion.status).toBe(428);
  });

  it('keeps a transformatie when it is deleted, as vervallen', async () => {
    const reg = await api.as('regisseur');
    const created = await reg.send('POST', '/api/transformaties', {
      type: 'Feature', geometry: leidenSquare, properties: { naam: 'Te vervallen', nieuwe_functie: 'wonen', status: 'idee' },
    });
    expect(created.status).toBe(201);
    const del = await reg.send('DELETE', `/api/transformaties/${created.body.id}?version=1`);
    expect(del.status).toBe(200);
    const after = await reg.get(`/api/transformaties/${created.body.id}`);
    expect(after.body.properties.status).toBe('vervallen');
  });

  it('restores an earlier version, geometry included, as a new audited version', async () => {
    const reg = await api.as('regisseur');
    const created = await reg.send('POST', '/api/kanszones', {
      type: 'Feature', geometry: leidenSquare, properties: { naam: 'Versie 1', soort: 'overig' },
    });
    const id = created.body.id;
    const bigger = await squareIn('Leiden', 50);
    const changed = await reg.send('PATCH', `/api/kanszones/${id}`, { version: 1, geometry: bigger, properties: { naam: 'Versie 2' } });
    expect(changed.status).toBe(200);
    expect(changed.body.properties.oppervlakte_ha).toBeCloseTo(1, 1);
    const restored = await reg.send('POST', `/api/kanszones/${id}/restore`, { version: 2, naar_versie: 1 });
    expect(restored.status, JSON.stringify(restored.body)).toBe(200);
    expect(restored.body.properties).toMatchObject({ naam: 'Versie 1', version: 3 });
    expect(restored.body.properties.oppervlakte_ha).toBeCloseTo(created.body.properties.oppervlakte_ha, 6);
    const history = (await reg.get(`/api/kanszones/${id}/history`)).body;
    expect(history.map((h: any) => h.versie)).toEqual([1, 2, 3]);
    expect(history[2].reden).toBe('herstel van versie 1');
  });
});

describe('werkgroep scope', () => {
  it("cannot change another gemeente's polygon by any route", async () => {
    const reg = await api.as('regisseur');
    const katwijk = await reg.send('POST', '/api/kanszones', {
      type: 'Feature', geometry: katwijkSquare, properties: { naam: 'Katwijkse zone', soort: 'overig' },
    });
    expect(katwijk.status).toBe(201);
    const id = katwijk.body.id;
    const katwijkKavel = await one(
      `SELECT k.id, k.version, k.terrein_id FROM kavel k JOIN terrein t ON t.id = k.terrein_id
       JOIN gemeente g ON g.id = t.gemeente_id WHERE g.naam = 'Katwijk' ORDER BY k.id LIMIT 1`,
    );
    const leidenId = (await one(`SELECT id FROM gemeente WHERE naam = 'Leiden'`)).id;
    const katwijkId = (await one(`SELECT id FROM gemeente WHERE naam = 'Katwijk'`)).id;
    const before = await counts();

    const wg = await api.as('werkgroep_leiden');
    const attempts = [
      wg.send('PATCH', `/api/kanszones/${id}`, { version: 1, properties: { naam: 'overgenomen' } }),
      wg.send('PATCH', `/api/kanszones/${id}`, { version: 1, properties: { gemeente_id: leidenId } }),
      wg.send('PATCH', `/api/kanszones/${id}`, { version: 1, geometry: leidenSquare }),
      wg.send('DELETE', `/api/kanszones/${id}?version=1`),
      wg.send('POST', `/api/kanszones/${id}/restore`, { version: 1, naar_versie: 1 }),
      wg.send('POST', '/api/kanszones', { type: 'Feature', geometry: katwijkSquare, properties: { naam: 'in Katwijk' } }),
      wg.send('POST', '/api/kanszones', { type: 'Feature', geometry: leidenSquare, properties: { naam: 'x', gemeente_id: katwijkId } }),
      wg.send('PATCH', `/api/kavels/${katwijkKavel.id}`, { version: katwijkKavel.version, properties: { status: 'beschikbaar' } }),
      wg.send('DELETE', `/api/kavels/${katwijkKavel.id}?version=${katwijkKavel.version}`),
      wg.send('POST', '/api/kavels', { type: 'Feature', geometry: katwijkSquare, properties: { terrein_id: katwijkKavel.terrein_id, milieucategorie_max: '2' } }),
    ];
    for (const reply of await Promise.all(attempts)) {
      expect(reply.status, JSON.stringify(reply.body)).toBe(403);
      expect(reply.body.error.code).toBe('andere_gemeente');
    }
    expect(await counts()).toEqual(before);

    // Nor may a werkgroep member move its own polygon into another gemeente.
    const own = await wg.send('POST', '/api/kanszones', { type: 'Feature', geometry: leidenSquare, properties: { naam: 'eigen' } });
    expect(own.status).toBe(201);
    const moved = await wg.send('PATCH', `/api/kanszones/${own.body.id}`, { version: 1, geometry: katwijkSquare });
    expect(moved.status).toBe(403);
    const reassigned = await wg.send('PATCH', `/api/kanszones/${own.body.id}`, { version: 1, properties: { gemeente_id: katwijkId } });
    expect(reassigned.status).toBe(403);
    expect((await wg.get(`/api/kanszones/${own.body.id}`)).body.properties.version).toBe(1);
  });
});

describe('concurrent updates', () => {
  it('accept exactly one of many simultaneous changes from the same version', async () => {
    const reg = await api.as('regisseur');
    const beh = await api.as('beheerder');
    const kavel = (await reg.get('/api/kavels/2')).body;
    const v = kavel.properties.version;
    const historyBefore = (await reg.get('/api/kavels/2/history')).body.length;
    const replies = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        (i % 2 ? reg : beh).send('PATCH', '/api/kavels/2', { version: v, properties: { naam: `Gelijktijdig ${i}` } })),
    );
    const ok = replies.filter((r) => r.status === 200);
    expect(ok).toHaveLength(1);
    expect(replies.filter((r) => r.status === 409)).toHaveLength(11);
    const history = (await reg.get('/api/kavels/2/history')).body;
    expect(history.length).toBe(historyBefore + 1);
    expect(history.at(-1).eigenschappen.naam).toBe(ok[0].body.properties.naam);
    expect((await reg.get('/api/kavels/2')).body.properties.version).toBe(v + 1);
  });
});

describe('bad input', () => {
  const bowtie = { type: 'Polygon', coordinates: [[[4.48, 52.15], [4.49, 52.16], [4.49, 52.15], [4.48, 52.16], [4.48, 52.15]]] };

  it('refuses a self-intersecting polygon with the reason and its location', async () => {
    const reply = await (await api.as('regisseur')).send('POST', '/api/kanszones', {
      type: 'Feature', geometry: bowtie, properties: { naam: 'vlinderdas' },
    });
    expect(reply.status).toBe(422);
    expect(reply.body.error.code).toBe('zelfdoorsnijding');
    const [lon, lat] = reply.body.error.details.locatie;
    expect(lon).toBeCloseTo(4.485, 3);
    expect(lat).toBeCloseTo(52.155, 3);
  });

  it.each([
    ['a point', { type: 'Point', coordinates: [4.48, 52.15] }, 'ongeldig_type'],
    ['an open ring', { type: 'Polygon', coordinates: [[[4.48, 52.15], [4.49, 52.15], [4.49, 52.16]]] }, 'ring_niet_gesloten'],
    ['two distinct points', { type: 'Polygon', coordinates: [[[4.48, 52.15], [4.49, 52.15], [4.48, 52.15], [4.48, 52.15]]] }, 'te_weinig_punten'],
    ['RD coordinates sent as WGS84', { type: 'Polygon', coordinates: [[[93000, 463000], [93100, 463000], [93100, 463100], [93000, 463000]]] }, 'buiten_nederland'],
    ['a polygon in Paris', { type: 'Polygon', coordinates: [[[2.35, 48.85], [2.36, 48.85], [2.36, 48.86], [2.35, 48.85]]] }, 'buiten_nederland'],
    ['a tiny polygon', { type: 'Polygon', coordinates: [[[4.48, 52.15], [4.48001, 52.15], [4.48001, 52.15001], [4.48, 52.15]]] }, 'te_klein'],
    ['a polygon in Amsterdam', { type: 'Polygon', coordinates: [[[4.89, 52.37], [4.9, 52.37], [4.9, 52.38], [4.89, 52.37]]] }, 'buiten_regio'],
  ])('refuses %s with reason %s', async (_name, geometry, code) => {
    const reply = await (await api.as('regisseur')).send('POST', '/api/kanszones', { type: 'Feature', geometry, properties: { naam: 'x' } });
    expect(reply.status, JSON.stringify(reply.body)).toBe(422);
    expect(reply.body.error.code).toBe(code);
  });

  it('refuses missing fields, unknown fields, unknown references and wrong types with 4xx', async () => {
    const reg = await api.as('regisseur');
    const cases: [unknown, number][] = [
      [{ type: 'Feature', geometry: leidenSquare, properties: {} }, 400],
      [{ type: 'Feature', geometry: leidenSquare, properties: { naam: 'x', onbekend: 1 } }, 400],
      [{ type: 'Feature', geometry: leidenSquare, properties: { naam: 'x', gemeente_id: 'Leiden' } }, 400],
      [{ type: 'Feature', properties: { naam: 'x' } }, 400],
      [{ type: 'Feature', geometry: leidenSquare, properties: { naam: 'x', gemeente_id: 987654 } }, 422],
    ];
    for (const [body, status] of cases) {
      const reply = await reg.send('POST', '/api/kanszones', body);
      expect(reply.status, JSON.stringify(reply.body)).toBe(status);
      expect(reply.body.error.message).toBeTypeOf('string');
    }
    const kavel = await reg.send('POST', '/api/kavels', { type: 'Feature', geometry: leidenSquare, properties: { terrein_id: 1, milieucategorie_max: '9.9' } });
    expect(kavel.status).toBe(422);
    const broken = await reg.send('POST', '/api/kanszones', '{"type": "Feature", ');
    expect(broken.status).toBe(400);
  });

  it('answers an oversized body with 413', async () => {
    const huge = { type: 'Feature', geometry: leidenSquare, properties: { naam: 'x'.repeat(3 * 1024 * 1024) } };
    const reply = await (await api.as('regisseur')).send('POST', '/api/kanszones', huge);
    expect(reply.status).toBe(413);
    expect(reply.body.error.code).toBe('te_groot');
  });

  it('stores hostile text exactly, or refuses it with a 4xx (NUL bytes included)', { timeout: 240_000 }, async () => {
    const reg = await api.as('regisseur');
    const hostile = fc.constantFrom(
      '\u0000', 'a\u0000b', "'; DROP TABLE kanszone; --", "x' OR '1'='1", '$1', '$1 $2', '$$', '$q$x$q$', '\\', "\\'", "''", '"',
      '\uD800', '\r\n', '%00', '-- x', '/* x', 'é€😀', 'x'.repeat(2001),
    );
    const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), hostile, fc.tuple(fc.string({ maxLength: 10 }), hostile).map(([a, b]) => a + b + a));
    const zone = await reg.send('POST', '/api/kanszones', { type: 'Feature', geometry: leidenSquare, properties: { naam: 'Vijandige tekst', soort: 'overig' } });
    expect(zone.status).toBe(201);
    let refusedNul = 0;
    /** What a string is after a round trip through UTF-8 (as the database stores it). */
    const utf8 = (s: string) => Buffer.from(s, 'utf8').toString('utf8');
    await fc.assert(
      fc.asyncProperty(text, text, fc.boolean(), async (naam, omschrijving, create) => {
        const version = (await reg.get(`/api/kanszones/${zone.body.id}`)).body.properties.version;
        const reply = create
          ? await reg.send('POST', '/api/kanszones', { type: 'Feature', geometry: leidenSquare, properties: { naam, omschrijving, soort: 'overig' } })
          : await reg.send('PATCH', `/api/kanszones/${zone.body.id}`, { version, properties: { naam, omschrijving } });
        expect(reply.status, JSON.stringify(reply.body).slice(0, 200)).toBeLessThan(500);
        if (reply.status >= 400) {
          expect(reply.body.error.message).toMatch(/[a-z]/);
          if ((naam + omschrijving).includes('\u0000')) {
            expect(reply.status).toBe(400);
            refusedNul += 1;
          }
          return;
        }
        // Accepted: read back exactly (names are trimmed; a lone surrogate cannot be UTF-8 and becomes U+FFFD).
        const stored = (await reg.get(`/api/kanszones/${reply.body.id}`)).body.properties;
        expect(stored.naam).toBe(utf8(naam.trim()));
        expect(stored.omschrijving).toBe(utf8(omschrijving.trim()));
      }),
      { numRuns: 80, seed: 1071 },
    );
    expect(refusedNul, 'NUL bytes reached the database and were refused').toBeGreaterThan(3);
  });

  it('never answers hostile input with a 5xx and never writes half', { timeout: 240_000 }, async () => {
    const reg = await api.as('regisseur');
    const number = fc.oneof(fc.double(), fc.constant(1e308), fc.constant(-1e308), fc.integer(), fc.constantFrom('NaN', 'Infinity', null));
    const position = fc.oneof(fc.tuple(number, number), fc.array(number, { maxLength: 4 }), fc.anything());
    const ring = fc.oneof(fc.array(position, { maxLength: 8 }), fc.constant([[4.48, 52.15], [4.49, 52.16], [4.49, 52.15], [4.48, 52.16], [4.48, 52.15]]));
    const geometry = fc.oneof(
      fc.record({ type: fc.constantFrom('Polygon', 'MultiPolygon', 'Point', 'LineString', 'GeometryCollection'), coordinates: fc.array(ring, { maxLength: 3 }) }),
      fc.anything(),
      fc.constant(null),
    );
    // Real NUL bytes (not the four characters '\\x00'), lone surrogates, quotes, dollar quotes,
    // backslashes, parameter markers and over-long text: each goes through the simple-protocol
    // client of the embedded database and the extended protocol of PostgreSQL.
    const hostile = fc.constantFrom(
      '\u0000', 'a\u0000b', '\u0000\u0000', "'; DROP TABLE kavel; --", "x' OR '1'='1", '$1', '$1$2', '$$', '$tag$x$tag$',
      '\\', "\\'", "''", '"', '\uD800', '\uFFFF', '\r\n', '%00', '<script>alert(1)</script>', 'x'.repeat(2001), '=1+1', '1e400',
    );
    const text = fc.oneof(fc.string({ unit: 'binary' }), hostile, fc.tuple(fc.string(), hostile).map(([a, b]) => a + b + a));
    const properties = fc.oneof(
      fc.record({ naam: text, soort: fc.oneof(text, fc.constant('overig')), gemeente_id: fc.oneof(fc.integer(), text) }, { requiredKeys: [] }),
      fc.anything(),
    );
    const body = fc.oneof(fc.record({ type: fc.constantFrom('Feature', 'FeatureCollection'), geometry, properties }), fc.anything());

    const before = await counts();
    let sentNul = 0;
    await fc.assert(
      fc.asyncProperty(body, fc.constantFrom('POST /api/kanszones', 'PATCH /api/kavels/3', 'PATCH /api/transformaties/1'), async (b, route) => {
        const [method, url] = route.split(' ');
        if (JSON.stringify(b ?? null).includes('\\u0000')) sentNul += 1;
        const reply = await reg.send(method, url, b);
        expect(reply.status, JSON.stringify(reply.body).slice(0, 200)).toBeLessThan(500);
        if (reply.status >= 400) expect(reply.body.error.code).toBeTypeOf('string');
      }),
      { numRuns: 150, seed: 71 },
    );
    expect(sentNul, 'the fuzzer sent real NUL bytes').toBeGreaterThan(5);
    const after = await counts();
    // Whatever was accepted was whole: every row change has exactly its audit entry.
    const accepted = (after.kanszone - before.kanszone) + (after.kavel_versions - before.kavel_versions) +
      ((await one(`SELECT count(*)::int AS n FROM audit_log WHERE tabel = 'transformatie' AND record_id = 1 AND id > (SELECT max(id) FROM audit_log) - $1`, [after.audit - before.audit])).n);
    expect(after.audit - before.audit).toBe(accepted);
    expect(after.kavel).toBe(before.kavel);
  });
});
