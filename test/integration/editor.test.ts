// Werkgroep editor: split / merge / hole done by PostGIS, the editor rules on save and
// as a draft check, netto verloren hectares, and the werkgroep scope of all of it.
// Built on a hand-made terrein in an empty part of the region, removed afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, testDatabase, type Client } from '../support/api.ts';
import { findEmptySpot, rdBox, rdLine, rdPolygon, rememberIds, type Spot, createFeature as create, werkgroepenVoor } from '../support/editor-fixture.ts';

const db = testDatabase();
const api = testApp(db);
const one = async (sql: string, params: unknown[] = []) => (await db.pool.query(sql, params)).rows[0];

let spot: Spot;
let reg: Client;
let own: Client; // werkgroep of the spot's gemeente
let other: Client; // werkgroep of another gemeente
let terreinId: number;
let cleanup: Awaited<ReturnType<typeof rememberIds>>;

const box = (x1: number, y1: number, x2: number, y2: number) => rdBox(db, spot, x1, y1, x2, y2);

const kavel = async (x1: number, y1: number, x2: number, y2: number, extra: Record<string, unknown> = {}) =>
  create(reg, 'kavels', await box(x1, y1, x2, y2), { terrein_id: terreinId, milieucategorie_max: '3.1', naam: 'Testkavel', ...extra });

beforeAll(async () => {
  cleanup = await rememberIds(db);
  spot = await findEmptySpot(db);
  reg = await api.as('regisseur');
  ({ own, other } = await werkgroepenVoor(api, spot));
  // Terrein of 600 × 600 m (36 ha), lower-left corner at the spot.
  const t = await create(reg, 'terreinen', await box(0, 0, 600, 600), { naam: 'Editortest terrein', milieucategorie_max: '4.2' });
  terreinId = t.id;
});

afterAll(async () => {
  await cleanup.restore();
  await db.close();
});

describe('split', () => {
  it('splits a kavel along a line: areas add up, no slivers, the parts share the cut edge exactly', async () => {
    const k = await kavel(20, 20, 220, 120); // 200 × 100 m = 2 ha
    // A slanted cut, so the cut points do not fall on the grid of the input.
    const line = await rdLine(db, spot, [[83.3333, 0], [121.7777, 140]]);
    const reply = await reg.send('POST', `/api/kavels/${k.id}/split`, { version: 1, line });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const { ids, features } = reply.body;
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(k.id);
    // The record keeps its identity (the largest part) and gets a new version; the new part has the same
    // attributes, and the names tell the parts apart.
    expect(features[0].properties).toMatchObject({ version: 2, naam: 'Testkavel (deel 1)' });
    expect(features[1].properties).toMatchObject({ terrein_id: terreinId, milieucategorie_max: '3.1', naam: 'Testkavel (deel 2)', version: 1 });
    expect(features[0].properties.oppervlakte_ha).toBeGreaterThanOrEqual(features[1].properties.oppervlakte_ha);

    const g = await one(
      `WITH a AS (SELECT geom FROM kavel WHERE id = $1), b AS (SELECT geom FROM kavel WHERE id = $2),
            l AS (SELECT ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON($3), 4326), 28992) AS g),
            o AS (SELECT ST_MakeEnvelope($4::float8 + 20, $5::float8 + 20, $4::float8 + 220, $5::float8 + 120, 28992) AS g)
       SELECT ST_Area(a.geom) AS a_m2, ST_Area(b.geom) AS b_m2,
              ST_Length(ST_Intersection(ST_Boundary(a.geom), ST_Boundary(b.geom), 0.001)) AS gedeelde_rand_m,
              ST_Length(ST_Intersection(l.g, o.g, 0.001)) AS snede_m,
              ST_Area(ST_Intersection(a.geom, b.geom, 0.001)) AS overlap_m2,
              ST_GeometryType(a.geom) AS type_a, ST_GeometryType(b.geom) AS type_b
       FROM a, b, l, o`,
      [ids[0], ids[1], JSON.stringify(line), spot.x, spot.y],
    );
    expect(g).toBeDefined(); // one row: the overlay did not drop it
    expect(Math.abs(g.a_m2 + g.b_m2 - 20_000)).toBeLessThan(1);
    expect(Math.min(g.a_m2, g.b_m2)).toBeGreaterThan(1);
    expect(g.overlap_m2).toBeLessThan(0.01);
    expect(g.snede_m).toBeGreaterThan(100);
    expect(Math.abs(g.gedeelde_rand_m - g.snede_m)).toBeLessThan(0.01);
    expect([g.type_a, g.type_b]).toEqual(['ST_MultiPolygon', 'ST_MultiPolygon']);

    // Audited: the record's update and the new record's insert carry the reason.
    const history = (await reg.get(`/api/kavels/${ids[1]}/history`)).body;
    expect(history[0]).toMatchObject({ actie: 'insert', door: 'Test Regisseur', reden: `splitsing van kavel ${k.id}` });
    expect((await reg.get(`/api/kavels/${k.id}/history`)).body.at(-1)).toMatchObject({ actie: 'update', versie: 2 });
  });

  it('splits a concave polygon into three parts', async () => {
    // A U shape: a straight cut through both arms gives three parts.
    const u = await rdPolygon(db, spot, [[300, 20], [420, 20], [420, 140], [390, 140], [390, 50], [330, 50], [330, 140], [300, 140]]);
    const k = await create(reg, 'kavels', u, { terrein_id: terreinId, milieucategorie_max: '2' });
    const before = await one(`SELECT ST_Area(geom) AS m2 FROM kavel WHERE id = $1`, [k.id]);
    const line = await rdLine(db, spot, [[280, 100], [440, 100]]);
    const reply = await reg.send('POST', `/api/kavels/${k.id}/split`, { version: 1, line });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body.ids).toHaveLength(3);
    const after = await one(`SELECT sum(ST_Area(geom)) AS m2, count(*)::int AS n FROM kavel WHERE id = ANY($1::int[])`, [`{${reply.body.ids.join(',')}}`]);
    expect(after.n).toBe(3);
    expect(Math.abs(after.m2 - before.m2)).toBeLessThan(1);
  });

  it('refuses a line that does not cut, a sliver, a too small part and a stale version, and changes nothing', async () => {
    const k = await kavel(20, 200, 120, 300);
    const count = async () => (await one(`SELECT count(*)::int AS n FROM kavel WHERE terrein_id = $1`, [terreinId])).n;
    const n = await count();
    const cases: [[number, number][], number, string][] = [
      [[[20, 320], [120, 330]], 422, 'lijn_splitst_niet'], // misses the kavel
      [[[50, 250], [70, 260]], 422, 'lijn_splitst_niet'], // ends inside
      [[[19.5, 201.5], [21.5, 199.5]], 422, 'snipper'], // cuts off a 0.5 m² corner
      [[[15, 215], [35, 195]], 422, 'te_klein'], // cuts off a 50 m² corner
    ];
    for (const [points, status, code] of cases) {
      const reply = await reg.send('POST', `/api/kavels/${k.id}/split`, { version: 1, line: await rdLine(db, spot, points) });
      expect(reply.status, JSON.stringify(reply.body)).toBe(status);
      expect(reply.body.error.code).toBe(code);
    }
    const good = await rdLine(db, spot, [[70, 190], [70, 310]]);
    const stale = await reg.send('POST', `/api/kavels/${k.id}/split`, { version: 7, line: good });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('versieconflict');
    const notALine = await reg.send('POST', `/api/kavels/${k.id}/split`, { version: 1, line: await box(0, 0, 10, 10) });
    expect(notALine.status).toBe(422);
    expect(notALine.body.error.code).toBe('ongeldig_type');
    expect(await count()).toBe(n);
    expect((await reg.get(`/api/kavels/${k.id}`)).body.properties.version).toBe(1);
  });

  it('splits a transformatie into records with the same attributes, named "(deel 1)" and "(deel 2)"', async () => {
    const t = await create(reg, 'transformaties', await box(300, 300, 400, 400), { naam: 'Te splitsen', nieuwe_functie: 'overig', status: 'studie' });
    const reply = await reg.send('POST', `/api/transformaties/${t.id}/split`, { version: 1, line: await rdLine(db, spot, [[350, 290], [350, 410]]) });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body.features.map((f: any) => f.properties.naam)).toEqual(['Te splitsen (deel 1)', 'Te splitsen (deel 2)']);
    expect(reply.body.features.map((f: any) => f.properties.status)).toEqual(['studie', 'studie']);
    const sum = reply.body.features.reduce((s: number, f: any) => s + f.properties.oppervlakte_ha, 0);
    expect(sum).toBeCloseTo(1, 4);
  });
});

describe('merge', () => {
  it('merges two adjacent kavels into one polygon; the other is removed', async () => {
    const a = await kavel(20, 400, 120, 500);
    const b = await kavel(120, 400, 220, 500);
    const reply = await reg.send('POST', `/api/kavels/${a.id}/merge`, { version: 1, met_id: b.id, met_version: 1 });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body).toMatchObject({ id: a.id, met_id: b.id, met_status: 'verwijderd', aaneengesloten: true });
    expect(reply.body.feature.properties.oppervlakte_ha).toBeCloseTo(2, 4);
    expect(reply.body.feature.geometry.type).toBe('MultiPolygon');
    expect(reply.body.feature.geometry.coordinates).toHaveLength(1);
    expect((await reg.get(`/api/kavels/${b.id}`)).status).toBe(404);
    const hist = (await reg.get(`/api/kavels/${b.id}/history`)).body;
    expect(hist.at(-1)).toMatchObject({ actie: 'delete', reden: `samenvoeging van kavel ${b.id} met ${a.id}` });
  });

  it('merges separate kavels into a MultiPolygon and refuses kavels of another terrein, stale versions and itself', async () => {
    const a = await kavel(250, 400, 280, 430);
    const b = await kavel(300, 400, 330, 430);
    const stale = await reg.send('POST', `/api/kavels/${a.id}/merge`, { version: 1, met_id: b.id, met_version: 5 });
    expect(stale.status).toBe(409);
    const self = await reg.send('POST', `/api/kavels/${a.id}/merge`, { version: 1, met_id: a.id, met_version: 1 });
    expect(self.body.error.code).toBe('zelfde_record');
    const seeded = await one(`SELECT id, version FROM kavel WHERE terrein_id <> $1 ORDER BY id LIMIT 1`, [terreinId]);
    const otherTerrein = await reg.send('POST', `/api/kavels/${a.id}/merge`, { version: 1, met_id: seeded.id, met_version: seeded.version });
    expect(otherTerrein.status).toBe(422);
    expect(otherTerrein.body.error.code).toBe('ander_terrein');
    const ok = await reg.send('POST', `/api/kavels/${a.id}/merge`, { version: 1, met_id: b.id, met_version: 1 });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.aaneengesloten).toBe(false);
    expect(ok.body.feature.geometry.coordinates).toHaveLength(2);
    expect(ok.body.feature.properties.oppervlakte_ha).toBeCloseTo(0.18, 4);

    // Splitting the MultiPolygon through one of its parts: the untouched part becomes a record of its own.
    const split = await reg.send('POST', `/api/kavels/${a.id}/split`, { version: 2, line: await rdLine(db, spot, [[265, 390], [265, 440]]) });
    expect(split.status, JSON.stringify(split.body)).toBe(200);
    expect(split.body.ids).toHaveLength(3);
    expect(split.body.features.map((f: any) => f.properties.oppervlakte_ha)).toEqual([
      expect.closeTo(0.09, 5), expect.closeTo(0.045, 5), expect.closeTo(0.045, 5),
    ]);
  });

  it('merges overlapping compensaties without counting the overlap twice; the other becomes vervallen', async () => {
    const a = await create(reg, 'compensaties', await box(700, 0, 800, 100), { naam: 'Comp A' });
    const b = await create(reg, 'compensaties', await box(750, 0, 850, 100), { naam: 'Comp B' });
    const reply = await reg.send('POST', `/api/compensaties/${a.id}/merge`, { version: 1, met_id: b.id, met_version: 1 });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body.met_status).toBe('vervallen');
    expect(reply.body.feature.properties.oppervlakte_ha).toBeCloseTo(1.5, 4);
    expect((await reg.get(`/api/compensaties/${b.id}`)).body.properties.status).toBe('vervallen');
    // A vervallen record is history: it cannot be merged or split any more.
    const again = await reg.send('POST', `/api/compensaties/${a.id}/merge`, { version: 2, met_id: b.id, met_version: 2 });
    expect(again.status).toBe(422);
    expect(again.body.error.code).toBe('vervallen');
  });

  it('merges terreinen and moves their kavels to the one that stays', async () => {
    const t2 = await create(reg, 'terreinen', await box(600, 0, 650, 600), { naam: 'Strook', milieucategorie_max: '4.2' });
    const k = await create(reg, 'kavels', await box(610, 10, 640, 60), { terrein_id: t2.id, milieucategorie_max: '2' });
    const t = (await reg.get(`/api/terreinen/${terreinId}`)).body;
    const reply = await reg.send('POST', `/api/terreinen/${terreinId}/merge`, { version: t.properties.version, met_id: t2.id, met_version: 1 });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body.feature.properties.oppervlakte_ha).toBeCloseTo(39, 3);
    expect((await reg.get(`/api/kavels/${k.id}`)).body.properties.terrein_id).toBe(terreinId);
    expect((await reg.get(`/api/terreinen/${t2.id}`)).status).toBe(404);
  });
});

describe('hole', () => {
  it('cuts a hole inside a kavel: the area drops by the hole and the hole is an interior ring', async () => {
    const k = await kavel(20, 520, 120, 590); // 0.7 ha
    const reply = await reg.send('POST', `/api/kavels/${k.id}/hole`, { version: 1, geometry: await box(50, 540, 70, 560) });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body.gat_ha).toBeCloseTo(0.04, 5);
    expect(reply.body.properties.oppervlakte_ha).toBeCloseTo(0.66, 5);
    expect(reply.body.properties.version).toBe(2);
    expect(reply.body.geometry.coordinates[0]).toHaveLength(2); // outer ring + hole
    const r = await one(`SELECT ST_NumInteriorRings(ST_GeometryN(geom, 1)) AS holes, ST_IsValid(geom) AS valid FROM kavel WHERE id = $1`, [k.id]);
    expect(r).toEqual({ holes: 1, valid: true });
  });

  it('refuses a hole that is not inside, a multipolygon, and a stale version', async () => {
    const k = await kavel(150, 520, 250, 590);
    const cases: [unknown, number, string][] = [
      [await box(140, 540, 170, 560), 422, 'gat_niet_binnen'], // over the edge
      [await box(300, 540, 330, 560), 422, 'gat_niet_binnen'], // outside
      [{ type: 'MultiPolygon', coordinates: [(await box(160, 540, 180, 560)).coordinates] }, 422, 'ongeldig_type'],
    ];
    for (const [geometry, status, code] of cases) {
      const reply = await reg.send('POST', `/api/kavels/${k.id}/hole`, { version: 1, geometry });
      expect(reply.status, JSON.stringify(reply.body)).toBe(status);
      expect(reply.body.error.code).toBe(code);
    }
    const stale = await reg.send('POST', `/api/kavels/${k.id}/hole`, { version: 3, geometry: await box(160, 540, 180, 560) });
    expect(stale.status).toBe(409);
    expect((await reg.get(`/api/kavels/${k.id}`)).body.properties.version).toBe(1);
  });
});

describe('werkgroep scope', () => {
  it('holds for split, merge and hole: only the own gemeente, and nothing changes otherwise', async () => {
    const a = await kavel(400, 520, 450, 590);
    const b = await kavel(450, 520, 500, 590);
    const line = await rdLine(db, spot, [[425, 510], [425, 600]]);
    const hole = await box(410, 540, 420, 550);
    const auditBefore = (await one(`SELECT count(*)::int AS n FROM audit_log`)).n;
    const attempts = [
      other.send('POST', `/api/kavels/${a.id}/split`, { version: 1, line }),
      other.send('POST', `/api/kavels/${a.id}/merge`, { version: 1, met_id: b.id, met_version: 1 }),
      other.send('POST', `/api/kavels/${a.id}/hole`, { version: 1, geometry: hole }),
    ];
    for (const reply of await Promise.all(attempts)) {
      expect(reply.status, JSON.stringify(reply.body)).toBe(403);
      expect(reply.body.error.code).toBe('andere_gemeente');
    }
    const stuurgroep = await api.as('stuurgroep');
    expect((await stuurgroep.send('POST', `/api/kavels/${a.id}/split`, { version: 1, line })).status).toBe(403);
    expect((await one(`SELECT count(*)::int AS n FROM audit_log`)).n).toBe(auditBefore);

    // A werkgroep member may not merge one of its own with another gemeente's record either.
    const foreign = await one(
      `SELECT k.id, k.version FROM kanszone k JOIN gemeente g ON g.id = k.gemeente_id WHERE g.id <> $1 ORDER BY k.id LIMIT 1`, [spot.gemeente_id],
    );
    const mine = await create(own, 'kanszones', await box(300, 700, 350, 750), { naam: 'eigen zone' });
    if (foreign) {
      const mixed = await own.send('POST', `/api/kanszones/${mine.id}/merge`, { version: 1, met_id: foreign.id, met_version: foreign.version });
      expect(mixed.status).toBe(403);
    }

    // The own werkgroep may.
    expect((await own.send('POST', `/api/kavels/${a.id}/hole`, { version: 1, geometry: hole })).status).toBe(200);
    expect((await own.send('POST', `/api/kavels/${a.id}/split`, { version: 2, line })).status).toBe(200);
    const merged = await own.send('POST', `/api/kavels/${b.id}/merge`, { version: 1, met_id: a.id, met_version: 3 });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
  });
});

describe('editor rules on save', () => {
  it('refuses a transformatie on no business land: geen_bedrijventerrein', async () => {
    const geometry = await box(-500, -500, -400, -400);
    const reply = await reg.send('POST', '/api/transformaties', { type: 'Feature', geometry, properties: { naam: 'In het weiland' } });
    expect(reply.status, JSON.stringify(reply.body)).toBe(422);
    expect(reply.body.error.code).toBe('geen_bedrijventerrein');
    // …also when an existing transformatie is redrawn there.
    const t = await create(reg, 'transformaties', await box(500, 500, 550, 550), { naam: 'Verplaatsen', nieuwe_functie: 'overig' });
    const moved = await reg.send('PATCH', `/api/transformaties/${t.id}`, { version: 1, geometry });
    expect(moved.status).toBe(422);
    expect(moved.body.error.code).toBe('geen_bedrijventerrein');
  });

  it('refuses a transformatie on a terrein marked niet_te_transformeren', async () => {
    const blocked = await create(reg, 'terreinen', await box(-300, 620, -100, 780), { naam: 'Beschermd terrein', niet_te_transformeren: true });
    const reply = await reg.send('POST', '/api/transformaties', {
      type: 'Feature', geometry: await box(-250, 650, -150, 750), properties: { naam: 'Niet hier', nieuwe_functie: 'overig' },
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(422);
    expect(reply.body.error.code).toBe('niet_te_transformeren');
    expect(reply.body.error.details.fouten[0].ids).toEqual([blocked.id]);
    expect(reply.body.error.message).toContain('Beschermd terrein');
  });

  it('saves a compensatie overlapping a terrein or another compensatie, with warnings giving the overlap in ha', async () => {
    // 100 × 100 m, of which 100 × 40 m on the terrein (0.4 ha).
    const c1 = await reg.send('POST', '/api/compensaties', {
      type: 'Feature', geometry: await box(-60, 200, 40, 300), properties: { naam: 'Deels op terrein' },
    });
    expect(c1.status, JSON.stringify(c1.body)).toBe(201);
    expect(c1.body.waarschuwingen).toHaveLength(1);
    expect(c1.body.waarschuwingen[0]).toMatchObject({ code: 'overlapt_terrein', ids: [terreinId] });
    expect(c1.body.waarschuwingen[0].overlap_ha).toBeCloseTo(0.4, 4);
    expect(c1.body.waarschuwingen[0].message).toMatch(/0,40 ha/);

    const c2 = await reg.send('POST', '/api/compensaties', {
      type: 'Feature', geometry: await box(-160, 200, -35, 300), properties: { naam: 'Naast de eerste' },
    });
    expect(c2.status).toBe(201);
    expect(c2.body.waarschuwingen.map((w: any) => w.code)).toEqual(['overlapt_compensatie']);
    expect(c2.body.waarschuwingen[0]).toMatchObject({ ids: [c1.body.id] });
    expect(c2.body.waarschuwingen[0].overlap_ha).toBeCloseTo(0.25, 4);

    // Redrawing c1 does not warn about c1 itself; a clear compensatie has no warnings.
    const patched = await reg.send('PATCH', `/api/compensaties/${c1.body.id}`, { version: 1, geometry: await box(-30, 200, 70, 300) });
    expect(patched.status).toBe(200);
    expect(patched.body.waarschuwingen.map((w: any) => w.code)).toEqual(['overlapt_terrein']);
    const clear = await reg.send('POST', '/api/compensaties', { type: 'Feature', geometry: await box(-400, 200, -300, 300), properties: { naam: 'Vrij' } });
    expect(clear.body.waarschuwingen).toEqual([]);
  });

  it('judges a draft without saving: POST /api/validatie/<layer>', async () => {
    const count = async () => (await one(`SELECT (SELECT count(*) FROM transformatie) + (SELECT count(*) FROM compensatie) AS n`)).n;
    const n = await count();
    const draft = async (layer: string, body: unknown) => {
      const reply = await own.send('POST', `/api/validatie/${layer}`, body);
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      return reply.body;
    };
    const weiland = await draft('transformaties', { geometry: await box(-500, -500, -400, -400) });
    expect(weiland).toMatchObject({ geldig: false, fouten: [{ code: 'geen_bedrijventerrein' }], gemeente_id: spot.gemeente_id });
    expect(weiland.oppervlakte_ha).toBeCloseTo(1, 4);

    const okDraft = await draft('transformaties', { geometry: await box(100, 100, 200, 200), properties: { nieuwe_functie: 'wonen' } });
    expect(okDraft.geldig).toBe(true);
    expect(okDraft.milieuruimte.nieuwe_functie).toBe('wonen');

    const overlap = await draft('compensaties', { geometry: await box(-60, 200, 40, 300) });
    expect(overlap.geldig).toBe(true);
    expect(overlap.waarschuwingen.map((w: any) => w.code).sort()).toEqual(['overlapt_compensatie', 'overlapt_terrein']);

    const bowtie = await rdPolygon(db, spot, [[0, 0], [100, 100], [100, 0], [0, 100]]);
    const self = await draft('kanszones', { geometry: bowtie });
    expect(self.geldig).toBe(false);
    expect(self.fouten[0].code).toBe('zelfdoorsnijding');
    expect(self.fouten[0].details.locatie).toHaveLength(2);

    const tiny = await draft('kanszones', { geometry: await box(0, 0, 5, 5) });
    expect(tiny.fouten[0].code).toBe('te_klein');
    const amsterdam = await draft('kanszones', { geometry: { type: 'Polygon', coordinates: [[[4.89, 52.37], [4.9, 52.37], [4.9, 52.38], [4.89, 52.37]]] } });
    expect(amsterdam.fouten[0].code).toBe('buiten_regio');
    const twoPoints = await draft('kanszones', { geometry: { type: 'Polygon', coordinates: [[[4.48, 52.15], [4.49, 52.15], [4.48, 52.15], [4.48, 52.15]]] } });
    expect(twoPoints.fouten[0].code).toBe('te_weinig_punten');
    // Drawing in another gemeente is flagged for a werkgroep member.
    const elsewhere = await (other).send('POST', '/api/validatie/kanszones', { geometry: await box(100, 100, 200, 200) });
    expect(elsewhere.body.fouten.map((f: any) => f.code)).toContain('andere_gemeente');

    expect(await count()).toBe(n);
  });

  it('warns (R-T1) about a transformatie before 2031 on a terrein not on the transformatielijst, on save and as a draft', async () => {
    // The test terrein is not on the list: a transformatie there now, or ter inzage in 2030, is flagged.
    const nu = await create(reg, 'transformaties', await box(420, 20, 520, 120), { naam: 'R-T1 nu', nieuwe_functie: 'overig' });
    expect(nu.waarschuwingen).toEqual([expect.objectContaining({ code: 'niet_op_transformatielijst', ids: [terreinId] })]);
    expect(nu.waarschuwingen[0].overlap_ha).toBeCloseTo(1, 3);
    expect(nu.waarschuwingen[0].message).toMatch(/Editortest terrein.*tot en met 2030/);
    const later = await create(reg, 'transformaties', await box(420, 140, 520, 240), {
      naam: 'R-T1 na 2030', nieuwe_functie: 'overig', datum_terinzagelegging: '2030-06-01', datum_vaststelling: '2031-02-01',
    });
    expect(later.waarschuwingen).toEqual([]);
    const draft = async (properties: Record<string, unknown>) =>
      (await reg.send('POST', '/api/validatie/transformaties', { geometry: await box(420, 260, 520, 360), properties })).body;
    expect((await draft({ datum_terinzagelegging: '2030-12-31' })).waarschuwingen.map((w: any) => w.code)).toEqual(['niet_op_transformatielijst']);
    expect((await draft({ datum_vaststelling: '2031-01-01' })).waarschuwingen).toEqual([]);

    // Only a date changes, the shape stays: the save is judged again (a warning, never a refusal).
    const vroeger = await reg.send('PATCH', `/api/transformaties/${later.id}`, { version: later.properties.version, properties: { datum_vaststelling: '2030-12-31' } });
    expect(vroeger.status, JSON.stringify(vroeger.body)).toBe(200);
    expect(vroeger.body.waarschuwingen).toEqual([expect.objectContaining({ code: 'niet_op_transformatielijst', ids: [terreinId] })]);
    const weerLater = await reg.send('PATCH', `/api/transformaties/${later.id}`, { version: vroeger.body.properties.version, properties: { datum_vaststelling: '2031-01-01' } });
    expect(weerLater.body.waarschuwingen).toEqual([]);
    // A name change alone says nothing new; a vervallen transformatie is history, not judged.
    const hernoemd = await reg.send('PATCH', `/api/transformaties/${nu.id}`, { version: nu.properties.version, properties: { naam: 'R-T1 nu (hernoemd)' } });
    expect(hernoemd.body.waarschuwingen).toEqual([]);
    const vervallen = await reg.send('PATCH', `/api/transformaties/${nu.id}`, { version: hernoemd.body.properties.version, properties: { status: 'vervallen' } });
    expect(vervallen.status, JSON.stringify(vervallen.body)).toBe(200);
    expect(vervallen.body.waarschuwingen).toEqual([]);
    const terug = await reg.send('PATCH', `/api/transformaties/${nu.id}`, { version: vervallen.body.properties.version, properties: { status: 'studie' } });
    expect(terug.body.waarschuwingen.map((w: any) => w.code)).toEqual(['niet_op_transformatielijst']);
    const oud = await create(reg, 'transformaties', await box(420, 380, 520, 480), { naam: 'R-T1 vervallen', nieuwe_functie: 'overig', status: 'vervallen' });
    expect(oud.waarschuwingen).toEqual([]);

    // Once the terrein is on the list, the same drawing is fine.
    const t = (await reg.get(`/api/terreinen/${terreinId}`)).body;
    const op = await reg.send('PATCH', `/api/terreinen/${terreinId}`, { version: t.properties.version, properties: { op_transformatielijst: true } });
    expect(op.status, JSON.stringify(op.body)).toBe(200);
    expect((await draft({})).waarschuwingen).toEqual([]);
    const back = await reg.send('PATCH', `/api/terreinen/${terreinId}`, { version: op.body.properties.version, properties: { op_transformatielijst: false } });
    expect(back.status).toBe(200);
  });
});

describe('netto verloren hectares', () => {
  it('counts only business land, never an overlap twice, and nothing for a vervallen transformatie', async () => {
    // A: 2 ha, half on the terrein. B: 2 ha, half on the terrein, of which half under A.
    const a = await create(reg, 'transformaties', await box(-100, 100, 100, 150), { naam: 'A', nieuwe_functie: 'overig' });
    const b = await create(reg, 'transformaties', await box(50, 100, 150, 150), { naam: 'B', nieuwe_functie: 'overig' });
    // A = x −100..100, y 100..150 → 1 ha, of which 0.5 ha on the terrein; B = x 50..150 → 0.5 ha on the terrein, 0.25 ha under A.
    const ha = async (id: number) => (await reg.get(`/api/transformaties/${id}`)).body.properties.netto_verloren_ha;
    expect(await ha(a.id)).toBeCloseTo(0.5, 5);
    expect(await ha(b.id)).toBeCloseTo(0.25, 5);
    const list = (await reg.get('/api/transformaties')).body.features;
    expect(list.find((f: any) => f.id === b.id).properties.netto_verloren_ha).toBeCloseTo(0.25, 5);
    // Never typed in.
    const typed = await reg.send('PATCH', `/api/transformaties/${b.id}`, { version: 1, properties: { netto_verloren_ha: 9 } });
    expect(typed.status).toBe(400);
    // A vervallen: its space is business land again, B now loses its whole 0.5 ha.
    expect((await reg.send('DELETE', `/api/transformaties/${a.id}?version=1`)).status).toBe(200);
    expect(await ha(a.id)).toBe(0);
    expect(await ha(b.id)).toBeCloseTo(0.5, 5);
  });

  it('is a number for every seeded transformatie', async () => {
    const list = (await reg.get('/api/transformaties')).body.features;
    for (const f of list) {
      expect(f.properties.netto_verloren_ha, `transformatie ${f.id}`).toBeTypeOf('number');
      expect(f.properties.netto_verloren_ha).toBeLessThanOrEqual(f.properties.oppervlakte_ha + 1e-6);
    }
  });
});
