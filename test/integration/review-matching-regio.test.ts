// Matching correctness after the review of issue 10 (items 7–10): a realised match
// releases its kavel and frees the company's old one; the regional optimum keeps
// running matches fixed; "voorstellen" turns exactly the stored result into matches
// (409 when the data changed); settings and dates are bounded. Each test makes its
// own requests and matches; everything is removed afterwards.
import { describe, expect, it } from 'vitest';
import { matchingTestFile } from '../support/matching-fixture.ts';

const { db, api, one, all } = matchingTestFile();

/** Free kavels without a minimum category, available in time, not held by any match. */
async function vrijeKavels(n: number, overslaan: number[] = []) {
  return all(
    `SELECT k.id, k.oppervlakte_ha AS ha, k.milieucategorie_max AS cat, m.volgorde FROM kavel k
     JOIN milieucategorie m ON m.code = k.milieucategorie_max
     WHERE k.status = 'beschikbaar' AND k.milieucategorie_min IS NULL AND NOT k.watergebonden
       AND (k.beschikbaar_vanaf IS NULL OR k.beschikbaar_vanaf < '2030-01-01')
       AND NOT EXISTS (SELECT 1 FROM match_kavel mk WHERE mk.kavel_id = k.id)
       AND NOT (k.id = ANY($2::int[]))
     ORDER BY k.id LIMIT $1`, [n, overslaan]);
}

/** An occupied kavel no company is registered on. */
async function bezetteKavel(overslaan: number[] = []) {
  return (await one(`SELECT k.id FROM kavel k WHERE k.status = 'bezet' AND k.milieucategorie_min IS NULL AND NOT k.watergebonden
                       AND NOT EXISTS (SELECT 1 FROM bedrijf b WHERE b.huidige_kavel_id = k.id)
                       AND NOT EXISTS (SELECT 1 FROM match_kavel mk WHERE mk.kavel_id = k.id) AND NOT (k.id = ANY($1::int[])) ORDER BY k.id`, [overslaan])).id as number;
}

const kvk = () => String(70000000 + Math.floor(Math.random() * 9999999));
const nieuweVraag = (o: Record<string, unknown> = {}, bedrijf: Record<string, unknown> = {}) => ({
  bedrijf: { naam: `Regiotest ${Math.random().toString(36).slice(2, 8)} BV`, kvk_nummer: kvk(), arbeidsplaatsen: 40, milieucategorie_activiteit: '2', ...bedrijf },
  min_ha: 0.01, max_ha: 3, milieucategorie: '1', reden: 'groei', gewenst_vanaf: '2026-01-01', gewenst_tot: '2040-12-31', ...o,
});

async function stappen(matchId: number, naar: string[], datum = '2026-12-01') {
  const reg = await api.as('regisseur');
  let version = (await reg.get(`/api/matches/${matchId}`)).body.version;
  for (const status of naar) {
    const r = await reg.send('PATCH', `/api/matches/${matchId}`, { version: version++, status, reden: `stap ${status}`, datum });
    expect(r.status, `${status}: ${JSON.stringify(r.body)}`).toBe(200);
  }
}

const kavelStatus = async (id: number) => (await (await api.as('stuurgroep')).get(`/api/kavels/${id}`)).body.properties;

describe('a realised match (item 7)', () => {
  it('makes the new kavel bezet by the company, the old one vrijkomend, and releases the new one for later matches', async () => {
    const reg = await api.as('regisseur');
    const [x, z, w] = await vrijeKavels(3);
    const oud = await bezetteKavel();
    const groot = Math.max(x.ha, z.ha, w.ha);
    const nummer = kvk();
    const v1 = (await reg.send('POST', '/api/ruimtevragen', nieuweVraag({ max_ha: groot }, { kvk_nummer: nummer, huidige_kavel_id: oud }))).body;
    const m1 = (await reg.send('POST', '/api/matches', { ruimtevraag_id: v1.id, kavel_ids: [x.id] })).body;
    await stappen(m1.id, ['besproken_werkgroep', 'warme_overdracht', 'gerealiseerd'], '2026-12-01');

    // The company now sits on x; x is no longer held by the match; the old kavel is schuifruimte from the step's date.
    const done = (await reg.get(`/api/matches/${m1.id}`)).body;
    expect(done.kavels).toEqual([expect.objectContaining({ kavel_id: x.id, status: 'bezet', actief: false })]);
    expect(done.oude_kavel_id).toBe(oud);
    expect((await reg.get(`/api/ruimtevragen/${v1.id}`)).body).toMatchObject({ status: 'gematcht', huidige_kavel_id: x.id });
    // On the map (the kavels layer everyone reads): both changes.
    expect(await kavelStatus(x.id)).toMatchObject({ status: 'bezet' });
    expect(await kavelStatus(oud)).toMatchObject({ status: 'vrijkomend', beschikbaar_vanaf: '2026-12-01' });

    // Years later the same company (same KvK, reused by the import) moves on from x to z …
    const csv = `Bedrijfsnaam;KvK-nummer;Min ha;Max ha;Milieucategorie;Reden\nZelfde bedrijf;${nummer};0,01;${String(groot).replace('.', ',')};1;groei\n`;
    const imp = await reg.send('POST', '/api/ruimtevragen/import', csv, { 'content-type': 'text/csv' });
    expect(imp.status, JSON.stringify(imp.body)).toBe(200);
    expect(imp.body.aangemaakt[0].bestaand_bedrijf).toBe(true);
    const v2 = imp.body.aangemaakt[0].ruimtevraag_id;
    const m2 = await reg.send('POST', '/api/matches', { ruimtevraag_id: v2, kavel_ids: [z.id] });
    expect(m2.status, JSON.stringify(m2.body)).toBe(201);
    await stappen(m2.body.id, ['besproken_werkgroep', 'warme_overdracht', 'gerealiseerd'], '2027-03-01');
    // … and x, which it leaves, becomes vrijkomend.
    expect(await kavelStatus(x.id)).toMatchObject({ status: 'vrijkomend', beschikbaar_vanaf: '2027-03-01' });

    // Another company takes x: accepting that match puts x in optie (no stale hold of the first match).
    const v3 = (await reg.send('POST', '/api/ruimtevragen', nieuweVraag({ max_ha: groot }))).body;
    const m3 = await reg.send('POST', '/api/matches', { ruimtevraag_id: v3.id, kavel_ids: [x.id] });
    expect(m3.status, JSON.stringify(m3.body)).toBe(201);
    const accept = await reg.send('PATCH', `/api/matches/${m3.body.id}`, { version: 1, status: 'besproken_werkgroep', reden: 'akkoord' });
    expect(accept.status, JSON.stringify(accept.body)).toBe(200);
    expect(await kavelStatus(x.id)).toMatchObject({ status: 'in_optie' });
    // Falling through gives x back as it was before the option: vrijkomend.
    await stappen(m3.body.id, ['afgevallen']);
    expect(await kavelStatus(x.id)).toMatchObject({ status: 'vrijkomend' });
    void w;
  });

  it('frees the old kavel that another running match already holds in optie, once that match falls through', async () => {
    const reg = await api.as('regisseur');
    const [x] = await vrijeKavels(1);
    const oud = await bezetteKavel();
    const oudHa = Number((await one(`SELECT oppervlakte_ha FROM kavel WHERE id = $1`, [oud])).oppervlakte_ha);
    // A chain: B will take A's kavel once A moves.
    const a = (await reg.send('POST', '/api/ruimtevragen', nieuweVraag({ max_ha: x.ha }, { huidige_kavel_id: oud }))).body;
    const b = (await reg.send('POST', '/api/ruimtevragen', nieuweVraag({ max_ha: oudHa, milieucategorie: '1' }))).body;
    const ma = (await reg.send('POST', '/api/matches', { ruimtevraag_id: a.id, kavel_ids: [x.id] })).body;
    const mb = await reg.send('POST', '/api/matches', { ruimtevraag_id: b.id, kavel_ids: [oud] });
    expect(mb.status, JSON.stringify(mb.body)).toBe(201);
    await stappen(mb.body.id, ['besproken_werkgroep']);
    expect(await kavelStatus(oud)).toMatchObject({ status: 'in_optie' });
    await stappen(ma.id, ['besproken_werkgroep', 'warme_overdracht', 'gerealiseerd']);
    expect(await kavelStatus(oud)).toMatchObject({ status: 'in_optie' });
    // B falls through: A has left, so the kavel is vrijkomend, not bezet.
    await stappen(mb.body.id, ['afgevallen']);
    expect(await kavelStatus(oud)).toMatchObject({ status: 'vrijkomend' });
  });
});

describe('the regional optimum (item 8)', () => {
  it('keeps running matches fixed: their kavels taken, their requests satisfied, and says so', async () => {
    const reg = await api.as('regisseur');
    const [x] = await vrijeKavels(1);
    const oud = await bezetteKavel();
    const v = (await reg.send('POST', '/api/ruimtevragen', nieuweVraag({ max_ha: 3 }, { huidige_kavel_id: oud }))).body;
    const m = (await reg.send('POST', '/api/matches', { ruimtevraag_id: v.id, kavel_ids: [x.id] })).body;
    await stappen(m.id, ['besproken_werkgroep']);

    const r = await reg.send('POST', '/api/matching/regio', { peildatum: '2026-11-01' });
    expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(200);
    for (const uitkomst of [r.body.optimaal, r.body.gretig]) {
      expect(uitkomst.vast).toContainEqual(expect.objectContaining({ match_id: m.id, vraag_id: v.id, kavel_ids: [x.id], status: 'besproken_werkgroep' }));
      expect(uitkomst.toewijzingen.map((t: any) => t.vraag_id)).not.toContain(v.id);
      expect(uitkomst.niet_toegewezen.map((t: any) => t.vraag_id)).not.toContain(v.id);
      expect(uitkomst.toewijzingen.flatMap((t: any) => t.kavel_ids)).not.toContain(x.id);
    }
    const open = (await one(`SELECT count(*)::int AS n FROM ruimtevraag WHERE status IN ('open', 'in_behandeling')`)).n;
    const vasteVragen = new Set(r.body.optimaal.vast.map((f: any) => f.vraag_id));
    expect(r.body.optimaal.toewijzingen.length + r.body.optimaal.niet_toegewezen.length + vasteVragen.size).toBe(open);
    // The company's old kavel counts as freed (its request is satisfied): another request may take it.
    const vrijgekomen = r.body.optimaal.toewijzingen.filter((t: any) => t.kavel_ids.includes(oud));
    for (const t of vrijgekomen) expect(t.vraag_id).not.toBe(v.id);
    await stappen(m.id, ['afgevallen']);
  });
});

describe('proposals from a stored result (item 9)', () => {
  it('turns exactly the result the regisseur saw into matches, refuses when the data changed, and uses a result once', async () => {
    const reg = await api.as('regisseur');
    const count = async () => (await one(`SELECT count(*)::int AS n FROM match`)).n;
    const eerste = await reg.send('POST', '/api/matching/regio', { peildatum: '2026-11-01' });
    expect(eerste.status).toBe(200);
    expect(eerste.body.resultaat_id).toEqual(expect.any(Number));

    // The data changes after the calculation: a new request. The old result is refused, nothing is written.
    await reg.send('POST', '/api/ruimtevragen', nieuweVraag({ min_ha: 400, max_ha: 500 }));
    const voor = await count();
    const oud = await reg.send('POST', '/api/matching/regio/voorstellen', { resultaat_id: eerste.body.resultaat_id });
    expect(oud.status, JSON.stringify(oud.body)).toBe(409);
    expect(oud.body.error.code).toBe('resultaat_verouderd');
    expect(oud.body.error.message).toMatch(/ruimtevragen/);
    expect(await count()).toBe(voor);

    // A fresh result; then the settings change (other weights would give another optimum) —
    // the proposals are still exactly the result that was shown.
    const plan = await reg.send('POST', '/api/matching/regio', { peildatum: '2026-11-01' });
    expect((await reg.send('PATCH', '/api/matching/instellingen', { gewicht_omvang: 0.5, gewicht_gemeente: 9 })).status).toBe(200);
    const lopend = new Set((await all(`SELECT DISTINCT ruimtevraag_id AS id FROM match WHERE status NOT IN ('afgevallen', 'gerealiseerd')`)).map((r) => r.id));
    const reply = await reg.send('POST', '/api/matching/regio/voorstellen', { resultaat_id: plan.body.resultaat_id });
    expect(reply.status, JSON.stringify(reply.body).slice(0, 300)).toBe(201);
    const verwacht = plan.body.optimaal.toewijzingen.filter((t: any) => !lopend.has(t.vraag_id));
    expect(verwacht.length).toBeGreaterThan(0);
    expect(reply.body.matches.map((m: any) => [m.ruimtevraag_id, m.kavels.map((k: any) => k.kavel_id), Number(m.score)]))
      .toEqual(verwacht.map((t: any) => [t.vraag_id, t.kavel_ids, t.score]));
    expect(reply.body.resultaat_id).toBe(plan.body.resultaat_id);

    // Used once: a second click (or a second tab) is refused.
    const nogmaals = await reg.send('POST', '/api/matching/regio/voorstellen', { resultaat_id: plan.body.resultaat_id });
    expect(nogmaals.status).toBe(409);
    expect(nogmaals.body.error.code).toBe('resultaat_al_gebruikt');
    expect((await reg.send('POST', '/api/matching/regio/voorstellen', { resultaat_id: 999999 })).status).toBe(404);
    expect((await reg.send('POST', '/api/matching/regio/voorstellen', {})).status).toBe(400);
    for (const m of reply.body.matches) await stappen(m.id, ['afgevallen']);
  });
});

describe('bounded settings and real dates (item 10)', () => {
  it('refuses weights and settings out of bounds with a Dutch message, and stores nothing', async () => {
    const reg = await api.as('regisseur');
    const voor = (await reg.get('/api/matching/instellingen')).body;
    for (const body of [{ gewicht_omvang: 1e308 }, { gewicht_afstand: -1 }, { tolerantie: 5 }, { max_kavels_samenvoegen: 2.5 },
      { max_rekentijd_s: 100000 }, { afstand_max_km: 0 }, { voorrang_factor: 1e9 }, { gewicht_timing: 1, max_opties_per_vraag: 0 }]) {
      const r = await reg.send('PATCH', '/api/matching/instellingen', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.message, JSON.stringify(body)).toMatch(/moet (tussen|een geheel getal)/);
    }
    const nul = await reg.send('PATCH', '/api/matching/instellingen', {
      gewicht_omvang: 0, gewicht_planstatus: 0, gewicht_timing: 0, gewicht_gemeente: 0, gewicht_afstand: 0, gewicht_arbeidsplaatsen: 0, gewicht_milieuruimte: 0 });
    expect(nul.status).toBe(422);
    expect(nul.body.error.code).toBe('gewichten_nul');
    expect((await reg.get('/api/matching/instellingen')).body).toEqual(voor);
    // Each setting says its bounds, for the form.
    expect(voor.find((i: any) => i.sleutel === 'gewicht_omvang')).toMatchObject({ min: 0, max: 100 });

    const vraag = (await one(`SELECT id FROM ruimtevraag ORDER BY id LIMIT 1`)).id;
    expect((await reg.get(`/api/ruimtevragen/${vraag}/kandidaten?gewicht_omvang=1e308`)).status).toBe(400);
    const alleNul = ['omvang', 'planstatus', 'timing', 'gemeente', 'afstand', 'arbeidsplaatsen', 'milieuruimte'].map((c) => `gewicht_${c}=0`).join('&');
    expect((await reg.get(`/api/ruimtevragen/${vraag}/kandidaten?${alleNul}`)).status).toBe(422);
    expect((await reg.send('POST', '/api/matching/regio', { gewicht_omvang: 1e308 })).status).toBe(400);
  });

  it('scores stay numbers even when an out-of-range value is already stored', async () => {
    const reg = await api.as('regisseur');
    await db.pool.query(`UPDATE matching_instelling SET waarde = 1e308 WHERE sleutel = 'gewicht_omvang'`);
    try {
      const vraag = (await one(`SELECT r.id FROM ruimtevraag r WHERE r.status = 'open' ORDER BY r.id LIMIT 1`)).id;
      const r = await reg.get(`/api/ruimtevragen/${vraag}/kandidaten`);
      expect(r.status).toBe(200);
      expect(r.body.kandidaten.length).toBeGreaterThan(0);
      for (const k of r.body.kandidaten) expect(Number.isFinite(k.score)).toBe(true);
      expect(r.body.instellingen.gewichten.omvang).toBe(3);
    } finally {
      await db.pool.query(`UPDATE matching_instelling SET waarde = 3 WHERE sleutel = 'gewicht_omvang'`);
    }
  });

  it('refuses impossible dates: peildatum and the date of a match step', async () => {
    const reg = await api.as('regisseur');
    for (const peildatum of ['2024-02-30', '2023-02-29', '2024-13-01']) {
      const r = await reg.send('POST', '/api/matching/regio', { peildatum });
      expect(r.status, peildatum).toBe(400);
      expect(r.body.error.message).toMatch(/bestaat niet|JJJJ-MM-DD/);
    }
    const [x] = await vrijeKavels(1);
    const v = (await reg.send('POST', '/api/ruimtevragen', nieuweVraag({ max_ha: x.ha }))).body;
    const fout = await reg.send('POST', '/api/matches', { ruimtevraag_id: v.id, kavel_ids: [x.id], datum: '2026-02-30' });
    expect(fout.status).toBe(400);
    expect(fout.body.error.message).toMatch(/bestaat niet/);
    const m = (await reg.send('POST', '/api/matches', { ruimtevraag_id: v.id, kavel_ids: [x.id] })).body;
    const stap = await reg.send('PATCH', `/api/matches/${m.id}`, { version: 1, status: 'afgevallen', reden: 'x', datum: '2026-04-31' });
    expect(stap.status).toBe(400);
    expect((await reg.send('POST', '/api/ruimtevragen', nieuweVraag({ gewenst_vanaf: '2026-02-29' }))).status).toBe(400);
  });
});
