// POST /api/balans/preview is a read-only what-if (issue #10 item 12): the draft is
// joined into the computation, nothing is written or locked, the geometry and the
// werkgroep's gemeente are checked first, and the answer equals what saving would do.
import { beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { inject } from 'vitest';
import { rdPolygon } from '../support/editor-fixture.ts';
import { monitorTestFile } from '../support/monitor-fixture.ts';

const { db, api, spot, fx } = monitorTestFile();
let t: number;

beforeAll(async () => {
  await fx.maak('terreinen', await fx.box(0, 400, 400, 650), { naam: 'Monitor preview terrein', typologie: 'breed_gedifferentieerd' });
  t = await fx.maak('transformaties', await fx.box(0, 400, 100, 500), { naam: 'Monitor P', nieuwe_functie: 'wonen', status: 'studie' });
});

const sequences = async () => (await db.pool.query(
  `SELECT (SELECT last_value FROM audit_log_id_seq) AS audit, (SELECT last_value FROM transformatie_id_seq) AS transformatie,
          (SELECT last_value FROM compensatie_id_seq) AS compensatie`,
)).rows[0];

describe('POST /api/balans/preview', () => {
  it('writes nothing, not even a rolled-back row', async () => {
    const reg = await api.as('regisseur');
    const before = await sequences();
    const nieuw = await reg.send('POST', '/api/balans/preview', { laag: 'transformatie', geometry: await fx.box(100, 400, 250, 500) });
    expect(nieuw.status, JSON.stringify(nieuw.body)).toBe(200);
    const bestaand = await reg.send('POST', '/api/balans/preview', { laag: 'transformatie', id: t, geometry: await fx.box(0, 400, 200, 500) });
    expect(bestaand.status, JSON.stringify(bestaand.body)).toBe(200);
    const comp = await reg.send('POST', '/api/balans/preview', { laag: 'compensatie', geometry: await fx.box(600, 400, 700, 500) });
    expect(comp.status, JSON.stringify(comp.body)).toBe(200);
    expect(await sequences()).toEqual(before);
  });

  it('gives what saving would change', async () => {
    const reg = await api.as('regisseur');
    const geometry = await fx.box(0, 400, 250, 500); // P grows from 1 to 2,5 ha, all on the terrein
    const preview = await reg.send('POST', '/api/balans/preview', { laag: 'transformatie', id: t, geometry });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body.regio.netto_verloren_ha.verschil).toBeCloseTo(1.5, 4);
    expect(preview.body.per_gemeente.map((g: any) => g.gemeente)).toEqual([spot().gemeente]);
    const voor = await fx.balans();
    await fx.wijzig('transformaties', t, {}, geometry);
    const na = await fx.balans();
    expect(na.regio.netto_verloren.ha - voor.regio.netto_verloren.ha).toBeCloseTo(preview.body.regio.netto_verloren_ha.verschil, 4);
    expect(na.regio.nog_toe_te_wijzen.ha - voor.regio.nog_toe_te_wijzen.ha).toBeCloseTo(preview.body.regio.nog_toe_te_wijzen_ha.verschil, 4);
  });

  it('checks the geometry before anything else', async () => {
    const reg = await api.as('regisseur');
    const bowtie = await rdPolygon(db, spot(), [[0, 400], [100, 500], [100, 400], [0, 500]]);
    const res = await reg.send('POST', '/api/balans/preview', { laag: 'transformatie', geometry: bowtie });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('zelfdoorsnijding');
  });

  it("refuses a werkgroep member a record or a drawing of another gemeente", async () => {
    const ander = spot().gemeente === 'Leiden' ? 'werkgroep_katwijk' : 'werkgroep_leiden';
    const wg = await api.as(ander);
    const bestaand = await wg.send('POST', '/api/balans/preview', { laag: 'transformatie', id: t, geometry: await fx.box(0, 400, 150, 500) });
    expect(bestaand.status).toBe(403);
    expect(bestaand.body.error.code).toBe('andere_gemeente');
    const nieuw = await wg.send('POST', '/api/balans/preview', { laag: 'compensatie', geometry: await fx.box(600, 400, 700, 500) });
    expect(nieuw.status).toBe(403);
    const eigen = await api.as(spot().gemeente === 'Leiden' ? 'werkgroep_leiden' : 'werkgroep_katwijk');
    expect((await eigen.send('POST', '/api/balans/preview', { laag: 'compensatie', geometry: await fx.box(600, 400, 700, 500) })).status).toBe(200);
  });

  it('refuses a drawing too detailed to compute within bounds', async () => {
    const { rows } = await db.pool.query(
      `SELECT ST_AsGeoJSON(ST_Transform(ST_Buffer(ST_SetSRID(ST_MakePoint($1, $2), 28992), 60, 1600), 4326), 9)::json AS g`,
      [spot().x + 200, spot().y + 450],
    );
    const res = await (await api.as('regisseur')).send('POST', '/api/balans/preview', { laag: 'transformatie', geometry: rows[0].g });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('te_complex');
    expect(res.body.error.message).toMatch(/ten hoogste 5\.000/);
  });

  it('answers 404 for an unknown record', async () => {
    const res = await (await api.as('regisseur')).send('POST', '/api/balans/preview', { laag: 'transformatie', id: 99_999_999, geometry: await fx.box(0, 400, 100, 500) });
    expect(res.status).toBe(404);
  });

  // PostgreSQL only: the embedded database serves one connection, so no second session can hold a lock.
  it.skipIf(inject('databaseMode') !== 'postgres')('takes no lock: answers while another session holds the row', async () => {
    const other = new pg.Client({ connectionString: inject('databaseUrl') });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query('SELECT id FROM transformatie WHERE id = $1 FOR UPDATE', [t]);
      const reg = await api.as('regisseur');
      const answer = reg.send('POST', '/api/balans/preview', { laag: 'transformatie', id: t, geometry: await fx.box(0, 400, 120, 500) });
      const timeout = new Promise<'wacht'>((r) => setTimeout(() => r('wacht'), 10_000));
      const res = await Promise.race([answer, timeout]);
      expect(res).not.toBe('wacht');
      expect((res as any).status).toBe(200);
    } finally {
      await other.query('ROLLBACK');
      await other.end();
    }
  });
});
