// Meetings with frozen snapshots (issue #13): a snapshot keeps the figures and the
// polygons as they were when frozen, however the records change later; the database
// refuses to change it; and the comparison of two meetings lists exactly the edits made
// between them, with hectare changes computed by hand from RD New rectangles.
import { beforeAll, describe, expect, it } from 'vitest';
import { monitorTestFile } from '../support/monitor-fixture.ts';
import { recordLijst } from '../../server/vergaderingen/queries.ts';
import { kenmerkVan } from '../../server/vergaderingen/service.ts';
import { today } from '../../server/domain/dates.ts';
import { area } from '@turf/turf';

const { db, api, spot, fx } = monitorTestFile();

// Terrein 400 × 250 m; kavel K 100 × 100 m (1 ha, beschikbaar, hard) in its south-west
// corner; transformatie X 100 × 100 m in its north-east corner (1 ha of business land,
// 150 m from K, so K's changes do not touch X); compensatie C 200 × 100 m (2 ha) beside
// the terrein, geregeld, 0,8 ha toegewezen to X.
let k: number;
let x: number;
let c: number;
let toewijzing: number;
let a: { id: number };
let b: { id: number };
let frozenA: any;
let kaartA: any;
let balansVoorA: any;

const regie = () => api.as('regisseur');

async function vergadering(titel: string, datum: string) {
  // Meetings dated in the past whose figures are about today (their peildatum).
  const res = await (await regie()).send('POST', '/api/vergaderingen', { datum, gremium: 'stuurgroep', titel, peildatum: today() });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number };
}

async function bevries(id: number, body?: unknown) {
  const res = await (await regie()).send('POST', `/api/vergaderingen/${id}/snapshot`, body);
  expect(res.status, JSON.stringify(res.body).slice(0, 400)).toBe(201);
  return res.body;
}

const kpi = (v: any, code: string) => v.kpis.find((x: any) => x.code === code);

beforeAll(async () => {
  const terrein = await fx.maak('terreinen', await fx.box(0, 0, 400, 250), { naam: 'Snapshot terrein', typologie: 'breed_gedifferentieerd' });
  k = await fx.maak('kavels', await fx.box(0, 0, 100, 100), { terrein_id: terrein, milieucategorie_max: '3.1', status: 'beschikbaar', planstatus: 'hard' });
  x = await fx.maak('transformaties', await fx.box(300, 150, 400, 250), { naam: 'Snapshot X', nieuwe_functie: 'overig', status: 'studie' });
  c = await fx.maak('compensaties', await fx.box(600, 0, 800, 100), {
    naam: 'Snapshot C', status: 'geregeld', planstatus: 'hard', besluitpunt_datum: today(),
  });
  toewijzing = await fx.wijs(c, x, 0.8);

  a = await vergadering('Stuurgroep snapshot A', '2021-01-15');
  frozenA = (await (await regie()).get(`/api/vergaderingen/${a.id}`)).body;
  expect(frozenA.snapshot).toBeNull();
  balansVoorA = (await (await regie()).get('/api/balans')).body;
  frozenA = await bevries(a.id, {});
  kaartA = (await (await regie()).get(`/api/vergaderingen/${a.id}/kaart`)).body;

  // Between the meetings: K grows to 150 × 100 m (1,5 ha); the toewijzing of 0,8 ha is
  // withdrawn and 0,5 ha toegewezen instead.
  await fx.wijzig('kavels', k, {}, await fx.box(0, 0, 150, 100));
  const regisseur = await regie();
  const overzicht = await regisseur.get(`/api/compensaties/${c}/toewijzingen`);
  const versie = overzicht.body.toewijzingen.find((t: any) => t.id === toewijzing).version;
  const weg = await regisseur.send('DELETE', `/api/compensaties/${c}/toewijzingen/${toewijzing}?version=${versie}`);
  expect(weg.status, JSON.stringify(weg.body)).toBe(200);
  await fx.wijs(c, x, 0.5);

  b = await vergadering('Stuurgroep snapshot B', '2021-04-15');
  await bevries(b.id, {});
}, 240_000);

describe('a frozen snapshot', () => {
  it('holds the balance, the series, the signaleringen, the adviezen and the ruimtevragen aggregate of its peildatum', async () => {
    const s = frozenA.snapshot;
    expect(s.volgnummer).toBe(1);
    expect(s.peildatum).toBe(today());
    expect(s.bevroren_door).toBe('Test Regisseur');
    expect(s.kenmerk).toMatch(/^[0-9a-f]{64}$/);
    const inhoud = s.inhoud;
    expect(inhoud.balans.peildatum).toBe(today());
    expect(inhoud.balans.transformaties.find((t: any) => t.id === x).toegewezen_ha).toBeCloseTo(0.8, 6);
    expect(inhoud.balans.plancapaciteit.hard.ids.kavel).toContain(k);
    expect(Array.isArray(inhoud.balans.signaleringen)).toBe(true);
    expect(inhoud.reeks.jaren.length).toBe(21);
    expect(Array.isArray(inhoud.adviezen)).toBe(true);
    expect(inhoud.ruimtevragen.totaal.aantal).toBeGreaterThan(0);
    // The figures are those the monitor showed at that moment.
    expect(inhoud.balans.regio).toEqual(balansVoorA.regio);
    expect(inhoud.balans.per_gemeente).toEqual(balansVoorA.per_gemeente);
    expect(inhoud.balans.signaleringen).toEqual(balansVoorA.signaleringen);
  });

  it('refers to the version row of every versioned record on its peildatum, and to the version of the others', async () => {
    const records = frozenA.snapshot.records as { tabel: string; id: number; versie_id: number | null; version: number | null }[];
    const kRef = records.find((r) => r.tabel === 'kavel' && r.id === k)!;
    const { rows } = await db.pool.query(`SELECT versie_id FROM kavel_versie WHERE id = $1 ORDER BY versie_id`, [k]);
    expect(rows.map((r) => r.versie_id)).toContain(kRef.versie_id);
    expect(records.find((r) => r.tabel === 'compensatie_toewijzing' && r.id === toewijzing)?.versie_id).toBeGreaterThan(0);
    expect(records.find((r) => r.tabel === 'terrein')?.version).toBeGreaterThan(0);
    const live = await db.pool.query(`SELECT count(*)::int AS n FROM kavel`);
    expect(records.filter((r) => r.tabel === 'kavel').length).toBe(live.rows[0].n);
  });

  it('is returned exactly as frozen after a polygon and a toewijzing changed', async () => {
    const nu = (await (await regie()).get(`/api/vergaderingen/${a.id}`)).body;
    expect(nu.snapshot).toEqual(frozenA.snapshot);
    // The live figures did change.
    const live = (await (await regie()).get('/api/balans')).body;
    expect(live.transformaties.find((t: any) => t.id === x).toegewezen_ha).toBeCloseTo(0.5, 6);
  });

  it('draws every polygon as it was: K still 1 ha on the frozen map, 1,5 ha on the live one', async () => {
    const nu = (await (await regie()).get(`/api/vergaderingen/${a.id}/kaart`)).body;
    expect(nu).toEqual(kaartA);
    const kVroeger = nu.kavels.features.find((f: any) => f.id === k);
    expect(kVroeger.properties.oppervlakte_ha).toBeCloseTo(1, 3);
    // Spherical area in WGS84 reads a little low against RD New; 1 % is far below the 50 % change.
    expect(area(kVroeger) / 10_000).toBeCloseTo(1, 1);
    const live = (await (await regie()).get(`/api/vergaderingen/${a.id}/kaart?live=true`)).body;
    expect(live.kavels.features.find((f: any) => f.id === k).properties.oppervlakte_ha).toBeCloseTo(1.5, 3);
    for (const laag of ['gemeenten', 'terreinen', 'kanszones', 'kavels', 'transformaties', 'compensaties']) {
      expect(nu[laag].features.length, laag).toBeGreaterThan(0);
    }
  });

  it('keeps its kenmerk: the SHA-256 of the stored content and records still matches', async () => {
    const { rows } = await db.pool.query(`SELECT id, inhoud::text AS tekst, kenmerk FROM vergadering_snapshot WHERE vergadering_id = $1`, [a.id]);
    const lijst = await recordLijst(db.pool, { soort: 'snapshot', snapshotId: rows[0].id });
    expect(kenmerkVan(rows[0].tekst, lijst)).toBe(rows[0].kenmerk);
    expect(rows[0].kenmerk).toBe(frozenA.snapshot.kenmerk);
  });

  it('cannot be changed or removed in the database, nor can the version rows it refers to', async () => {
    const sid = frozenA.snapshot.id;
    const kRef = frozenA.snapshot.records.find((r: any) => r.tabel === 'kavel' && r.id === k);
    const refused = async (sql: string, params: unknown[] = []) => {
      const err = await db.pool.query(sql, params).then(() => null, (e) => e);
      expect(err, sql).not.toBeNull();
      expect(err.code, sql).toBe('23001');
    };
    await refused(`UPDATE vergadering_snapshot SET peildatum = '2020-01-01' WHERE id = $1`, [sid]);
    await refused(`DELETE FROM vergadering_snapshot WHERE id = $1`, [sid]);
    await refused(`UPDATE vergadering_snapshot_record SET version = 99 WHERE snapshot_id = $1 AND tabel = 'terrein'`, [sid]);
    await refused(`DELETE FROM vergadering_snapshot_record WHERE snapshot_id = $1`, [sid]);
    await refused(`UPDATE kavel_versie SET milieucategorie_max = '6' WHERE versie_id = $1`, [kRef.versie_id]);
    await refused(`DELETE FROM kavel_versie WHERE versie_id = $1`, [kRef.versie_id]);
    const n = await db.pool.query(`SELECT count(*)::int AS n FROM vergadering_snapshot_record WHERE snapshot_id = $1`, [sid]);
    expect(n.rows[0].n).toBe(frozenA.snapshot.records.length);
  });

  it('is audited: who froze which snapshot when', async () => {
    const { rows } = await db.pool.query(
      `SELECT l.actie, a.naam, l.na->>'vergadering_id' AS vergadering FROM audit_log l JOIN account a ON a.id = l.account_id
       WHERE l.tabel = 'vergadering_snapshot' AND l.record_id = $1`, [frozenA.snapshot.id]);
    expect(rows).toEqual([{ actie: 'insert', naam: 'Test Regisseur', vergadering: String(a.id) }]);
  });

  it('is a new record when frozen again, and the meeting then shows the newest', async () => {
    const m = await vergadering('Stuurgroep twee keer bevroren', '2021-02-01');
    const eerste = await bevries(m.id, { peildatum: today() });
    const tweede = await bevries(m.id, { peildatum: today() });
    expect(tweede.snapshot.id).not.toBe(eerste.snapshot.id);
    expect(tweede.snapshot.volgnummer).toBe(2);
    expect(tweede.snapshots.map((s: any) => s.volgnummer)).toEqual([2, 1]);
    const oud = (await (await regie()).get(`/api/vergaderingen/${m.id}?snapshot=${eerste.snapshot.id}`)).body;
    expect(oud.snapshot).toEqual(eerste.snapshot);
  });
});

describe('what changed since the last meeting', () => {
  it('lists exactly the edits made between the two snapshots, with their hectares before and after', async () => {
    const res = await (await regie()).get(`/api/vergaderingen/${b.id}/vergelijking?met=${a.id}`);
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
    const { records } = res.body;
    expect(records.gewijzigd.map((r: any) => [r.tabel, r.id])).toEqual([['kavel', k]]);
    const kv = records.gewijzigd[0];
    expect(kv.velden).toEqual(['geometrie']);
    expect(kv.ha_voor).toBeCloseTo(1, 4);
    expect(kv.ha_na).toBeCloseTo(1.5, 4);
    expect(kv.verschil_ha).toBeCloseTo(0.5, 4);
    expect(records.verwijderd.map((r: any) => [r.tabel, r.id])).toEqual([['compensatie_toewijzing', toewijzing]]);
    expect(records.verwijderd[0].ha_voor).toBeCloseTo(0.8, 6);
    expect(records.verwijderd[0].verschil_ha).toBeCloseTo(-0.8, 6);
    expect(records.toegevoegd.map((r: any) => r.tabel)).toEqual(['compensatie_toewijzing']);
    expect(records.toegevoegd[0].ha_na).toBeCloseTo(0.5, 6);
    expect(records.toegevoegd[0].naam).toBe('Snapshot C → Snapshot X');
  });

  it('gives the change of every KPI', async () => {
    const v = (await (await regie()).get(`/api/vergaderingen/${b.id}/vergelijking?met=${a.id}`)).body;
    // X needs 1 ha: toegewezen 0,8 → 0,5; C has 2 ha: 1,2 → 1,5 ha without toewijzing; K is hard plancapaciteit: +0,5 ha.
    expect(kpi(v, 'toegewezen').verschil).toBeCloseTo(-0.3, 6);
    expect(kpi(v, 'nog_toe_te_wijzen').verschil).toBeCloseTo(0.3, 6);
    expect(kpi(v, 'compensatie_zonder_toewijzing').verschil).toBeCloseTo(0.3, 6);
    expect(kpi(v, 'plancapaciteit.hard').verschil).toBeCloseTo(0.5, 4);
    expect(kpi(v, 'netto_verloren').verschil).toBeCloseTo(0, 9);
    expect(kpi(v, 'plancapaciteit.zacht').verschil).toBeCloseTo(0, 9);
    expect(v.kpis.every((x: any) => typeof x.label === 'string' && x.label.length > 0)).toBe(true);
    const leiden = v.per_gemeente.find((g: any) => g.gemeente === spot().gemeente);
    expect(leiden.toegewezen.verschil).toBeCloseTo(-0.3, 6);
  });

  it('gives the shapes before and after of the changed polygons for the map', async () => {
    const v = (await (await regie()).get(`/api/vergaderingen/${b.id}/vergelijking?met=${a.id}`)).body;
    const voor = v.kaart.voor.kavels.features;
    const na = v.kaart.na.kavels.features;
    expect(voor.map((f: any) => f.id)).toEqual([k]);
    expect(na.map((f: any) => f.id)).toEqual([k]);
    expect(voor[0].properties.oppervlakte_ha).toBeCloseTo(1, 4);
    expect(na[0].properties.oppervlakte_ha).toBeCloseTo(1.5, 4);
    expect(v.kaart.voor.transformaties.features).toEqual([]);
  });

  it('compares with the previous meeting of the same gremium by default', async () => {
    const v = (await (await regie()).get(`/api/vergaderingen/${b.id}/vergelijking`)).body;
    // The meeting frozen twice (1 February) lies between A (15 January) and B (15 April) of
    // 2021, a year in which no other test file holds a meeting (files share the database).
    expect(v.van.vergadering.titel).toBe('Stuurgroep twee keer bevroren');
    expect(v.naar.vergadering.id).toBe(b.id);
  });

  it('says in Dutch when there is nothing to compare with', async () => {
    const m = await vergadering('Werkgroep zonder stand', '2026-05-01');
    const res = await (await regie()).get(`/api/vergaderingen/${b.id}/vergelijking?met=${m.id}`);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('geen_momentopname');
    expect(res.body.error.message).toMatch(/bevries/);
  });
});

describe('meetings', () => {
  it('refuses a snapshot of a future peildatum with a Dutch 422, and bad input with a 400', async () => {
    const m = await vergadering('Stuurgroep toekomst', '2026-06-01');
    const regisseur = await regie();
    const res = await regisseur.send('POST', `/api/vergaderingen/${m.id}/snapshot`, { peildatum: '2999-01-01' });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(/toekomst/);
    const bad = await regisseur.send('POST', '/api/vergaderingen', { datum: '2026-02-30', gremium: 'raad', titel: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('ongeldige_invoer');
    const nothing = await regisseur.get('/api/vergaderingen/999999');
    expect(nothing.status).toBe(404);
  });

  it('answers the report with a Dutch 503 saying what to install when the server has no Chromium', async () => {
    const m = await vergadering('Stuurgroep zonder Chromium', today());
    await bevries(m.id, {});
    const eerder = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = '/geen/chromium/hier';
    try {
      const res = await (await api.as('stuurgroep')).get(`/api/vergaderingen/${m.id}/rapport.pdf`);
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('chromium_ontbreekt');
      expect(res.body.error.message).toMatch(/Installeer Chromium.*apt-get install chromium/);
    } finally {
      if (eerder === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = eerder;
    }
  });

  it('lets the stuurgroep and the werkgroep read a meeting, not freeze one', async () => {
    for (const who of ['stuurgroep', 'werkgroep_leiden'] as const) {
      const client = await api.as(who);
      expect((await client.get(`/api/vergaderingen/${a.id}`)).body.snapshot.kenmerk).toBe(frozenA.snapshot.kenmerk);
      expect((await client.send('POST', `/api/vergaderingen/${a.id}/snapshot`, {})).status).toBe(403);
    }
  });

  it('keeps a meeting with a snapshot, and deletes an empty one', async () => {
    const regisseur = await regie();
    const weg = await regisseur.send('DELETE', `/api/vergaderingen/${a.id}?version=1`);
    expect(weg.status).toBe(409);
    expect(weg.body.error.code).toBe('bevroren');
    const leeg = await vergadering('Stuurgroep vergissing', '2026-07-01');
    const ok = await regisseur.send('DELETE', `/api/vergaderingen/${leeg.id}?version=1`);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
  });
});
