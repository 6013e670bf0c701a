// A werkgroep member creates or reshapes a polygon only where its own gemeente holds
// the largest part (issue 10 #3); a kavel lies within its terrein. Every route that
// makes or changes a shape is tried: create, PATCH with geometry, split, merge, hole,
// restore and the draft check. Built on a border of Leiden (the test account's gemeente), far from the seed data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, testDatabase, type Client } from '../support/api.ts';
import { rememberIds, createFeature } from '../support/editor-fixture.ts';

const db = testDatabase();
const api = testApp(db);

/** A point on the border of Leiden and a neighbour where ±400 m lies in those two only, far from anything drawn. */
let spot: { x: number; y: number };
let leidenId: number;
/** The neighbour of Leiden at the spot. */
let anderId: number;
let ander: string;
let terreinId: number;
let reg: Client;
let wgLeiden: Client;
let cleanup: Awaited<ReturnType<typeof rememberIds>>;

type Shape = { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown[] };

/**
 * WGS84 GeoJSON of an RD New shape built by PostGIS from `p` (the spot), `k` and `l` (the
 * neighbour's and Leiden's outlines), so the shapes follow the real border whatever its direction.
 * `box(n)` is the square of ±n m around the spot.
 */
async function shape(expr: string): Promise<Shape> {
  const sql = expr.replace(/box\((\d+)\)/g, 'ST_Expand(p, $1)');
  const { rows } = await db.pool.query(
    `WITH s AS (SELECT ST_SetSRID(ST_MakePoint($1, $2), 28992) AS p),
          g AS (SELECT (SELECT geom FROM gemeente WHERE id = $3) AS k, (SELECT geom FROM gemeente WHERE naam = 'Leiden') AS l)
     SELECT ST_AsGeoJSON(ST_Transform(${sql}, 4326), 9)::json AS g FROM s, g`,
    [spot.x, spot.y, anderId],
  );
  return rows[0].g;
}

/** SQL for the largest part of a (multi)polygon. */
const grootste = (expr: string) => `(SELECT d.geom FROM ST_Dump(${expr}) d ORDER BY ST_Area(d.geom) DESC LIMIT 1)`;

/** Hectares of a shape per gemeente, by PostGIS. */
async function shares(geometry: Shape): Promise<Map<number, number>> {
  const { rows } = await db.pool.query(
    `SELECT g.id, ST_Area(ST_Intersection(g.geom, ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326), 28992))) / 10000 AS ha
     FROM gemeente g WHERE g.in_regio`,
    [JSON.stringify(geometry)],
  );
  return new Map<number, number>(rows.filter((r) => r.ha > 0.0001).map((r) => [r.id, r.ha]));
}

beforeAll(async () => {
  cleanup = await rememberIds(db);
  leidenId = (await db.pool.query(`SELECT id FROM gemeente WHERE naam = 'Leiden'`)).rows[0].id;
  // Border points of Leiden and a neighbour, farthest from anything drawn, where ±400 m touches only those two.
  const { rows } = await db.pool.query(
    `WITH rand AS (SELECT n.id AS ander_id, n.naam AS ander,
                          ST_Segmentize(ST_CollectionExtract(ST_Intersection(ST_Boundary(n.geom), ST_Boundary(l.geom)), 2), 50) AS r,
                          ST_Union(n.geom, l.geom) AS beide
                   FROM gemeente n, gemeente l WHERE l.naam = 'Leiden' AND n.in_regio AND n.id <> l.id AND ST_Touches(n.geom, l.geom)),
          pts AS (SELECT ander_id, ander, (ST_DumpPoints(r)).geom AS pt, beide FROM rand),
          bezet AS (SELECT geom FROM terrein UNION ALL SELECT geom FROM transformatie UNION ALL SELECT geom FROM compensatie
                    UNION ALL SELECT geom FROM kanszone UNION ALL SELECT geom FROM kavel)
     SELECT ander_id, ander, ST_X(pt) AS x, ST_Y(pt) AS y,
            coalesce((SELECT min(ST_Distance(z.geom, pt)) FROM bezet z WHERE ST_DWithin(z.geom, pt, 3000)), 3000) AS vrij
     FROM pts WHERE ST_Within(ST_Expand(pt, 400), beide)
     ORDER BY vrij DESC, ander_id, ST_X(pt), ST_Y(pt) LIMIT 1`,
  );
  expect(rows[0], 'a free spot on a border of Leiden').toBeDefined();
  expect(rows[0].vrij).toBeGreaterThan(500);
  spot = { x: rows[0].x, y: rows[0].y };
  anderId = rows[0].ander_id;
  ander = rows[0].ander;
  reg = await api.as('regisseur');
  wgLeiden = await api.as('werkgroep_leiden');
  // A terrein over the whole spot, across the border, recorded as Leiden (as real business areas do).
  terreinId = (await createFeature(reg, 'terreinen', await shape('box(350)'), { naam: 'Leids grensterrein', gemeente_id: leidenId })).id;
});

afterAll(async () => {
  await cleanup.restore();
  await db.close();
});

function expectAndereGemeente(reply: { status: number; body: any }, ...gemeenten: string[]) {
  expect(reply.status, JSON.stringify(reply.body)).toBe(403);
  expect(reply.body.error.code).toBe('andere_gemeente');
  // The hectares per gemeente are in the message, Dutch style.
  for (const g of gemeenten) expect(reply.body.error.message).toMatch(new RegExp(`${g} \\d+,\\d\\d ha`));
  expect(reply.body.error.details.gemeenten.length).toBeGreaterThan(0);
}

describe('a werkgroep member draws only where its own gemeente holds the largest part', () => {
  it('refuses a transformatie mostly in the neighbour as a Leiden record, and accepts one mostly in Leiden', async () => {
    // The neighbour's half of the spot plus a 20 m strip of Leiden.
    const mostlyAnder = await shape('ST_Intersection(box(300), ST_Buffer(k, 20))');
    const s = await shares(mostlyAnder);
    expect(s.get(anderId)!).toBeGreaterThan(5 * s.get(leidenId)!);
    const before = (await db.pool.query(`SELECT count(*)::int AS n FROM transformatie`)).rows[0].n;

    for (const properties of [{ naam: 'Over de grens' }, { naam: 'Over de grens', gemeente_id: leidenId }]) {
      const reply = await wgLeiden.send('POST', '/api/transformaties', { type: 'Feature', geometry: mostlyAnder, properties });
      expectAndereGemeente(reply, ander, 'Leiden');
    }
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM transformatie`)).rows[0].n).toBe(before);

    const draft = await wgLeiden.send('POST', '/api/validatie/transformaties', { geometry: mostlyAnder });
    expect(draft.status).toBe(200);
    expect(draft.body.geldig).toBe(false);
    expect(draft.body.fouten.find((f: any) => f.code === 'andere_gemeente')?.message).toMatch(new RegExp(`${ander} \\d+,\\d\\d ha`));

    const mostlyLeiden = await shape('ST_Intersection(box(300), ST_Buffer(l, 20))');
    const ok = await wgLeiden.send('POST', '/api/transformaties', { type: 'Feature', geometry: mostlyLeiden, properties: { naam: 'Grotendeels Leiden' } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body.properties.gemeente_id).toBe(leidenId);
    const okDraft = await wgLeiden.send('POST', '/api/validatie/transformaties', { geometry: mostlyLeiden });
    expect(okDraft.body.fouten.map((f: any) => f.code)).not.toContain('andere_gemeente');

    // The regisseur may record either.
    const byReg = await reg.send('POST', '/api/transformaties', { type: 'Feature', geometry: mostlyAnder, properties: { naam: 'Door de regisseur', gemeente_id: leidenId } });
    expect(byReg.status, JSON.stringify(byReg.body)).toBe(201);
  });

  it('refuses a reshape (PATCH, hole, merge, split, restore) that leaves Leiden without the largest part', async () => {
    // A Leiden kanszone: the Leiden half of ±100 m plus a 30 m strip of the neighbour.
    const zoneShape = await shape(grootste('ST_Intersection(box(100), ST_Buffer(l, 30))'));
    const zone = await createFeature(wgLeiden, 'kanszones', zoneShape, { naam: 'Leidse zone', soort: 'overig' });
    expect(zone.properties.gemeente).toBe('Leiden');
    const ha = zone.properties.oppervlakte_ha;

    // PATCH with a geometry mostly in the neighbour.
    expectAndereGemeente(await wgLeiden.send('PATCH', `/api/kanszones/${zone.id}`, {
      version: 1, geometry: await shape(grootste('ST_Intersection(box(100), ST_Buffer(k, 30))')),
    }), ander);

    // A hole that takes most of the Leiden part away: a 5 m ring of Leiden stays, the strip of the neighbour is larger.
    const hole = await shape(grootste('ST_Buffer(ST_Intersection(box(100), l), -5)'));
    expectAndereGemeente(await wgLeiden.send('POST', `/api/kanszones/${zone.id}/hole`, { version: 1, geometry: hole }), ander);

    // Merge with a Leiden record that lies mostly in the neighbour (the regisseur made it).
    const other = await createFeature(reg, 'kanszones',
      await shape(grootste('ST_Intersection(ST_Difference(box(300), box(110)), ST_Buffer(k, 10))')),
      { naam: 'Deel buurgemeente', soort: 'overig', gemeente_id: leidenId });
    expect(other.properties.gemeente).toBe('Leiden');
    expectAndereGemeente(await wgLeiden.send('POST', `/api/kanszones/${zone.id}/merge`, { version: 1, met_id: other.id, met_version: 1 }), ander);

    // Split along the border: the strip across it becomes a record wholly in the neighbour.
    const { rows } = await db.pool.query(
      `WITH r AS (SELECT (ST_Dump(ST_LineMerge(ST_CollectionExtract(ST_Intersection(ST_Intersection(ST_Boundary(k.geom), ST_Boundary(l.geom)),
                    ST_Expand(ST_SetSRID(ST_MakePoint($1, $2), 28992), 140)), 2)))).geom AS g
                  FROM gemeente k, gemeente l WHERE k.id = $3 AND l.naam = 'Leiden')
       SELECT ST_AsGeoJSON(ST_Transform(g, 4326), 9)::json AS g FROM r ORDER BY ST_Length(g) DESC LIMIT 1`,
      [spot.x, spot.y, anderId],
    );
    expectAndereGemeente(await wgLeiden.send('POST', `/api/kanszones/${zone.id}/split`, { version: 1, line: rows[0].g }), ander);

    // Restore of a version that lay mostly in the neighbour: the regisseur moved it there, then back.
    const moved = await reg.send('PATCH', `/api/kanszones/${zone.id}`, {
      version: 1, geometry: await shape(grootste('ST_Intersection(box(100), ST_Buffer(k, 30))')), properties: { gemeente_id: leidenId },
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const back = await reg.send('PATCH', `/api/kanszones/${zone.id}`, { version: 2, geometry: zoneShape });
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    expectAndereGemeente(await wgLeiden.send('POST', `/api/kanszones/${zone.id}/restore`, { version: 3, naar_versie: 2 }), ander);

    // Nothing of it was written: the zone is at version 3 with its Leiden shape; the other untouched.
    const now = (await reg.get(`/api/kanszones/${zone.id}`)).body.properties;
    expect(now.version).toBe(3);
    expect(now.oppervlakte_ha).toBeCloseTo(ha, 4);
    expect((await reg.get(`/api/kanszones/${other.id}`)).body.properties.version).toBe(1);
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM kanszone WHERE naam = 'Leidse zone'`)).rows[0].n).toBe(1);

    // Changing attributes is not reshaping: still allowed on the Leiden record that lies mostly in the neighbour.
    const renamed = await wgLeiden.send('PATCH', `/api/kanszones/${other.id}`, { version: 1, properties: { naam: 'Hernoemd' } });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
  });
});

describe("a kavel lies within its terrein and the terrein's gemeente", () => {
  it('refuses a kavel wholly in the neighbour on a Leiden terrein, and one outside its terrein', async () => {
    const inAnder = await shape(grootste('ST_Buffer(ST_Intersection(box(120), k), -10)'));
    const inLeiden = await shape(grootste('ST_Buffer(ST_Intersection(box(120), l), -10)'));

    // Wholly in the neighbour, naming the Leiden terrein: the case.
    const katwijkKavel = await wgLeiden.send('POST', '/api/kavels', {
      type: 'Feature', geometry: inAnder, properties: { terrein_id: terreinId, milieucategorie_max: '3.1' },
    });
    expectAndereGemeente(katwijkKavel, ander);

    // Same kavel on a Leiden terrein far away: refused for the same reason.
    const farTerrein = (await db.pool.query(
      `SELECT t.id FROM terrein t WHERE t.gemeente_id = $1 AND NOT ST_DWithin(t.geom, ST_SetSRID(ST_MakePoint($2, $3), 28992), 2000) ORDER BY t.id LIMIT 1`,
      [leidenId, spot.x, spot.y],
    )).rows[0].id;
    expectAndereGemeente(await wgLeiden.send('POST', '/api/kavels', {
      type: 'Feature', geometry: inAnder, properties: { terrein_id: farTerrein, milieucategorie_max: '3.1' },
    }), ander);

    // In Leiden but off its terrein: 422 for every role.
    for (const who of [wgLeiden, reg]) {
      const off = await who.send('POST', '/api/kavels', {
        type: 'Feature', geometry: inLeiden, properties: { terrein_id: farTerrein, milieucategorie_max: '3.1' },
      });
      expect(off.status, JSON.stringify(off.body)).toBe(422);
      expect(off.body.error.code).toBe('kavel_buiten_terrein');
      expect(off.body.error.message).toMatch(/\d+,\d\d ha/);
    }

    // On the Leiden part of the terrein: fine. Moving it to the far terrein or redrawing it into the neighbour is not.
    const kavel = await createFeature(wgLeiden, 'kavels', inLeiden, { terrein_id: terreinId, milieucategorie_max: '3.1' });
    const moveTerrein = await wgLeiden.send('PATCH', `/api/kavels/${kavel.id}`, { version: 1, properties: { terrein_id: farTerrein } });
    expect(moveTerrein.status, JSON.stringify(moveTerrein.body)).toBe(422);
    expect(moveTerrein.body.error.code).toBe('kavel_buiten_terrein');
    expectAndereGemeente(await wgLeiden.send('PATCH', `/api/kavels/${kavel.id}`, { version: 1, geometry: inAnder }), ander);
    const kavelDraft = await wgLeiden.send('POST', '/api/validatie/kavels', { geometry: inAnder, properties: { terrein_id: terreinId } });
    expect(kavelDraft.body.fouten.map((f: any) => f.code)).toContain('andere_gemeente');
    const offDraft = await reg.send('POST', '/api/validatie/kavels', { geometry: inLeiden, properties: { terrein_id: farTerrein } });
    expect(offDraft.body.fouten.map((f: any) => f.code)).toContain('kavel_buiten_terrein');
    expect((await reg.get(`/api/kavels/${kavel.id}`)).body.properties).toMatchObject({ version: 1, terrein_id: terreinId });
  });
});
