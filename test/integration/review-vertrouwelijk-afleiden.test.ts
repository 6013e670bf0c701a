// Adversarial review of confidentiality: an attacker with a stuurgroep or werkgroep
// account tries to DERIVE a hidden attribute of a ruimtevraag or a match from what
// the routes open to that role answer (not merely to find a company name in them).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { matchingTestFile } from '../support/matching-fixture.ts';
import type { Client } from '../support/api.ts';
import { createFeature, findEmptySpot, rdBox, rememberIds, type Spot } from '../support/editor-fixture.ts';
import { controleer, EXAMPLES, importeerVoorbeeld, KAVEL_VELDEN, schrijf, upload } from '../support/exchange.ts';

const { api, db, one, start } = matchingTestFile();
// Each test leaves the register and the map as it found them: its matches gone, its
// requests withdrawn (removed with the file), its companies off its kavels, its records removed.
let voor: { records: Awaited<ReturnType<typeof rememberIds>>; match: number; vraag: number };
beforeEach(async () => {
  const { match, vraag } = await one(`SELECT (SELECT coalesce(max(id), 0) FROM match)::int AS match, (SELECT coalesce(max(id), 0) FROM ruimtevraag)::int AS vraag`);
  voor = { records: await rememberIds(db), match, vraag };
});
afterEach(async () => {
  for (const t of ['match_stap', 'match_kavel']) await db.pool.query(`DELETE FROM ${t} WHERE match_id > $1`, [voor.match]);
  await db.pool.query(`DELETE FROM match WHERE id > $1`, [voor.match]);
  await db.pool.query(`UPDATE ruimtevraag SET status = 'ingetrokken' WHERE id > $1`, [voor.vraag]);
  await db.pool.query(`UPDATE bedrijf SET huidige_kavel_id = NULL WHERE id > $1`, [start().bedrijf]);
  await voor.records.restore();
});

/** A request made by the regisseur; returns its id. */
async function maakVraag(reg: Client, naam: string, kvk: string, grootte: { min_ha: number; max_ha: number }, milieucategorie = '2') {
  const res = await reg.send('POST', '/api/ruimtevragen', {
    bedrijf: { naam, kvk_nummer: kvk, arbeidsplaatsen: 12, gebruikspositie: 'huurder', milieucategorie_activiteit: '2' },
    ...grootte, milieucategorie, reden: 'groei', gewenste_gemeente_ids: [],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as number;
}

/** A voorgesteld match of the request with its best single-kavel candidate; returns the match. */
async function stelMatchVoor(reg: Client, vraagId: number) {
  const kand = await reg.get(`/api/ruimtevragen/${vraagId}/kandidaten?max_kavels_samenvoegen=1`);
  expect(kand.status, JSON.stringify(kand.body)).toBe(200);
  expect(kand.body.kandidaten.length, 'a candidate kavel').toBeGreaterThan(0);
  const res = await reg.send('POST', '/api/matches', { ruimtevraag_id: vraagId, kavel_ids: kand.body.kandidaten[0].kavel_ids });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number; version: number };
}

async function stap(reg: Client, match: { id: number }, status: string) {
  const version = (await one(`SELECT version FROM match WHERE id = $1`, [match.id])).version;
  const res = await reg.send('PATCH', `/api/matches/${match.id}`, { version, status, reden: 'Stap in de test' });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

/**
 * A terrein on an empty spot, made by the regisseur: `kavel(x)` draws a 100 × 100 m kavel
 * on it at x, and `werkgroep()` signs in the werkgroep of the spot's gemeente.
 */
async function terreinOpLegePlek(reg: Client, naam: string, status: string) {
  const spot: Spot = await findEmptySpot(db);
  const terreinId = (await createFeature(reg, 'terreinen', await rdBox(db, spot, -400, -400, 400, 400), { naam: `${naam}terrein` })).id;
  return {
    kavel: async (x: number) => createFeature(reg, 'kavels', await rdBox(db, spot, x, 0, x + 100, 100),
      { terrein_id: terreinId, milieucategorie_max: '4.1', status, naam: `${naam}kavel ${x}` }),
    werkgroep: () => api.as(spot.gemeente === 'Katwijk' ? 'werkgroep_katwijk' : 'werkgroep_leiden'),
  };
}

type Cel = { aantal: number; min_ha: number | null; max_ha: number | null; afgeschermd: boolean };

describe('the stuurgroep’s ruimtevragen aggregate', () => {
  it('does not let the size of the one request with a running match be read as the total minus the requests without one', async () => {
    const reg = await api.as('regisseur');
    // The secret: the size of the only request the regisseur has a match running for.
    const geheim = { min_ha: 0.61, max_ha: 2.93 };
    const doel = await maakVraag(reg, 'Lopende Match Geheim BV', '71000001', geheim);
    await stelMatchVoor(reg, doel);
    // A realised request elsewhere, so that the cell of running matches is not the only small one.
    const ander = await maakVraag(reg, 'Verhuisd Bedrijf BV', '71000002', { min_ha: 0.5, max_ha: 3 });
    const gerealiseerd = await stelMatchVoor(reg, ander);
    for (const s of ['besproken_werkgroep', 'warme_overdracht', 'gerealiseerd']) await stap(reg, gerealiseerd, s);

    const agg = (await (await api.as('stuurgroep')).get('/api/ruimtevragen/aggregaat')).body;
    const stand = (s: string): Cel => agg.per_stand.find((c: Cel & { stand: string }) => c.stand === s);
    // The attacker's reading: one running match, so that cell is one company's request.
    expect(stand('gematcht').aantal).toBe(1);
    expect(stand('gematcht').afgeschermd).toBe(true);
    // The total counts the open requests: those without a match and the one with a running match.
    // Whatever the stuurgroep can subtract must not give that one request's size.
    if (!agg.totaal.afgeschermd && !stand('ongematcht').afgeschermd) {
      expect(Math.abs(agg.totaal.max_ha - stand('ongematcht').max_ha! - geheim.max_ha), 'max_ha derived').toBeGreaterThan(0.05);
      expect(Math.abs(agg.totaal.min_ha - stand('ongematcht').min_ha! - geheim.min_ha), 'min_ha derived').toBeGreaterThan(0.05);
    }
    // Whatever is withheld, no breakdown withholds a single cell (it would follow from the rest).
    for (const deel of ['per_milieucategorie', 'per_reden', 'per_stand'] as const) {
      const verborgen = agg[deel].filter((c: Cel) => c.afgeschermd && c.aantal > 0);
      expect(verborgen.length === 0 || verborgen.length >= 2, deel).toBe(true);
    }
  });
});

describe('the stuurgroep’s ruimtevragen aggregate across its breakdowns', () => {
  it('does not let one request’s size be read as the difference of two shown cells of different breakdowns', async () => {
    const reg = await api.as('regisseur');
    const spot = await findEmptySpot(db);
    const terrein = (await createFeature(reg, 'terreinen', await rdBox(db, spot, -600, -300, 600, 300), { naam: 'Zware Hoek' })).id;
    // Four free heavy kavels, the only ones that can serve a request of category 5.3 or 6.
    const kavels: number[] = [];
    for (const x of [-500, -250, 0, 250]) {
      kavels.push((await createFeature(reg, 'kavels', await rdBox(db, spot, x, 0, x + 100, 100),
        { terrein_id: terrein, milieucategorie_max: '6', status: 'beschikbaar', naam: `Zware kavel ${x}` })).id);
    }
    // Three requests of category 5.3 (a cell of three: shown) and the secret one of category 6, alone in its cell.
    const geheim = { min_ha: 0.55, max_ha: 1.47 };
    const vragen = [
      await maakVraag(reg, 'Zwaar Een BV', '71000011', { min_ha: 0.5, max_ha: 1.3 }, '5.3'),
      await maakVraag(reg, 'Zwaar Twee BV', '71000012', { min_ha: 0.6, max_ha: 1.2 }, '5.3'),
      await maakVraag(reg, 'Zwaar Drie BV', '71000013', { min_ha: 0.7, max_ha: 1.1 }, '5.3'),
      await maakVraag(reg, 'Zwaar Geheim BV', '71000014', geheim, '6'),
    ];
    // The regisseur proposes a match for each: exactly these four have a running match.
    for (const [i, v] of vragen.entries()) {
      const m = await reg.send('POST', '/api/matches', { ruimtevraag_id: v, kavel_ids: [kavels[i]] });
      expect(m.status, JSON.stringify(m.body)).toBe(201);
    }
    const agg = (await (await api.as('stuurgroep')).get('/api/ruimtevragen/aggregaat')).body;
    const lopend: Cel = agg.per_stand.find((c: Cel & { stand: string }) => c.stand === 'gematcht');
    const cat53: Cel = agg.per_milieucategorie.find((c: Cel & { milieucategorie: string }) => c.milieucategorie === '5.3');
    expect(lopend.aantal - cat53.aantal).toBe(1);
    // Running matches minus category 5.3 is the secret request, whenever both are shown.
    if (!lopend.afgeschermd && !cat53.afgeschermd) {
      expect(Math.abs(lopend.max_ha! - cat53.max_ha! - geheim.max_ha), 'max_ha derived').toBeGreaterThan(0.05);
      expect(Math.abs(lopend.min_ha! - cat53.min_ha! - geheim.min_ha), 'min_ha derived').toBeGreaterThan(0.05);
    }
  });
});

describe('a werkgroep deleting a kavel of its own gemeente', () => {
  it('gets the same answer whether or not a company in the register sits on it', async () => {
    const reg = await api.as('regisseur');
    const { kavel, werkgroep } = await terreinOpLegePlek(reg, 'Afleid', 'bezet');
    const metBedrijf = await kavel(-300);
    const zonder = await kavel(0);
    // The regisseur notes (confidentially) that the company asking for space sits on the first kavel.
    const vraag = await reg.send('POST', '/api/ruimtevragen', {
      bedrijf: { naam: 'Verhuiswens Stil BV', kvk_nummer: '71000003', huidige_kavel_id: metBedrijf.id },
      min_ha: 1, max_ha: 2, milieucategorie: '2', reden: 'groei',
    });
    expect(vraag.status, JSON.stringify(vraag.body)).toBe(201);

    const wg = await werkgroep();
    const a = await wg.send('DELETE', `/api/kavels/${zonder.id}`, undefined, { 'if-match': '"1"' });
    const b = await wg.send('DELETE', `/api/kavels/${metBedrijf.id}`, undefined, { 'if-match': '"1"' });
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    // A refusal here would tell the werkgroep that this company wants to move.
    expect(b.status, JSON.stringify(b.body)).toBe(a.status);
    // The register keeps the company and its request; its current kavel no longer exists.
    const rij = (await reg.get(`/api/ruimtevragen/${vraag.body.id}`)).body;
    expect(rij).toMatchObject({ bedrijf_naam: 'Verhuiswens Stil BV', huidige_kavel_id: null });
  });
});

describe('a werkgroep deleting a kavel the regisseur proposed to a company', () => {
  it('gets the same answer as for a kavel nobody is proposed; the proposal lapses with a step naming the kavel', async () => {
    const reg = await api.as('regisseur');
    const { kavel, werkgroep } = await terreinOpLegePlek(reg, 'Voorstel', 'beschikbaar');
    const voorgesteld = await kavel(-300);
    const zonder = await kavel(0);
    const inOptie = await kavel(150);
    // The regisseur proposes the first kavel to one company (the werkgroep has not seen it) …
    const vraag = await maakVraag(reg, 'Voorstel Stil BV', '71000005', { min_ha: 0.5, max_ha: 1.5 });
    const m = await reg.send('POST', '/api/matches', { ruimtevraag_id: vraag, kavel_ids: [voorgesteld.id], reden: 'Past goed' });
    expect(m.status, JSON.stringify(m.body)).toBe(201);
    // … and the third to another, discussed with the werkgroep: in optie, which everyone sees.
    const ander = await maakVraag(reg, 'In Optie BV', '71000006', { min_ha: 0.5, max_ha: 1.5 });
    const besproken = await reg.send('POST', '/api/matches', { ruimtevraag_id: ander, kavel_ids: [inOptie.id], reden: 'Past ook' });
    expect(besproken.status, JSON.stringify(besproken.body)).toBe(201);
    await stap(reg, besproken.body, 'besproken_werkgroep');

    const wg = await werkgroep();
    const a = await wg.send('DELETE', `/api/kavels/${zonder.id}`, undefined, { 'if-match': '"1"' });
    const b = await wg.send('DELETE', `/api/kavels/${voorgesteld.id}`, undefined, { 'if-match': '"1"' });
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    // A refusal here would tell the werkgroep that someone is proposed this kavel.
    expect(b.status, JSON.stringify(b.body)).toBe(a.status);
    expect(Object.keys(b.body).sort()).toEqual(Object.keys(a.body).sort());
    // The regisseur finds the proposal lapsed, and why.
    const match = (await reg.get(`/api/matches/${m.body.id}`)).body;
    expect(match.status).toBe('afgevallen');
    const stappen = (await db.pool.query(`SELECT van_status, naar_status, reden FROM match_stap WHERE match_id = $1 ORDER BY id`, [m.body.id])).rows;
    expect(stappen.at(-1)).toEqual({ van_status: 'voorgesteld', naar_status: 'afgevallen', reden: `Kavel ${voorgesteld.id} is verwijderd; het voorstel vervalt.` });

    // A kavel in optie is refused: the werkgroep sees that it is in optie.
    const c = await wg.send('DELETE', `/api/kavels/${inOptie.id}`, undefined, { 'if-match': `"${(await one(`SELECT version FROM kavel WHERE id = $1`, [inOptie.id])).version}"` });
    expect(c.status, JSON.stringify(c.body)).toBe(409);
    expect(c.body.error.code).toBe('in_gebruik');
  });
});

describe('a werkgroep’s import dry run that would remove a kavel', () => {
  it('succeeds alike whether or not a company in the register sits on the kavel', async () => {
    const wg = await api.as('werkgroep_leiden');
    const bron = `Afleidregister ${Date.now()}`;
    await importeerVoorbeeld(api.app, wg, bron);
    const ontbrekend = async () => {
      const up = await upload(api.app, wg, 'leiden_kavels_2027.zip', await readFile(path.join(EXAMPLES, 'leiden_kavels_2027.zip')));
      expect(up.status, JSON.stringify(up.body)).toBe(201);
      const { rapport } = await controleer(wg, up.body.id,
        { bestand: 'leiden_kavels_2027.shp', laag: 'leiden_kavels_2027', doel: 'kavels', bron, bron_id_veld: 'KAVELNR', velden: KAVEL_VELDEN });
      expect(rapport.ontbrekend).toHaveLength(1);
      return { id: up.body.id as string, kavel: rapport.ontbrekend[0].id as number };
    };
    // The dry run removes nothing, so the werkgroep could ask it about any kavel of its own, again and again.
    const eerst = await ontbrekend();
    const zonder = await schrijf(wg, eerst.id, 'proefdraai', [eerst.kavel]);
    expect(zonder.sessie?.proef, JSON.stringify(zonder.sessie?.taak)).toMatchObject({ proef: true, verwijderd: 1 });

    const vraag = await (await api.as('regisseur')).send('POST', '/api/ruimtevragen', {
      bedrijf: { naam: 'Importstil BV', kvk_nummer: '71000004', huidige_kavel_id: eerst.kavel },
      min_ha: 1, max_ha: 2, milieucategorie: '2', reden: 'groei',
    });
    expect(vraag.status, JSON.stringify(vraag.body)).toBe(201);
    const daarna = await ontbrekend();
    expect(daarna.kavel).toBe(eerst.kavel);
    const met = await schrijf(wg, daarna.id, 'proefdraai', [daarna.kavel]);
    expect(met.start.status, JSON.stringify(met.start.body)).toBe(zonder.start.status);
    expect(met.sessie?.proef, JSON.stringify(met.sessie?.taak)).toMatchObject({ proef: true, verwijderd: 1 });
  });
});

describe('the werkgroep’s view of one request', () => {
  it('does not change its ETag when only what the werkgroep may not see changes', async () => {
    const reg = await api.as('regisseur');
    const id = await maakVraag(reg, 'Stille Wijziging BV', '71000005', { min_ha: 1, max_ha: 2 });
    const wg = await api.as('werkgroep_leiden');
    const voor = await wg.get(`/api/ruimtevragen/${id}`);
    expect(voor.status).toBe(200);
    // Only confidential facts change: the company's jobs and the regisseur's notes.
    const version = (await one(`SELECT version FROM ruimtevraag WHERE id = $1`, [id])).version;
    const w = await reg.send('PATCH', `/api/ruimtevragen/${id}`, { version, bedrijf: { arbeidsplaatsen: 80 }, notities: 'Overweegt te vertrekken uit de regio' });
    expect(w.status, JSON.stringify(w.body)).toBe(200);
    const na = await wg.get(`/api/ruimtevragen/${id}`);
    expect(na.body).toEqual(voor.body);
    expect(na.headers.get('etag'), 'the ETag tells that something hidden changed').toBe(voor.headers.get('etag'));
  });
});
