// The date a re-delivery's changes take effect: a werkgroep imports next year's kavel
// register and says from when it holds, so the monitor's past peildata stay true. A date
// in the future, before a record's last change, or for a layer without dated history is
// refused with nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { testApp, testDatabase } from '../support/api.ts';
import { rememberIds } from '../support/editor-fixture.ts';
import { controleer, EXAMPLES, importeerVoorbeeld, KAVEL_VELDEN, schrijf, TERREIN_VELDEN, upload } from '../support/exchange.ts';

const db = testDatabase();
const api = testApp(db);
let restore: () => Promise<void>;
const BRON = `Gemeente Leiden kavelregister, gedateerd ${Date.now()}`;

beforeAll(async () => { restore = (await rememberIds(db)).restore; });
afterAll(async () => {
  await restore();
  await db.close();
});

/** The states of one kavel (current knowledge) with their validity. */
async function versies(id: number) {
  const { rows } = await db.pool.query<{ status: string; van: string; tot: string | null }>(
    `SELECT status, lower(geldig)::text AS van, upper(geldig)::text AS tot FROM kavel_versie
     WHERE id = $1 AND upper_inf(vastgelegd) ORDER BY lower(geldig)`, [id]);
  return rows;
}

/** The kavels of the plancapaciteit on a peildatum, by bron_id. */
async function plancapaciteit(peildatum: string, ids: Map<number, string>) {
  const r = await (await api.as('regisseur')).get(`/api/balans?peildatum=${peildatum}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  const alle = [...r.body.plancapaciteit.hard.ids.kavel, ...r.body.plancapaciteit.zacht.ids.kavel] as number[];
  return alle.filter((id) => ids.has(id)).map((id) => ids.get(id)!).sort();
}

const opnieuw = async () => {
  const wg = await api.as('werkgroep_leiden');
  const up = await upload(api.app, wg, 'leiden_kavels_2027.zip', await readFile(path.join(EXAMPLES, 'leiden_kavels_2027.zip')));
  expect(up.status, JSON.stringify(up.body)).toBe(201);
  const { rapport } = await controleer(wg, up.body.id, {
    bestand: 'leiden_kavels_2027.shp', laag: 'leiden_kavels_2027', doel: 'kavels', bron: BRON, bron_id_veld: 'KAVELNR', velden: KAVEL_VELDEN,
  });
  expect(rapport.aantallen).toMatchObject({ nieuw: 1, gewijzigd: 1, fout: 0 });
  return { wg, id: up.body.id as string, ontbrekend: rapport.ontbrekend.map((o: { id: number }) => o.id) as number[] };
};

describe('an import with an ingangsdatum', () => {
  let bronIds: Map<number, string>;

  it('dates the first delivery: the kavels exist from that day, not before', async () => {
    const wg = await api.as('werkgroep_leiden');
    const { kavelIds } = await importeerVoorbeeld(api.app, wg, BRON, '2023-01-01');
    const { rows } = await db.pool.query<{ id: number; bron_id: string; geldig_vanaf: string }>(
      `SELECT id, bron_id, geldig_vanaf::text FROM kavel WHERE id = ANY($1) ORDER BY bron_id`, [kavelIds]);
    expect(rows.map((r) => r.geldig_vanaf)).toEqual(Array(6).fill('2023-01-01'));
    bronIds = new Map(rows.map((r) => [r.id, r.bron_id]));
    expect(await plancapaciteit('2022-12-31', bronIds)).toEqual([]);
    expect((await plancapaciteit('2023-06-30', bronIds)).length).toBeGreaterThan(0);
  });

  it('refuses a date before the last change of a record it changes, with nothing written', async () => {
    const { wg, id, ontbrekend } = await opnieuw();
    const voor = (await db.pool.query(`SELECT count(*)::int AS n FROM kavel_versie`)).rows[0].n;
    const { start, sessie } = await schrijf(wg, id, 'uitvoeren', ontbrekend, '2022-06-01');
    expect(start.status).toBe(202);
    expect(sessie.taak).toMatchObject({ status: 'mislukt', fout: { code: 'ingangsdatum_te_vroeg', details: { vorige_wijziging: '2023-01-01' } } });
    expect(sessie.taak.fout.message).toContain('1 januari 2023');
    // The changed kavel and the removed one are named; nothing was written.
    expect([...sessie.taak.fout.details.ids].sort()).toEqual([...bronIds].filter(([, b]) => b === 'LEI-K-002' || b === 'LEI-K-006').map(([k]) => k).sort());
    expect(sessie.resultaat).toBeNull();
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM kavel_versie`)).rows[0].n).toBe(voor);
  });

  it('refuses a date in the future before starting', async () => {
    const { wg, id, ontbrekend } = await opnieuw();
    const morgen = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const { start } = await schrijf(wg, id, 'proefdraai', ontbrekend, morgen);
    expect(start.status).toBe(422);
    expect(start.body.error.code).toBe('ingangsdatum_in_toekomst');
  });

  it('dates the re-delivery: changed, new and removed kavels take effect that day, and the monitor shows both sides of it', async () => {
    const { wg, id, ontbrekend } = await opnieuw();
    const proef = await schrijf(wg, id, 'proefdraai', ontbrekend, '2024-03-01');
    expect(proef.sessie.proef).toMatchObject({ proef: true, ingangsdatum: '2024-03-01' });
    const { sessie } = await schrijf(wg, id, 'uitvoeren', ontbrekend, '2024-03-01');
    expect(sessie.resultaat, JSON.stringify(sessie.taak)).toMatchObject({ aangemaakt: 1, bijgewerkt: 1, verwijderd: 1, ingangsdatum: '2024-03-01' });
    const nieuw = (await db.pool.query<{ id: number }>(`SELECT id FROM kavel WHERE bron = $1 AND bron_id = 'LEI-K-007'`, [BRON])).rows[0].id;
    bronIds.set(nieuw, 'LEI-K-007');
    const v = (b: string) => versies([...bronIds].find(([, x]) => x === b)![0]);
    expect(await v('LEI-K-002')).toEqual([
      { status: 'beschikbaar', van: '2023-01-01', tot: '2024-03-01' },
      { status: 'in_optie', van: '2024-03-01', tot: null },
    ]);
    expect(await v('LEI-K-006')).toEqual([{ status: expect.any(String), van: '2023-01-01', tot: '2024-03-01' }]);
    expect(await v('LEI-K-007')).toEqual([{ status: expect.any(String), van: '2024-03-01', tot: null }]);

    // Before the date the old register, from it the new one.
    const voor = await plancapaciteit('2024-02-29', bronIds);
    const na = await plancapaciteit('2024-03-01', bronIds);
    expect(voor).toContain('LEI-K-002');
    expect(voor).toContain('LEI-K-006');
    expect(voor).not.toContain('LEI-K-007');
    expect(na).not.toContain('LEI-K-002');
    expect(na).not.toContain('LEI-K-006');
    expect(na).toContain('LEI-K-007');
  });

  it('refuses an ingangsdatum for terreinen, which have no dated history', async () => {
    const wg = await api.as('werkgroep_leiden');
    const up = await upload(api.app, wg, 'leiden_kavels.gpkg', await readFile(path.join(EXAMPLES, 'leiden_kavels.gpkg')));
    await controleer(wg, up.body.id, { bestand: 'leiden_kavels.gpkg', laag: 'bedrijventerrein', doel: 'terreinen', bron: BRON, bron_id_veld: 'TERREIN_ID', velden: TERREIN_VELDEN });
    const { start } = await schrijf(wg, up.body.id, 'uitvoeren', [], '2024-03-01');
    expect(start.status).toBe(422);
    expect(start.body.error).toMatchObject({ code: 'ingangsdatum_niet_van_toepassing', message: expect.stringContaining('Terreinen hebben geen gedateerde historie') });
  });
});
