// The ruimtevragen aggregate for the stuurgroep (issue #13): numbers and hectares per
// milieucategorie, gemeente and reason, and matched / realised / unmatched; never a
// company. Tried as an attacker would: add one company's request that is alone in its
// category and try to read its size from the aggregate, directly or by subtracting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, testDatabase } from '../support/api.ts';

const db = testDatabase();
const api = testApp(db);
let vraagId: number;
let bedrijfId: number;
const GEHEIM = { min_ha: 7.3, max_ha: 9.1 };

beforeAll(async () => {
  // A category no other open request asks for, so its cell holds this one request only.
  const vrij = await db.pool.query<{ code: string }>(
    `SELECT m.code FROM milieucategorie m WHERE NOT EXISTS (
       SELECT 1 FROM ruimtevraag r WHERE r.milieucategorie = m.code AND r.status IN ('open', 'in_behandeling'))
     ORDER BY m.volgorde DESC LIMIT 1`);
  expect(vrij.rows[0], 'a category without open requests').toBeDefined();
  const res = await (await api.as('regisseur')).send('POST', '/api/ruimtevragen', {
    bedrijf: { naam: 'Geheimhouding Metaal BV', kvk_nummer: '87654321' },
    ...GEHEIM, milieucategorie: vrij.rows[0].code, reden: 'verkeerde_plek', gewenste_gemeente_ids: [],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  vraagId = res.body.id;
  bedrijfId = res.body.bedrijf_id;
});

afterAll(async () => {
  await db.pool.query(`DELETE FROM ruimtevraag WHERE id = $1`, [vraagId]);
  await db.pool.query(`DELETE FROM bedrijf WHERE id = $1`, [bedrijfId]);
  await db.close();
});

type Cel = { aantal: number; min_ha: number | null; max_ha: number | null; afgeschermd: boolean };

describe('the ruimtevragen aggregate', () => {
  it('gives numbers and hectares by milieucategorie, gemeente, reason and stand', async () => {
    const agg = (await (await api.as('stuurgroep')).get('/api/ruimtevragen/aggregaat')).body;
    const open = (await db.pool.query(`SELECT count(*)::int AS n FROM ruimtevraag WHERE status IN ('open', 'in_behandeling')`)).rows[0].n;
    const actief = (await db.pool.query(`SELECT count(*)::int AS n FROM ruimtevraag WHERE status <> 'ingetrokken'`)).rows[0].n;
    expect(agg.totaal.aantal).toBe(open);
    for (const deel of ['per_milieucategorie', 'per_reden'] as const) {
      expect(agg[deel].reduce((s: number, c: Cel) => s + c.aantal, 0), deel).toBe(open);
    }
    expect(agg.per_stand.map((s: any) => s.stand)).toEqual(['ongematcht', 'gematcht', 'gerealiseerd']);
    expect(agg.per_stand.reduce((s: number, c: Cel) => s + c.aantal, 0)).toBe(actief);
    const shown = agg.per_reden.filter((c: Cel) => !c.afgeschermd);
    expect(shown.length).toBeGreaterThan(0);
    for (const c of shown) expect(c.max_ha).toBeGreaterThanOrEqual(c.min_ha);
  });

  it('never shows a company: no name, no KvK number, no single request', async () => {
    const text = JSON.stringify((await (await api.as('stuurgroep')).get('/api/ruimtevragen/aggregaat')).body);
    expect(text).not.toContain('Geheimhouding');
    expect(text).not.toContain('87654321');
    expect(text).not.toMatch(/"id"|bedrijf|kvk/i);
  });

  it('does not reveal the size of a request alone in its cell, nor lets it be subtracted from the total', async () => {
    const agg = (await (await api.as('stuurgroep')).get('/api/ruimtevragen/aggregaat')).body;
    const code = (await db.pool.query(`SELECT milieucategorie FROM ruimtevraag WHERE id = $1`, [vraagId])).rows[0].milieucategorie;
    const cel = agg.per_milieucategorie.find((c: any) => c.milieucategorie === code);
    expect(cel).toMatchObject({ aantal: 1, min_ha: null, max_ha: null, afgeschermd: true });
    // Subtracting the shown cells from the total leaves at least two withheld cells together.
    for (const deel of ['per_milieucategorie', 'per_reden'] as const) {
      const verborgen = agg[deel].filter((c: Cel) => c.afgeschermd && c.aantal > 0);
      expect(verborgen.length === 0 || verborgen.length >= 2, deel).toBe(true);
      if (!agg.totaal.afgeschermd && verborgen.length) {
        const rest = agg.totaal.max_ha - agg[deel].filter((c: Cel) => !c.afgeschermd).reduce((s: number, c: Cel) => s + c.max_ha!, 0);
        expect(Math.abs(rest - GEHEIM.max_ha), deel).toBeGreaterThan(0.05);
      }
    }
  });

  it('shows the stuurgroep the aggregate but not the register', async () => {
    const sg = await api.as('stuurgroep');
    expect((await sg.get('/api/ruimtevragen')).status).toBe(403);
    expect((await sg.get(`/api/ruimtevragen/${vraagId}`)).status).toBe(403);
    expect((await sg.get('/api/ruimtevragen/aggregaat')).status).toBe(200);
  });
});
