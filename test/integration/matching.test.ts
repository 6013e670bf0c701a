// Matching (issue #6) on the real database: the register with CSV import,
// candidates on the seed data, the regional assignment, the match workflow with
// kavels in optie and the database refusing double allocation, the scheefwerken
// signal, and who sees what. Everything created here is removed afterwards.
import { describe, expect, it } from 'vitest';
import { matchingTestFile } from '../support/matching-fixture.ts';

const { db, api, one, all, start } = matchingTestFile();

/** Two adjacent free kavels on one terrein, and a milieucategorie both admit. */
async function adjacentPair() {
  return one(
    `SELECT a.id AS a, b.id AS b, a.oppervlakte_ha AS ha_a, b.oppervlakte_ha AS ha_b,
            (SELECT m.code FROM milieucategorie m WHERE m.volgorde = least(ma.volgorde, mb.volgorde)) AS cat
     FROM kavel a JOIN kavel b ON b.terrein_id = a.terrein_id AND a.id < b.id AND ST_Relate(a.geom, b.geom, 'F***1****')
     JOIN milieucategorie ma ON ma.code = a.milieucategorie_max JOIN milieucategorie mb ON mb.code = b.milieucategorie_max
     WHERE a.status IN ('beschikbaar', 'potentieel') AND b.status IN ('beschikbaar', 'potentieel')
       AND a.milieucategorie_min IS NULL AND b.milieucategorie_min IS NULL
     ORDER BY a.id, b.id LIMIT 1`,
  );
}

const nieuweVraag = (o: Record<string, unknown> = {}) => ({
  bedrijf: { naam: `Testmatch ${Math.random().toString(36).slice(2, 8)} BV`, kvk_nummer: String(90000000 + Math.floor(Math.random() * 9999999)),
    sector: 'Test', arbeidsplaatsen: 60, gebruikspositie: 'huurder', milieucategorie_activiteit: '2' },
  min_ha: 1, max_ha: 2, milieucategorie: '2', reden: 'groei', gewenst_vanaf: '2026-01-01', gewenst_tot: '2040-12-31', ...o,
});

describe('ruimtevragen register', () => {
  it('creates a request with its company, filters the list, and keeps the werkgroep view anonymous', async () => {
    const reg = await api.as('regisseur');
    const body = nieuweVraag({ reden: 'verkeerde_plek', milieucategorie: '3.1', gewenste_gemeente_ids: [(await one(`SELECT id FROM gemeente WHERE naam = 'Katwijk'`)).id] });
    const created = await reg.send('POST', '/api/ruimtevragen', body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ bedrijf_naam: body.bedrijf.naam, kvk_nummer: body.bedrijf.kvk_nummer, status: 'open', version: 1, gewenste_gemeenten: ['Katwijk'] });
    const audit = await one(`SELECT a.naam FROM audit_log l JOIN account a ON a.id = l.account_id WHERE l.tabel = 'ruimtevraag' AND l.record_id = $1`, [created.body.id]);
    expect(audit.naam).toBe('Test Regisseur');

    const filtered = await reg.get('/api/ruimtevragen?status=open&reden=verkeerde_plek&milieucategorie=3.1&gemeente=Katwijk');
    expect(filtered.status).toBe(200);
    expect(filtered.body.map((r: any) => r.id)).toContain(created.body.id);
    expect(filtered.body.every((r: any) => r.reden === 'verkeerde_plek' && r.milieucategorie === '3.1' && r.gewenste_gemeenten.includes('Katwijk'))).toBe(true);
    expect((await reg.get('/api/ruimtevragen?reden=groei')).body.map((r: any) => r.id)).not.toContain(created.body.id);
    expect((await reg.get('/api/ruimtevragen?reden=fout')).status).toBe(400);

    const wg = await api.as('werkgroep_leiden');
    for (const url of ['/api/ruimtevragen', `/api/ruimtevragen/${created.body.id}`]) {
      const reply = await wg.get(url);
      expect(reply.status).toBe(200);
      expect(JSON.stringify(reply.body)).not.toContain(body.bedrijf.naam);
      expect(JSON.stringify(reply.body)).not.toContain(body.bedrijf.kvk_nummer);
    }
  });

  it('changes a request version-checked (409 on a stale version) and withdraws it', async () => {
    const reg = await api.as('regisseur');
    const created = (await reg.send('POST', '/api/ruimtevragen', nieuweVraag())).body;
    const ok = await reg.send('PATCH', `/api/ruimtevragen/${created.id}`, { version: 1, max_ha: 2.5, bedrijf: { arbeidsplaatsen: 70 } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ max_ha: 2.5, arbeidsplaatsen: 70, version: 2 });
    const stale = await (await api.as('beheerder')).send('PATCH', `/api/ruimtevragen/${created.id}`, { version: 1, notities: 'x' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('versieconflict');
    expect(stale.body.error.message).toMatch(/^Gewijzigd door Test Regisseur/);
    const crossed = await reg.send('PATCH', `/api/ruimtevragen/${created.id}`, { version: 2, min_ha: 3 });
    expect(crossed.status).toBe(422);
    expect(crossed.body.error.message).toBe('max_ha moet minstens min_ha zijn');
    const bad = await reg.send('POST', '/api/ruimtevragen', nieuweVraag({ bedrijf: { naam: 'X', kvk_nummer: '12' } }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]).toEqual({ pad: 'bedrijf.kvk_nummer', melding: 'een KvK-nummer bestaat uit 8 cijfers' });
    const del = await reg.send('DELETE', `/api/ruimtevragen/${created.id}?version=2`);
    expect(del.status).toBe(200);
    expect((await one(`SELECT status FROM ruimtevraag WHERE id = $1`, [created.id])).status).toBe('ingetrokken');
  });

  it('imports a CSV all-or-nothing, with a per-row report and a dry run', async () => {
    const reg = await api.as('regisseur');
    const count = async () => (await one(`SELECT count(*)::int AS n FROM ruimtevraag`)).n;
    const before = await count();
    const header = 'Bedrijfsnaam;KvK-nummer;Min ha;Max ha;Milieucategorie;Reden;Gewenste gemeenten;Watergebonden;Gewenst vanaf';
    const good = `Import Een BV;91234567;1,2;1,8;3.1;groei;Leiden;nee;01-06-2027\nImport Twee BV;91234568;0,5;0,9;2;nieuwvestiging;Katwijk, Leiden;ja;`;
    const csv = (rows: string) => `${header}\n${rows}\n`;
    const post = (text: string, q = '') => reg.send('POST', `/api/ruimtevragen/import${q}`, text, { 'content-type': 'text/csv; charset=utf-8' });

    const wrong = await post(csv(`${good}\nKapot BV;123;2;1;7.7;groei;Nergenshuizen;nee;`));
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.code).toBe('import_ongeldig');
    expect(wrong.body.fouten.map((f: any) => [f.rij, f.veld])).toEqual([
      [4, 'milieucategorie'], [4, 'gewenste_gemeenten'], [4, 'kvk_nummer'], [4, 'max_ha'],
    ]);
    expect(wrong.body.fouten.find((f: any) => f.veld === 'gewenste_gemeenten').melding).toBe("Onbekende gemeente 'Nergenshuizen'.");
    expect(await count()).toBe(before);

    const dry = await post(csv(good), '?dry_run=1');
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ geldig: true, proefdraai: true, aantal_rijen: 2, aangemaakt: [] });
    expect(await count()).toBe(before);

    const real = await post(csv(good));
    expect(real.status, JSON.stringify(real.body)).toBe(200);
    expect(real.body.aangemaakt.map((a: any) => a.rij)).toEqual([2, 3]);
    expect(await count()).toBe(before + 2);
    const row = await one(`SELECT r.min_ha, r.watergebonden, r.gewenst_vanaf, r.bron, b.naam FROM ruimtevraag r JOIN bedrijf b ON b.id = r.bedrijf_id WHERE r.id = $1`, [real.body.aangemaakt[0].ruimtevraag_id]);
    expect(row).toMatchObject({ min_ha: 1.2, watergebonden: false, gewenst_vanaf: '2027-06-01', bron: 'import', naam: 'Import Een BV' });

    expect((await reg.send('POST', '/api/ruimtevragen/import', { a: 1 })).status).toBe(415);
  });
});

describe('kandidaten', () => {
  it('lists candidates on the seed data with a breakdown per criterion that passes every hard filter', async () => {
    const vraag = await one(`SELECT r.id, m.volgorde FROM ruimtevraag r JOIN milieucategorie m ON m.code = r.milieucategorie
                             WHERE r.id <= $1 AND NOT r.watergebonden ORDER BY r.id LIMIT 1`, [start().ruimtevraag]);
    const reply = await (await api.as('regisseur')).get(`/api/ruimtevragen/${vraag.id}/kandidaten`);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const b = reply.body;
    expect(b.kandidaten.length).toBeGreaterThan(0);
    expect(b.tie_break).toMatch(/^Hoogste score; bij gelijke score de kleinste oppervlakte/);
    expect(b.instellingen.gewichten).toEqual({ omvang: 3, planstatus: 2, timing: 2, gemeente: 2, afstand: 1, arbeidsplaatsen: 1, milieuruimte: 1 });
    const scores = b.kandidaten.map((k: any) => k.score);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
    for (const k of b.kandidaten) {
      expect(k.criteria.map((c: any) => c.criterium)).toEqual(b.criteria);
      expect(k.score).toBeCloseTo(k.criteria.reduce((s: number, c: any) => s + c.bijdrage, 0), 3);
      expect(k.oppervlakte_ha).toBeGreaterThanOrEqual(b.ruimtevraag.min_ha - 1e-9);
      expect(k.oppervlakte_ha).toBeLessThanOrEqual(b.ruimtevraag.max_ha * 1.1 + 1e-9);
    }
    // Independently from the database: every candidate kavel is free and admits the category.
    const ids = b.kandidaten.flatMap((k: any) => k.kavel_ids);
    const bad = await all(`SELECT k.id FROM kavel k JOIN milieucategorie m ON m.code = k.milieucategorie_max
                           WHERE k.id = ANY($1::int[]) AND (k.status NOT IN ('beschikbaar', 'potentieel', 'vrijkomend') OR m.volgorde < $2)`, [ids, vraag.volgorde]);
    expect(bad).toEqual([]);
    const weighted = await (await api.as('regisseur')).get(`/api/ruimtevragen/${vraag.id}/kandidaten?gewicht_afstand=0&tolerantie=0`);
    expect(weighted.body.instellingen.gewichten.afstand).toBe(0);
    expect(weighted.body.kandidaten.every((k: any) => k.oppervlakte_ha <= b.ruimtevraag.max_ha + 1e-9)).toBe(true);
  });

  it('merges adjacent kavels when neither fits alone', async () => {
    const p = await adjacentPair();
    expect(p, 'seed data has adjacent free kavels').toBeTruthy();
    const reg = await api.as('regisseur');
    const min = Math.max(p.ha_a, p.ha_b) + 0.01;
    const created = (await reg.send('POST', '/api/ruimtevragen', nieuweVraag({ min_ha: Math.round(min * 1000) / 1000 + 0.001, max_ha: Math.ceil((p.ha_a + p.ha_b) * 100) / 100, milieucategorie: p.cat }))).body;
    const reply = await reg.get(`/api/ruimtevragen/${created.id}/kandidaten`);
    expect(reply.status).toBe(200);
    const merged = reply.body.kandidaten.find((k: any) => k.kavel_ids.join() === `${p.a},${p.b}`);
    expect(merged, JSON.stringify(reply.body.kandidaten.map((k: any) => k.kavel_ids))).toBeDefined();
    expect(merged.samengevoegd).toBe(true);
    // Each is too small alone: neither appears as a single-kavel candidate.
    expect(reply.body.kandidaten.filter((k: any) => k.kavel_ids.length === 1 && [p.a, p.b].includes(k.kavel_ids[0]))).toEqual([]);
    expect(reply.body.kandidaten.every((k: any) => k.oppervlakte_ha >= min)).toBe(true);
  });

  it('explains why a request has no candidate', async () => {
    const reg = await api.as('regisseur');
    const created = (await reg.send('POST', '/api/ruimtevragen', nieuweVraag({ min_ha: 400, max_ha: 500 }))).body;
    const reply = await reg.get(`/api/ruimtevragen/${created.id}/kandidaten`);
    expect(reply.body.kandidaten).toEqual([]);
    expect(reply.body.reden_geen_kandidaten).toMatch(/^Geen passende kavel: (1 kavel voldoet|\d+ kavels voldoen) aan de harde eisen, maar geen kavel of combinatie/);
  });
});

describe('regional assignment', () => {
  it('assigns each kavel once, frees occupied kavels only through chains, and is at least as good as greedy', async () => {
    const reg = await api.as('regisseur');
    const reply = await reg.send('POST', '/api/matching/regio', { peildatum: '2026-11-01' });
    expect(reply.status, JSON.stringify(reply.body).slice(0, 300)).toBe(200);
    const { optimaal, gretig, samenvatting } = reply.body;
    expect(optimaal.status).toBe('Optimal');
    expect(optimaal.toewijzingen.length).toBeGreaterThan(0);
    expect(optimaal.doelwaarde).toBeGreaterThanOrEqual(gretig.doelwaarde - 1e-6);
    expect(samenvatting.doelwaarde_optimaal).toBe(optimaal.doelwaarde);
    const used = optimaal.toewijzingen.flatMap((t: any) => t.kavel_ids);
    expect(new Set(used).size).toBe(used.length);
    const occupants = new Map<number, { vraag: number; kavel: number }>(
      (await all(`SELECT r.id AS vraag, b.huidige_kavel_id AS kavel FROM ruimtevraag r JOIN bedrijf b ON b.id = r.bedrijf_id
                  WHERE r.status IN ('open', 'in_behandeling') AND b.huidige_kavel_id IS NOT NULL`)).map((r) => [r.kavel, r]));
    const assigned = new Set(optimaal.toewijzingen.map((t: any) => t.vraag_id));
    for (const t of optimaal.toewijzingen) {
      for (const k of t.kavel_ids) {
        const occ = occupants.get(k);
        if (occ) {
          expect(occ.vraag, 'not its own kavel').not.toBe(t.vraag_id);
          expect(assigned.has(occ.vraag), `kavel ${k} only if vraag ${occ.vraag} moves`).toBe(true);
        }
      }
    }
    for (const keten of optimaal.ketens) {
      for (let i = 1; i < keten.stappen.length; i++) expect(keten.stappen[i].naar_kavel_ids).toContain(keten.stappen[i - 1].vrijgekomen_kavel_id);
    }
    const open = (await one(`SELECT count(*)::int AS n FROM ruimtevraag WHERE status IN ('open', 'in_behandeling')`)).n;
    expect(optimaal.toewijzingen.length + optimaal.niet_toegewezen.length).toBe(open);
    for (const n of optimaal.niet_toegewezen) expect(n.reden.length).toBeGreaterThan(20);
    const again = await reg.send('POST', '/api/matching/regio', { peildatum: '2026-11-01' });
    expect(again.body.optimaal.toewijzingen).toEqual(optimaal.toewijzingen);
  });
});

describe('regional proposals', () => {
  it('turns the optimum into voorgesteld matches in one go, with chain and step, and skips requests with a running match', async () => {
    const reg = await api.as('regisseur');
    const lopendVoor = new Set((await all(`SELECT DISTINCT ruimtevraag_id AS id FROM match WHERE status NOT IN ('afgevallen', 'gerealiseerd')`)).map((r) => r.id));
    const berekend = (await reg.send('POST', '/api/matching/regio', { peildatum: '2026-11-01' })).body;
    const plan = berekend.optimaal;
    const maxMatch = (await one(`SELECT coalesce(max(id), 0)::int AS id FROM match`)).id;

    const reply = await reg.send('POST', '/api/matching/regio/voorstellen', { resultaat_id: berekend.resultaat_id });
    expect(reply.status, JSON.stringify(reply.body).slice(0, 300)).toBe(201);
    const expected = plan.toewijzingen.filter((t: any) => !lopendVoor.has(t.vraag_id));
    expect(expected.length).toBeGreaterThan(0);
    expect(reply.body.matches.map((m: any) => [m.ruimtevraag_id, m.kavels.map((k: any) => k.kavel_id)]))
      .toEqual(expected.map((t: any) => [t.vraag_id, t.kavel_ids]));
    expect(reply.body.overgeslagen.map((o: any) => o.vraag_id)).toEqual(plan.toewijzingen.filter((t: any) => lopendVoor.has(t.vraag_id)).map((t: any) => t.vraag_id));
    for (const m of reply.body.matches) {
      expect(m.status).toBe('voorgesteld');
      expect(m.criteria.bron).toBe('regio');
      expect(m.stappen[0].reden).toMatch(/^Regionale optimalisatie/);
    }
    // Every chain step is recorded on its match, numbered in the order of the moves.
    const inKeten = plan.ketens.flatMap((k: any, i: number) => k.stappen.map((s: any, j: number) => ({ vraag: s.vraag_id, nummer: i + 1, stap: j + 1 })))
      .filter((x: any) => !lopendVoor.has(x.vraag));
    expect(inKeten.length).toBeGreaterThan(0);
    for (const x of inKeten) {
      const m = reply.body.matches.find((mm: any) => mm.ruimtevraag_id === x.vraag);
      expect(m.criteria.keten).toMatchObject({ nummer: x.nummer, stap: x.stap });
    }
    // Proposals hold nothing yet: no kavel changed status.
    expect((await one(`SELECT count(*)::int AS n FROM match_kavel WHERE match_id > $1 AND actief`, [maxMatch])).n).toBe(0);

    // A second run proposes nothing new: every assigned request now has a running match.
    const opnieuw = (await reg.send('POST', '/api/matching/regio', { peildatum: '2026-11-01' })).body;
    const again = await reg.send('POST', '/api/matching/regio/voorstellen', { resultaat_id: opnieuw.resultaat_id });
    expect(again.status).toBe(201);
    expect(again.body.matches).toEqual([]);
    expect(again.body.overgeslagen.length).toBe(plan.toewijzingen.length);
    for (const who of ['werkgroep_leiden', 'stuurgroep'] as const) {
      expect((await (await api.as(who)).send('POST', '/api/matching/regio/voorstellen', {})).status).toBe(403);
    }
    // Withdraw the proposals again so later tests see the seed state.
    for (const m of reply.body.matches) {
      const r = await reg.send('PATCH', `/api/matches/${m.id}`, { version: m.version, status: 'afgevallen', reden: 'Opruimen na de test.' });
      expect(r.status).toBe(200);
    }
  });
});

describe('match workflow', () => {
  it('puts kavels in optie on acceptance, refuses double allocation, releases on afgevallen, and realises', async () => {
    const reg = await api.as('regisseur');
    const p = await adjacentPair();
    const maak = async () => (await reg.send('POST', '/api/ruimtevragen', nieuweVraag({ min_ha: 0.05, max_ha: p.ha_a, milieucategorie: p.cat }))).body;
    const v1 = await maak();
    const v2 = await maak();
    const statusVoor = (await one(`SELECT status FROM kavel WHERE id = $1`, [p.a])).status;

    const m1 = await reg.send('POST', '/api/matches', { ruimtevraag_id: v1.id, kavel_ids: [p.a], persoon: 'R. Egisseur', datum: '2026-11-01' });
    expect(m1.status, JSON.stringify(m1.body)).toBe(201);
    expect(m1.body).toMatchObject({ status: 'voorgesteld', version: 1, volgende_statussen: ['besproken_werkgroep', 'afgevallen'] });
    expect(m1.body.criteria.criteria).toHaveLength(7);
    expect(m1.body.criteria.gewichten.omvang).toBe(3);
    expect(m1.body.stappen[0]).toMatchObject({ naar_status: 'voorgesteld', persoon: 'R. Egisseur', datum: '2026-11-01', door: 'Test Regisseur' });
    const m2 = await reg.send('POST', '/api/matches', { ruimtevraag_id: v2.id, kavel_ids: [p.a] });
    expect(m2.status).toBe(201);
    expect((await one(`SELECT status FROM kavel WHERE id = $1`, [p.a])).status).toBe(statusVoor);

    const skip = await reg.send('PATCH', `/api/matches/${m1.body.id}`, { version: 1, status: 'gerealiseerd', reden: 'te snel' });
    expect(skip.status).toBe(422);
    expect(skip.body.error.code).toBe('ongeldige_stap');
    const noReason = await reg.send('PATCH', `/api/matches/${m1.body.id}`, { version: 1, status: 'besproken_werkgroep' });
    expect(noReason.status).toBe(400);

    const accept = await reg.send('PATCH', `/api/matches/${m1.body.id}`, { version: 1, status: 'besproken_werkgroep', reden: 'Werkgroep akkoord', persoon: 'Werkgroep 071', datum: '2026-11-10' });
    expect(accept.status, JSON.stringify(accept.body)).toBe(200);
    expect(accept.body.kavels[0]).toMatchObject({ kavel_id: p.a, status: 'in_optie', actief: true });
    expect((await one(`SELECT status FROM ruimtevraag WHERE id = $1`, [v1.id])).status).toBe('in_behandeling');
    const stale = await reg.send('PATCH', `/api/matches/${m1.body.id}`, { version: 1, status: 'afgevallen', reden: 'x' });
    expect(stale.status).toBe(409);

    const second = await reg.send('PATCH', `/api/matches/${m2.body.id}`, { version: 1, status: 'besproken_werkgroep', reden: 'ook akkoord?' });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('kavel_al_in_optie');
    // The database itself refuses a second active allocation, whatever the application does.
    await expect(db.pool.query(`UPDATE match_kavel SET actief = true WHERE match_id = $1`, [m2.body.id])).rejects.toMatchObject({ code: '23505' });
    expect(await reg.send('POST', '/api/matches', { ruimtevraag_id: v2.id, kavel_ids: [p.a] })).toMatchObject({ status: 422 });

    const drop = await reg.send('PATCH', `/api/matches/${m1.body.id}`, { version: 2, status: 'afgevallen', reden: 'Bedrijf kiest andere regio', persoon: 'AM Leiden' });
    expect(drop.status).toBe(200);
    expect((await one(`SELECT status FROM kavel WHERE id = $1`, [p.a])).status).toBe(statusVoor);
    expect((await one(`SELECT status FROM ruimtevraag WHERE id = $1`, [v1.id])).status).toBe('open');
    expect((await reg.send('PATCH', `/api/matches/${m1.body.id}`, { version: 3, status: 'besproken_werkgroep', reden: 'toch' })).status).toBe(422);

    let v = 1;
    for (const status of ['besproken_werkgroep', 'warme_overdracht', 'gerealiseerd']) {
      const r = await reg.send('PATCH', `/api/matches/${m2.body.id}`, { version: v++, status, reden: `stap ${status}`, datum: '2026-12-01' });
      expect(r.status, `${status}: ${JSON.stringify(r.body)}`).toBe(200);
    }
    const done = await reg.get(`/api/matches/${m2.body.id}`);
    expect(done.body.stappen.map((s: any) => s.naar_status)).toEqual(['voorgesteld', 'besproken_werkgroep', 'warme_overdracht', 'gerealiseerd']);
    expect(done.body.stappen.every((s: any) => s.datum && s.persoon && s.reden)).toBe(true);
    expect((await one(`SELECT status FROM kavel WHERE id = $1`, [p.a])).status).toBe('bezet');
    expect(await one(`SELECT r.status, b.huidige_kavel_id FROM ruimtevraag r JOIN bedrijf b ON b.id = r.bedrijf_id WHERE r.id = $1`, [v2.id]))
      .toEqual({ status: 'gematcht', huidige_kavel_id: p.a });
    const list = await reg.get(`/api/matches?ruimtevraag_id=${v2.id}`);
    expect(list.body.map((m: any) => m.status)).toEqual(['gerealiseerd']);
  });
});

describe('match acceptance', () => {
  it('refuses to put a kavel in optie that was taken in the meantime', async () => {
    const reg = await api.as('regisseur');
    const p = await adjacentPair();
    const v = (await reg.send('POST', '/api/ruimtevragen', nieuweVraag({ min_ha: 0.05, max_ha: p.ha_b, milieucategorie: p.cat }))).body;
    const m = await reg.send('POST', '/api/matches', { ruimtevraag_id: v.id, kavel_ids: [p.b] });
    expect(m.status, JSON.stringify(m.body)).toBe(201);
    await db.pool.query(`UPDATE kavel SET status = 'bezet' WHERE id = $1`, [p.b]);
    const accept = await reg.send('PATCH', `/api/matches/${m.body.id}`, { version: 1, status: 'besproken_werkgroep', reden: 'akkoord' });
    expect(accept.status).toBe(409);
    expect(accept.body.error.code).toBe('kavel_niet_beschikbaar');
    expect((await one(`SELECT count(*)::int AS n FROM match_kavel WHERE match_id = $1 AND actief`, [m.body.id])).n).toBe(0);
  });
});

describe('scheefwerken', () => {
  it('signals a light activity on a heavy kavel, with the threshold as data', async () => {
    const reg = await api.as('regisseur');
    const heavy = await one(`SELECT k.id FROM kavel k JOIN milieucategorie m ON m.code = k.milieucategorie_max
                             WHERE m.volgorde >= 5 AND k.status = 'bezet' AND NOT EXISTS (SELECT 1 FROM bedrijf b WHERE b.huidige_kavel_id = k.id)
                             ORDER BY k.id LIMIT 1`);
    const created = (await reg.send('POST', '/api/ruimtevragen', nieuweVraag({ bedrijf: { ...nieuweVraag().bedrijf, naam: 'Dansschool Scheef BV', milieucategorie_activiteit: '1', huidige_kavel_id: heavy.id } }))).body;
    const reply = await reg.get('/api/signalen/scheefwerken');
    expect(reply.status).toBe(200);
    const s = reply.body.signalen.find((x: any) => x.bedrijf_id === created.bedrijf_id);
    expect(s).toMatchObject({ kavel_id: heavy.id, milieucategorie_activiteit: '1', open_ruimtevraag_id: created.id });
    expect(s.redenen[0]).toMatch(/^Activiteit \(cat\. 1\) ligt \d stappen onder wat de kavel toelaat/);
    const patched = await reg.send('PATCH', '/api/matching/instellingen', { scheefwerken_drempel_stappen: 9 });
    expect(patched.status).toBe(200);
    const after = await reg.get('/api/signalen/scheefwerken');
    expect(after.body.drempels.drempel_stappen).toBe(9);
    expect(after.body.signalen.find((x: any) => x.bedrijf_id === created.bedrijf_id)).toBeUndefined();
    expect((await reg.send('PATCH', '/api/matching/instellingen', { onbekend: 1 })).status).toBe(422);
    await reg.send('PATCH', '/api/matching/instellingen', { scheefwerken_drempel_stappen: 3 });
  });
});

describe('roles', () => {
  it('shows the werkgroep candidates without company data and the stuurgroep nothing company-specific', async () => {
    const reg = await api.as('regisseur');
    const body = nieuweVraag({ bedrijf: { ...nieuweVraag().bedrijf, naam: 'Geheim Rolcheck BV', huidige_kavel_id: (await one(`SELECT id FROM kavel WHERE status = 'bezet' ORDER BY id DESC LIMIT 1`)).id } });
    const created = (await reg.send('POST', '/api/ruimtevragen', body)).body;
    const full = await reg.get(`/api/ruimtevragen/${created.id}/kandidaten?limiet=500`);
    expect(JSON.stringify(full.body)).toContain('Geheim Rolcheck BV');
    const wg = await (await api.as('werkgroep_leiden')).get(`/api/ruimtevragen/${created.id}/kandidaten?limiet=500`);
    expect(wg.status).toBe(200);
    expect(wg.body.zicht).toBe('anoniem');
    expect(wg.body.ruimtevraag.label).toMatch(/^Vraag \d+ · /);
    const text = JSON.stringify(wg.body);
    for (const secret of ['Geheim Rolcheck BV', body.bedrijf.kvk_nummer, 'huidige_kavel_id', 'bedrijf_naam', 'km van de huidige locatie']) expect(text).not.toContain(secret);
    // The same candidates, ranked on the public criteria only (review of issue 10).
    const sets = (b: any) => b.kandidaten.map((k: any) => k.kavel_ids.join('+')).sort();
    expect(sets(wg.body)).toEqual(sets(full.body));

    const sg = await api.as('stuurgroep');
    for (const url of [`/api/ruimtevragen/${created.id}/kandidaten`, `/api/ruimtevragen/${created.id}`, '/api/matches', '/api/signalen/scheefwerken', '/api/matching/instellingen']) {
      expect((await sg.get(url)).status, url).toBe(403);
    }
    for (const who of ['werkgroep_katwijk', 'stuurgroep'] as const) {
      const c = await api.as(who);
      expect((await c.send('POST', '/api/matching/regio', {})).status).toBe(403);
      expect((await c.send('POST', '/api/ruimtevragen', nieuweVraag())).status).toBe(403);
      expect((await c.send('POST', '/api/matches', { ruimtevraag_id: created.id, kavel_ids: [1] })).status).toBe(403);
      expect((await c.get('/api/signalen/scheefwerken')).status).toBe(403);
    }
  });
});
