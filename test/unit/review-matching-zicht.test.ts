// The werkgroep's candidates and the bounds of the settings (issue 10, items 1 and 10),
// as pure rules: whatever a company's confidential facts, the anonymised answer is
// the same; every setting is bounded, and a stored out-of-range value is ignored.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  INSTELLING_GRENZEN, STANDAARD_INSTELLINGEN, instellingFout, instellingenUit, type InstellingSleutel, type MatchKavel, type MatchVraag,
} from '../../server/domain/matching-model.ts';
import { scoreSet } from '../../server/domain/matching-score.ts';
import { kandidatenUitSets } from '../../server/domain/matching-kandidaten.ts';
import { invoerVoorZicht, kandidatenVoorZicht, type KavelFeiten } from '../../server/domain/matching-zicht.ts';
import { orakelRedenen, orakelSets } from '../support/kandidaat-orakel.ts';

const kavel = (id: number, o: Partial<MatchKavel> = {}): KavelFeiten => ({
  id, terrein_id: 1, gemeente_id: 1, in_regio: true, status: 'beschikbaar', planstatus: 'hard', mc_min: null, mc_max: 5,
  mc_max_code: '4.1', watergebonden: false, beschikbaar_vanaf: null, ha: 1.5, x: 90_000 + id * 700, y: 460_000 + (id % 5) * 900,
  terrein: 'Terrein', gemeente: 'Leiden', ...o,
});
const vraag = (o: Partial<MatchVraag> = {}): MatchVraag => ({
  id: 1, min_ha: 1, max_ha: 2, mc: 3, watergebonden: false, gewenste_gemeente_ids: [], gewenst_vanaf: null, gewenst_tot: null,
  voorrang: false, arbeidsplaatsen: null, huidige_kavel_id: null, ...o,
});

/**
 * What the werkgroep receives for a request over these kavels (none touching). The
 * database finds the candidate sets; here the independent evaluation of the hard
 * rules stands in for it.
 */
function anoniem(v: MatchVraag, kavels: KavelFeiten[]) {
  const invoer = invoerVoorZicht('anoniem', v, STANDAARD_INSTELLINGEN);
  const opties = { tolerantie: invoer.inst.tolerantie, maxSamenvoegen: 1 };
  const sets = orakelSets(invoer.vraag, kavels, new Set(), opties).map((s) => s.split(',').map(Number));
  const redenen = kavels.filter((k) => ['beschikbaar', 'potentieel', 'vrijkomend'].includes(k.status))
    .map((k) => orakelRedenen(invoer.vraag, k, opties));
  const uitgesloten: Record<string, number> = {};
  for (const r of redenen.flat()) uitgesloten[r] = (uitgesloten[r] ?? 0) + 1;
  const telling = { totaal: redenen.length, geschikt: redenen.filter((r) => r.length === 0).length, uitgesloten };
  const resultaat = kandidatenUitSets(invoer.vraag, sets, { kavels: new Map(kavels.map((k) => [k.id, k])), inst: invoer.inst, vandaag: '2026-11-01' }, telling);
  return kandidatenVoorZicht('anoniem', { resultaat, kavels: new Map(kavels.map((k) => [k.id, k])), inst: invoer.inst, limiet: 100 });
}

describe('the werkgroep’s candidates', () => {
  it('are the same whatever the jobs and the current kavel (or none), while the regisseur’s differ', { timeout: 30_000 }, () => {
    const arb = fc.record({
      kavels: fc.uniqueArray(fc.record({ id: fc.integer({ min: 1, max: 60 }), ha: fc.double({ min: 0.5, max: 2.5, noNaN: true }),
        status: fc.constantFrom('beschikbaar', 'vrijkomend', 'bezet'), hard: fc.boolean() }), { minLength: 3, maxLength: 15, selector: (k) => k.id }),
      a: fc.record({ jobs: fc.option(fc.integer({ min: 0, max: 500 }), { nil: null }), kavel: fc.integer({ min: 0, max: 14 }) }),
      b: fc.record({ jobs: fc.option(fc.integer({ min: 0, max: 500 }), { nil: null }), kavel: fc.integer({ min: 0, max: 14 }) }),
    });
    fc.assert(fc.property(arb, ({ kavels: ks, a, b }) => {
      const kavels = ks.map((k) => kavel(k.id, { ha: k.ha, status: k.status, planstatus: k.hard ? 'hard' : 'zacht' }));
      const huidig = (i: number) => (i < kavels.length ? kavels[i].id : null);
      const va = vraag({ arbeidsplaatsen: a.jobs, huidige_kavel_id: huidig(a.kavel) });
      const vb = vraag({ arbeidsplaatsen: b.jobs, huidige_kavel_id: huidig(b.kavel) });
      expect(anoniem(va, kavels)).toEqual(anoniem(vb, kavels));
    }), { numRuns: 200, seed: 10 });
  });

  it('show a rank, a coarse fit and what falls short, never a score or the confidential criteria', () => {
    const kavels = [kavel(1, { planstatus: 'zacht' }), kavel(2), kavel(3, { ha: 1.2 })];
    const out = anoniem(vraag({ arbeidsplaatsen: 80, huidige_kavel_id: 3 }), kavels);
    expect(out.criteria).toEqual(['omvang', 'planstatus', 'timing', 'gemeente', 'milieuruimte']);
    expect(out.kandidaten.map((k) => [k.rang, k.kavel_ids[0]])).toEqual([[1, 3], [2, 2], [3, 1]]);
    for (const k of out.kandidaten) {
      expect(Object.keys(k).sort()).toEqual(['aandachtspunten', 'kavel_ids', 'kavels', 'oppervlakte_ha', 'passend', 'passend_label', 'rang', 'samengevoegd']);
    }
    expect((out.kandidaten[2] as { aandachtspunten: string[] }).aandachtspunten.join(' ')).toMatch(/Zachte plancapaciteit/);
    expect(out.uitgesloten).toEqual({});
    expect(Object.keys(out.instellingen.gewichten)).not.toContain('afstand');
  });
});

describe('settings bounds', () => {
  it('ignore a stored value out of bounds (1e308 made every score null)', () => {
    const inst = instellingenUit({ gewicht_omvang: 1e308, tolerantie: -1, max_kavels_samenvoegen: 2.5, gewicht_gemeente: 4 });
    expect(inst.gewichten.omvang).toBe(3);
    expect(inst.tolerantie).toBe(0.1);
    expect(inst.max_kavels_samenvoegen).toBe(3);
    expect(inst.gewichten.gemeente).toBe(4);
    expect(instellingFout('gewicht_omvang', 1e308)).toBe('gewicht_omvang moet tussen 0 en 100 liggen');
    expect(instellingFout('afstand_max_km', 0)).toBe('afstand_max_km moet tussen 0,1 en 100 liggen');
    expect(instellingFout('max_opties_per_vraag', 2.5)).toBe('max_opties_per_vraag moet een geheel getal zijn');
  });

  it('keep every score a number between 0 and 100 for any settings within the bounds', { timeout: 30_000 }, () => {
    const sleutels = Object.keys(INSTELLING_GRENZEN) as InstellingSleutel[];
    const waarde = (k: InstellingSleutel) => {
      const g = INSTELLING_GRENZEN[k];
      return g.geheel ? fc.integer({ min: g.min, max: g.max }) : fc.double({ min: g.min, max: g.max, noNaN: true });
    };
    const arb = fc.record(Object.fromEntries(sleutels.map((k) => [k, waarde(k)])) as Record<InstellingSleutel, fc.Arbitrary<number>>);
    fc.assert(fc.property(arb, fc.integer({ min: 0, max: 1000 }), (rows, jobs) => {
      const inst = instellingenUit(rows);
      const set = [kavel(1, { ha: 1.9 }), kavel(2, { ha: 0.4, planstatus: 'zacht' })];
      const { score } = scoreSet(vraag({ arbeidsplaatsen: jobs }), set, { inst, vandaag: '2026-11-01', huidig: { x: 80_000, y: 450_000 } });
      expect(Number.isFinite(score)).toBe(true);
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(100 + 1e-9);
    }), { numRuns: 300, seed: 10 });
  });
});
