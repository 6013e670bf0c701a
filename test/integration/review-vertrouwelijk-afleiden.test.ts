// Adversarial review of confidentiality: an attacker with a stuurgroep or werkgroep
// account tries to DERIVE a hidden attribute of a ruimtevraag or a match from what
// the routes open to that role answer (not merely to find a company name in them).
import { describe, expect, it } from 'vitest';
import { matchingTestFile } from '../support/matching-fixture.ts';
import type { Client } from '../support/api.ts';

const { api, one } = matchingTestFile();

/** A request made by the regisseur; returns its id. */
async function maakVraag(reg: Client, naam: string, kvk: string, grootte: { min_ha: number; max_ha: number }) {
  const res = await reg.send('POST', '/api/ruimtevragen', {
    bedrijf: { naam, kvk_nummer: kvk, arbeidsplaatsen: 12, gebruikspositie: 'huurder', milieucategorie_activiteit: '2' },
    ...grootte, milieucategorie: '2', reden: 'groei', gewenste_gemeente_ids: [],
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
