// Milieuruimte: new housing within a kavel's VNG guide distance takes room from it.
// Hand-built case in an empty part of the region, removed afterwards:
//   terrein 600 × 600 m; kavel cat. 4.2 at (0..100, 0..100); kavel cat. 3.1 at (500..600, 0..100);
//   kavel cat. 3.1 at (250..350, 0..310) (40 m from the housing); kavel cat. 2 inside the housing;
//   housing polygon (0..600, 350..500): 250 m from the 4.2 and the first 3.1 kavel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, testDatabase, type Client } from '../support/api.ts';
import { findEmptySpot, rdBox, rememberIds, type Spot, createFeature } from '../support/editor-fixture.ts';

const db = testDatabase();
const api = testApp(db);

let spot: Spot;
let reg: Client;
let cleanup: Awaited<ReturnType<typeof rememberIds>>;
const ids = { k42: 0, k31: 0, k31dichtbij: 0, kIn: 0 };
let housing: unknown;

const create = (layer: string, geometry: unknown, properties: Record<string, unknown>) => createFeature(reg, layer, geometry, properties);

beforeAll(async () => {
  cleanup = await rememberIds(db);
  spot = await findEmptySpot(db);
  reg = await api.as('regisseur');
  const box = (x1: number, y1: number, x2: number, y2: number) => rdBox(db, spot, x1, y1, x2, y2);
  const t = await create('terreinen', await box(0, 0, 600, 600), { naam: 'Milieutest terrein', milieucategorie_max: '4.2', op_transformatielijst: true });
  ids.k42 = (await create('kavels', await box(0, 0, 100, 100), { terrein_id: t.id, milieucategorie_max: '4.2', naam: 'Zware kavel' })).id;
  ids.k31 = (await create('kavels', await box(500, 0, 600, 100), { terrein_id: t.id, milieucategorie_max: '3.1', naam: 'Lichte kavel' })).id;
  ids.k31dichtbij = (await create('kavels', await box(250, 0, 350, 310), { terrein_id: t.id, milieucategorie_max: '3.1', naam: 'Dichtbij' })).id;
  ids.kIn = (await create('kavels', await box(200, 400, 300, 450), { terrein_id: t.id, milieucategorie_max: '2', naam: 'Erin' })).id;
  housing = await box(0, 350, 600, 500);
});

afterAll(async () => {
  await cleanup.restore();
  await db.close();
});

const byId = (result: any, id: number) => result.kavels.features.find((f: any) => f.id === id);

describe('POST /api/milieuruimte/check', () => {
  it('wonen: the 4.2 kavel at 250 m loses room (4.1 still fits); the 3.1 kavel at 250 m does not', async () => {
    const reply = await reg.send('POST', '/api/milieuruimte/check', { geometry: housing, nieuwe_functie: 'wonen' });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const r = reply.body;
    expect(r.richtafstand_kolom).toBe('richtafstand_m');
    expect(r.oppervlakte_ha).toBeCloseTo(9, 4);
    const k42 = byId(r, ids.k42);
    expect(k42).toBeDefined();
    expect(k42.properties).toMatchObject({ milieucategorie_max: '4.2', richtafstand_m: 300, past_nog: '4.1', naam: 'Zware kavel', gemeente: spot.gemeente });
    expect(k42.properties.afstand_m).toBeCloseTo(250, 1);
    expect(k42.properties.tekort_m).toBeCloseTo(50, 1);
    expect(k42.geometry.type).toBe('MultiPolygon');
    expect(k42.geometry.coordinates[0][0][0][0]).toBeGreaterThan(3); // WGS84 longitude, not RD metres
    expect(k42.geometry.coordinates[0][0][0][0]).toBeLessThan(8);
    expect(byId(r, ids.k31)).toBeUndefined();
    // A 3.1 kavel at 40 m (guide distance 50 m) loses room too; category 2 (30 m) still fits.
    expect(byId(r, ids.k31dichtbij).properties).toMatchObject({ milieucategorie_max: '3.1', richtafstand_m: 50, past_nog: '2' });
    // The kavel under the housing itself is reported apart (it is lost to the transformatie).
    expect(r.kavels_in_vlak).toEqual([ids.kIn]);
    expect(byId(r, ids.kIn)).toBeUndefined();
    // Hectares per category that lose room.
    expect(r.per_categorie.find((c: any) => c.milieucategorie === '4.2')).toMatchObject({ aantal: 1, richtafstand_m: 300 });
    expect(r.per_categorie.find((c: any) => c.milieucategorie === '4.2').ha).toBeCloseTo(1, 4);
    expect(r.per_categorie.find((c: any) => c.milieucategorie === '3.1').ha).toBeCloseTo(3.1, 4);
    expect(r.totaal_ha).toBeCloseTo(r.per_categorie.reduce((s: number, c: any) => s + c.ha, 0), 4);
  });

  it('gemengd: one step lower, so the 4.2 kavel at 250 m (200 m) keeps its room', async () => {
    const reply = await reg.send('POST', '/api/milieuruimte/check', { geometry: housing, nieuwe_functie: 'gemengd' });
    expect(reply.status).toBe(200);
    expect(reply.body.richtafstand_kolom).toBe('richtafstand_gemengd_m');
    expect(byId(reply.body, ids.k42)).toBeUndefined();
    expect(byId(reply.body, ids.k31)).toBeUndefined();
    // 3.1 at 40 m: gemengd distance 30 m, fits.
    expect(byId(reply.body, ids.k31dichtbij)).toBeUndefined();
  });

  it('reads the guide distances from the database table', async () => {
    const { rows } = await db.pool.query(`SELECT richtafstand_m FROM milieucategorie WHERE stelsel = 'VNG2009' AND code = '4.2'`);
    expect(rows[0].richtafstand_m).toBe(300);
  });

  it('refuses another function, a bad geometry, and the stuurgroep', async () => {
    expect((await reg.send('POST', '/api/milieuruimte/check', { geometry: housing, nieuwe_functie: 'overig' })).status).toBe(400);
    const bad = await reg.send('POST', '/api/milieuruimte/check', { geometry: { type: 'Point', coordinates: [4.4, 52.2] }, nieuwe_functie: 'wonen' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('ongeldig_type');
    expect((await (await api.as('stuurgroep')).send('POST', '/api/milieuruimte/check', { geometry: housing, nieuwe_functie: 'wonen' })).status).toBe(403);
  });
});

describe('saving a transformatie', () => {
  it('to wonen answers with the milieuruimte check; to gemengd with the lower distances; overig without', async () => {
    const created = await reg.send('POST', '/api/transformaties', {
      type: 'Feature', geometry: housing, properties: { naam: 'Woonwijk', nieuwe_functie: 'wonen' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.waarschuwingen).toEqual([]);
    expect(byId(created.body.milieuruimte, ids.k42).properties.past_nog).toBe('4.1');
    expect(byId(created.body.milieuruimte, ids.k31)).toBeUndefined();

    const gemengd = await reg.send('PATCH', `/api/transformaties/${created.body.id}`, { version: 1, properties: { nieuwe_functie: 'gemengd' } });
    expect(gemengd.status).toBe(200);
    expect(gemengd.body.milieuruimte.nieuwe_functie).toBe('gemengd');
    expect(byId(gemengd.body.milieuruimte, ids.k42)).toBeUndefined();

    const overig = await reg.send('PATCH', `/api/transformaties/${created.body.id}`, { version: 2, properties: { nieuwe_functie: 'overig' } });
    expect(overig.status).toBe(200);
    expect(overig.body).not.toHaveProperty('milieuruimte');
  });
});
