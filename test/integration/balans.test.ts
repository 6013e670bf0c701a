// The hectare monitor on hand-computable fixtures (rectangles in RD New), each
// scenario inside a transaction that is rolled back; figures are compared with the
// balance just before the fixtures, so the seed data does not matter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { testApp, testDatabase } from '../support/api.ts';
import { findEmptySpot, type Spot } from '../support/editor-fixture.ts';
import { computeBalans, type Balans, type Moment } from '../../server/balans/service.ts';

const db = testDatabase();
const api = testApp(db);
afterAll(() => db.close());

let spot: Spot;
let otherGemeenteId: number;
beforeAll(async () => {
  spot = await findEmptySpot(db);
  otherGemeenteId = (await db.pool.query(`SELECT id FROM gemeente WHERE id <> $1 AND in_regio ORDER BY id LIMIT 1`, [spot.gemeente_id])).rows[0].id;
});

const box = (x1: number, y1: number, x2: number, y2: number) =>
  `SRID=28992;MULTIPOLYGON(((${spot.x + x1} ${spot.y + y1}, ${spot.x + x2} ${spot.y + y1}, ${spot.x + x2} ${spot.y + y2}, ${spot.x + x1} ${spot.y + y2}, ${spot.x + x1} ${spot.y + y1})))`;

const NOW: Moment = { soort: 'actueel', peildatum: '2026-11-22' };

async function scenario(fn: (client: pg.PoolClient, before: Balans) => Promise<void>) {
  const client = await db.pool.connect();
  try {
    await client.query('BEGIN');
    const before = await computeBalans(client, NOW);
    await fn(client, before);
  } finally {
    await client.query('ROLLBACK');
    client.release();
  }
}

async function terrein(client: pg.PoolClient, geom: string, extra = '') {
  const { rows } = await client.query(
    `INSERT INTO terrein (naam, gemeente_id, geom, bron ${extra ? ', ' + extra.split('=')[0] : ''})
     VALUES ('Testterrein', $1, ST_GeomFromEWKT($2), 'gebruiker' ${extra ? ', ' + extra.split('=')[1] : ''}) RETURNING id`,
    [spot.gemeente_id, geom],
  );
  return rows[0].id as number;
}

async function transformatie(client: pg.PoolClient, geom: string, status = 'studie', terinzage: string | null = null) {
  const { rows } = await client.query(
    `INSERT INTO transformatie (naam, gemeente_id, status, datum_terinzagelegging, geom, bron)
     VALUES ('Testtransformatie', $1, $2, $3, ST_GeomFromEWKT($4), 'gebruiker') RETURNING id`,
    [spot.gemeente_id, status, terinzage, geom],
  );
  return rows[0].id as number;
}

async function compensatie(client: pg.PoolClient, geom: string, gemeenteId: number, besluitpunt: string | null = null) {
  const { rows } = await client.query(
    `INSERT INTO compensatie (naam, gemeente_id, status, besluitpunt_datum, geom, bron)
     VALUES ('Testcompensatie', $1, 'geregeld', $2, ST_GeomFromEWKT($3), 'gebruiker') RETURNING id`,
    [gemeenteId, besluitpunt, geom],
  );
  return rows[0].id as number;
}

async function bo(client: pg.PoolClient, getekend: string) {
  const { rows } = await client.query(
    `INSERT INTO bestuursovereenkomst (naam, datum_ondertekening, bron) VALUES ('Test-BO', $1, 'gebruiker') RETURNING id`, [getekend]);
  return rows[0].id as number;
}

const toewijzing = (client: pg.PoolClient, c: number, t: number, ha: number, boId: number | null = null) =>
  client.query(`INSERT INTO compensatie_toewijzing (compensatie_id, transformatie_id, hectares, bestuursovereenkomst_id) VALUES ($1, $2, $3, $4)`, [c, t, ha, boId]);

const lost = (b: Balans) => b.regio.netto_verloren.ha;
const signalsFor = (b: Balans, transformatieId: number) =>
  b.signaleringen.filter((s) => s.ids.transformatie?.includes(transformatieId)).map((s) => s.regel).sort();

describe('netto verloren hectares', () => {
  it('count two overlapping transformaties on one terrein once', () =>
    scenario(async (client, before) => {
      await terrein(client, box(0, 0, 400, 250)); // 10 ha
      const a = await transformatie(client, box(0, 0, 200, 100)); // 2 ha
      const b = await transformatie(client, box(100, 0, 300, 100)); // 2 ha, 1 ha of it shared with a
      const after = await computeBalans(client, NOW);
      expect(lost(after) - lost(before)).toBeCloseTo(3, 3);
      expect(after.regio.netto_verloren.ids.transformatie).toEqual(expect.arrayContaining([a, b]));
    }));

  it('count a transformatie half on business land as half', () =>
    scenario(async (client, before) => {
      await terrein(client, box(0, 0, 100, 100)); // 1 ha
      await transformatie(client, box(0, 0, 200, 100)); // 2 ha, half on the terrein
      const after = await computeBalans(client, NOW);
      expect(lost(after) - lost(before)).toBeCloseTo(1, 3);
      const g = after.per_gemeente.find((x) => x.gemeente_id === spot.gemeente_id)!;
      const g0 = before.per_gemeente.find((x) => x.gemeente_id === spot.gemeente_id);
      expect(g.verloren.ha - (g0?.verloren.ha ?? 0)).toBeCloseTo(1, 3);
    }));

});

describe('volgtijdelijkheid and restant', () => {
  const TERINZAGE = '2025-06-01';

  async function plan(client: pg.PoolClient) {
    await terrein(client, box(0, 0, 400, 250));
    return transformatie(client, box(0, 0, 100, 100), 'ontwerp_ter_inzage', TERINZAGE); // 1 ha lost
  }

  it('is met inside the gemeente with a besluitpunt dated before terinzagelegging', () =>
    scenario(async (client) => {
      const t = await plan(client);
      await toewijzing(client, await compensatie(client, box(500, 0, 600, 100), spot.gemeente_id, '2025-05-01'), t, 1);
      expect(signalsFor(await computeBalans(client, NOW), t)).toEqual([]);
    }));

  it('is broken inside the gemeente when the besluitpunt came after terinzagelegging', () =>
    scenario(async (client) => {
      const t = await plan(client);
      const c = await compensatie(client, box(500, 0, 600, 100), spot.gemeente_id, '2025-07-01');
      await toewijzing(client, c, t, 1);
      const b = await computeBalans(client, NOW);
      expect(signalsFor(b, t)).toEqual(['R-V1']);
      const s = b.signaleringen.find((x) => x.regel === 'R-V1' && x.ids.transformatie.includes(t))!;
      expect(s.ids.compensatie).toEqual([c]);
      expect(s.tekst).toContain('1 juni 2025');
    }));

  it('is met elsewhere only with a bestuursovereenkomst signed before terinzagelegging', () =>
    scenario(async (client) => {
      const t = await plan(client);
      const c = await compensatie(client, box(500, 0, 600, 100), otherGemeenteId);
      await toewijzing(client, c, t, 1, await bo(client, '2025-05-15'));
      expect(signalsFor(await computeBalans(client, NOW), t)).toEqual([]);
    }));

  it('is broken elsewhere with a bestuursovereenkomst signed too late, or none', () =>
    scenario(async (client) => {
      const t = await plan(client);
      const late = await compensatie(client, box(500, 0, 550, 100), otherGemeenteId);
      const none = await compensatie(client, box(600, 0, 650, 100), otherGemeenteId, '2025-01-01'); // a besluitpunt does not count elsewhere
      await toewijzing(client, late, t, 0.5, await bo(client, '2025-08-01'));
      await toewijzing(client, none, t, 0.5);
      const b = await computeBalans(client, NOW);
      expect(signalsFor(b, t)).toEqual(['R-V1']);
      expect(b.signaleringen.find((x) => x.regel === 'R-V1' && x.ids.transformatie.includes(t))!.ids.compensatie.sort()).toEqual([late, none].sort());
    }));

  it('signals a restant once the plan is ter inzage, and not before', () =>
    scenario(async (client) => {
      const t = await plan(client);
      await toewijzing(client, await compensatie(client, box(500, 0, 600, 100), spot.gemeente_id, '2025-05-01'), t, 0.5);
      const b = await computeBalans(client, NOW);
      expect(signalsFor(b, t)).toEqual(['R-C6', 'R-V1']);
      const g = b.per_gemeente.find((x) => x.gemeente_id === spot.gemeente_id)!;
      expect(g.restant.ha).toBeGreaterThanOrEqual(0.5 - 1e-6);
      // Back to studie, without a date of terinzagelegging: voorgenomen again.
      await client.query(`UPDATE transformatie SET status = 'studie', datum_terinzagelegging = NULL WHERE id = $1`, [t]);
      expect(signalsFor(await computeBalans(client, NOW), t)).toEqual([]);
    }));

  it('signals a transformatie on a terrein that may not be transformed', () =>
    scenario(async (client) => {
      await terrein(client, box(0, 0, 400, 250), 'niet_te_transformeren=true');
      const t = await transformatie(client, box(0, 0, 100, 100));
      expect(signalsFor(await computeBalans(client, NOW), t)).toEqual(['R-T5']);
    }));
});

describe('GET /api/balans', () => {
  it('returns the region with demand against supply and the published figures', async () => {
    const { status, body } = await (await api.as('stuurgroep')).get('/api/balans');
    expect(status).toBe(200);
    expect(body.vraag_aanbod.vraag).toMatchObject({ min: 42, max: 97 });
    expect(body.vraag_aanbod.aanbod_gepubliceerd).toMatchObject({ hard_ha: 6, zacht_ha: 41 });
    expect(body.vraag_aanbod.tekort.gepubliceerd_hard).toEqual({ min: 36, max: 91, tekst: 'tekort van 36 tot 91 ha' });
    expect(body.vraag_aanbod.tekort.gepubliceerd_hard_en_zacht).toEqual({ min: -5, max: 50, tekst: 'van 5 ha overschot tot 50 ha tekort' });
    expect(body.regio.netto_verloren.ha).toBeGreaterThan(0);
    expect(body.regio.netto_verloren.ids.transformatie.length).toBeGreaterThan(0);
    expect(body.plancapaciteit.hard.ha + body.plancapaciteit.zacht.ha).toBeCloseTo(body.vraag_aanbod.aanbod_kaart.totaal_ha, 3);
    const bo = body.bestuursovereenkomsten.find((b: any) => b.naam.includes('Leiden'));
    expect(bo).toMatchObject({ subsidiabel: 211000, bijdrage: 105500, maatwerk_bedrag: 120000 });
  });

  it('answers a peildatum before all dated history with an empty balance', async () => {
    const { status, body } = await (await api.as('regisseur')).get('/api/balans?peildatum=2010-01-01');
    expect(status).toBe(200);
    expect(body.regio.netto_verloren.ha).toBe(0);
    expect(body.per_gemeente).toEqual([]);
  });

  it.each(['2025-13-01', 'gisteren', '2025-02-30', '2025-01-01T10:00'])('refuses peildatum %s with 400', async (p) => {
    const { status, body } = await (await api.as('regisseur')).get(`/api/balans?peildatum=${encodeURIComponent(p)}`);
    expect(status).toBe(400);
    expect(body.error.code).toBe('ongeldige_invoer');
  });

  it('previews a draft without storing it', async () => {
    const reg = await api.as('regisseur');
    const geometry = (await db.pool.query(
      `SELECT ST_AsGeoJSON(ST_Transform(ST_Expand(ST_PointOnSurface(geom), 40), 4326), 9)::json AS g FROM terrein WHERE naam = 'Rooseveltstraat'`)).rows[0].g;
    const count = async () => (await db.pool.query(`SELECT count(*)::int AS n FROM transformatie`)).rows[0].n;
    const before = await count();
    const { status, body } = await reg.send('POST', '/api/balans/preview', { laag: 'transformatie', geometry, properties: { nieuwe_functie: 'wonen' } });
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.regio.netto_verloren_ha.verschil).toBeGreaterThan(0);
    expect(body.regio.netto_verloren_ha.verschil).toBeLessThanOrEqual(0.64 + 1e-6);
    expect(body.per_gemeente.map((g: any) => g.gemeente)).toEqual(['Leiden']);
    expect(await count()).toBe(before);
    const sg = await api.as('stuurgroep');
    expect((await sg.send('POST', '/api/balans/preview', { laag: 'transformatie', geometry })).status).toBe(403);
  });
});
