// A transformatie's gemeente, terreinen and zittende bedrijven: the gemeente comes from
// the geometry and may be changed only to another gemeente under it; the terreinen are
// derived; company names on a transformation area are not for the stuurgroep.
// Built on a border between two region gemeenten, far from the seed data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, testDatabase, type Client } from '../support/api.ts';
import { findBorderSpot, rdBox, rememberIds, type Spot, createFeature } from '../support/editor-fixture.ts';

const db = testDatabase();
const api = testApp(db);

let spot: Spot & { ander: string; ander_id: number };
let reg: Client;
let terreinId: number;
let cleanup: Awaited<ReturnType<typeof rememberIds>>;

const box = (x1: number, y1: number, x2: number, y2: number) => rdBox(db, spot, x1, y1, x2, y2);
/** Share of a box (offsets from the spot) in each gemeente, by PostGIS: { gemeente_id: m² }. */
async function shares(x1: number, y1: number, x2: number, y2: number): Promise<Map<number, number>> {
  const { rows } = await db.pool.query(
    `SELECT g.id, ST_Area(ST_Intersection(g.geom, ST_MakeEnvelope($1, $2, $3, $4, 28992))) AS m2
     FROM gemeente g WHERE g.in_regio AND ST_Intersects(g.geom, ST_MakeEnvelope($1, $2, $3, $4, 28992))`,
    [spot.x + x1, spot.y + y1, spot.x + x2, spot.y + y2],
  );
  return new Map(rows.filter((r) => r.m2 > 0).map((r) => [r.id, r.m2]));
}
const larger = (m: Map<number, number>) => [...m.entries()].sort((a, b) => b[1] - a[1])[0][0];
const smaller = (m: Map<number, number>) => [...m.entries()].sort((a, b) => a[1] - b[1])[0][0];

const create = (layer: string, geometry: unknown, properties: Record<string, unknown>) => createFeature(reg, layer, geometry, properties);

beforeAll(async () => {
  cleanup = await rememberIds(db);
  spot = await findBorderSpot(db);
  reg = await api.as('regisseur');
  terreinId = (await create('terreinen', await box(-150, -150, 150, 150), { naam: 'Grensterrein' })).id;
});

afterAll(async () => {
  await cleanup.restore();
  await db.close();
});

describe('gemeente of a transformatie across a border', () => {
  it('lists both gemeenten and the terrein under a draft, the largest share chosen', async () => {
    const check = await reg.send('POST', '/api/validatie/transformaties', { geometry: await box(-100, -100, 100, 100) });
    expect(check.status, JSON.stringify(check.body)).toBe(200);
    const expected = await shares(-100, -100, 100, 100);
    expect(check.body.gemeenten.map((g: { id: number }) => g.id).sort()).toEqual([...expected.keys()].sort());
    expect(check.body.gemeenten[0].id).toBe(larger(expected));
    expect(check.body.gemeente_id).toBe(larger(expected));
    const total = check.body.gemeenten.reduce((s: number, g: { ha: number }) => s + g.ha, 0);
    expect(total).toBeCloseTo(4, 2);
    expect(check.body.terreinen).toEqual([{ id: terreinId, naam: 'Grensterrein', ha: expect.closeTo(4, 3) }]);
  });

  it('stores the other gemeente under the polygon when chosen, and keeps it through a redraw that still covers it', async () => {
    const under = await shares(-100, -100, 100, 100);
    const t = await create('transformaties', await box(-100, -100, 100, 100), { naam: 'Grenstransformatie', gemeente_id: smaller(under) });
    expect(t.properties.gemeente_id).toBe(smaller(under));
    expect(t.properties.terreinen).toEqual([{ id: terreinId, naam: 'Grensterrein', ha: expect.closeTo(4, 3) }]);
    // The choices stay with the record, so the gemeente can be changed without redrawing.
    expect(t.properties.gemeenten.map((g: { id: number }) => g.id)).toEqual([larger(under), smaller(under)]);

    const redrawn = await reg.send('PATCH', `/api/transformaties/${t.id}`, { version: 1, geometry: await box(-120, -100, 100, 100) });
    expect(redrawn.status, JSON.stringify(redrawn.body)).toBe(200);
    expect(redrawn.body.properties.gemeente_id).toBe(smaller(under));
  });

  it('moves the gemeente when a redraw leaves the chosen one, and refuses a gemeente the polygon does not touch', async () => {
    const under = await shares(-100, -100, 100, 100);
    const t = await create('transformaties', await box(-100, -100, 100, 100), { naam: 'Schuivende transformatie', gemeente_id: smaller(under) });
    // A small box well inside the larger gemeente's side: find it by PostGIS, not by guessing directions.
    const candidates: [number, number, number, number][] = [[-150, -150, -90, -90], [90, 90, 150, 150], [-150, 90, -90, 150], [90, -150, 150, -90]];
    let inside: [number, number, number, number] | undefined;
    for (const c of candidates) {
      const s = await shares(...c);
      if (s.size === 1 && s.has(larger(under))) inside = c;
    }
    expect(inside, 'a corner of the box lies in the larger gemeente only').toBeDefined();
    const moved = await reg.send('PATCH', `/api/transformaties/${t.id}`, { version: 1, geometry: await box(...inside!) });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.properties.gemeente_id).toBe(larger(under));

    const elsewhere = (await db.pool.query(`SELECT id FROM gemeente WHERE in_regio AND id <> ALL($1) ORDER BY id LIMIT 1`, [[...under.keys()]])).rows[0].id;
    const refused = await reg.send('POST', '/api/transformaties', {
      type: 'Feature', geometry: await box(-100, -100, 100, 100), properties: { naam: 'Verkeerde gemeente', gemeente_id: elsewhere },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'gemeente_buiten_vlak' });
    expect(refused.body.error.message).toMatch(/kies .+ of .+/);
    const patch = await reg.send('PATCH', `/api/transformaties/${t.id}`, { version: 2, properties: { gemeente_id: elsewhere } });
    expect(patch.status).toBe(422);
    expect(patch.body.error).toMatchObject({ code: 'gemeente_buiten_vlak' });
    const draft = await reg.send('POST', '/api/validatie/transformaties', { geometry: await box(-100, -100, 100, 100), properties: { gemeente_id: elsewhere } });
    expect(draft.body).toMatchObject({ geldig: false, fouten: [expect.objectContaining({ code: 'gemeente_buiten_vlak' })] });
  });
});

describe('zittende bedrijven', () => {
  const bedrijven = [
    { naam: 'Garagebedrijf Grensweg', gebruikspositie: 'huurder' },
    { naam: 'Timmerfabriek De Spijker', gebruikspositie: 'eigenaar', status: 'in gesprek' },
    { naam: 'Koeltechniek Zuid', gebruikspositie: 'huurder' },
  ];

  it('are stored with the transformatie and read back by the werkgroep and the regisseur; the stuurgroep sees the counts only', async () => {
    const t = await create('transformaties', await box(-50, -50, 50, 50), { naam: 'Met zittende bedrijven', zittende_bedrijven: bedrijven });
    const asReg = await reg.get(`/api/transformaties/${t.id}`);
    expect(asReg.body.properties).toMatchObject({ zittende_bedrijven: bedrijven, zittende_huurders: 2, zittende_eigenaren: 1 });
    const wg = await api.as(spot.gemeente === 'Katwijk' ? 'werkgroep_katwijk' : 'werkgroep_leiden');
    expect((await wg.get(`/api/transformaties/${t.id}`)).body.properties.zittende_bedrijven).toEqual(bedrijven);

    const sg = await api.as('stuurgroep');
    const asSg = await sg.get(`/api/transformaties/${t.id}`);
    expect(asSg.status).toBe(200);
    expect(asSg.body.properties).toMatchObject({ zittende_huurders: 2, zittende_eigenaren: 1 });
    expect(asSg.body.properties).not.toHaveProperty('zittende_bedrijven');
    const list = await sg.get('/api/transformaties');
    const history = await sg.get(`/api/transformaties/${t.id}/history`);
    expect(history.status).toBe(200);
    expect(history.body[0].eigenschappen).toMatchObject({ naam: 'Met zittende bedrijven' });
    for (const body of [asSg.body, list.body, history.body]) {
      for (const b of bedrijven) expect(JSON.stringify(body)).not.toContain(b.naam);
    }
    expect((await reg.get(`/api/transformaties/${t.id}/history`)).body[0].eigenschappen.zittende_bedrijven).toEqual(bedrijven);
  });

  it('refuses a company without a name or with an unknown gebruikspositie', async () => {
    for (const bad of [[{ naam: '', gebruikspositie: 'huurder' }], [{ naam: 'X', gebruikspositie: 'pachter' }], [{ naam: 'X' }]]) {
      const reply = await reg.send('POST', '/api/transformaties', {
        type: 'Feature', geometry: await box(-50, -50, 50, 50), properties: { naam: 'Fout', zittende_bedrijven: bad },
      });
      expect(reply.status, JSON.stringify(bad)).toBe(400);
    }
  });
});
