// From candidate sets to ranked candidates: the score per set, the fixed tie-break,
// the best few for the regional model, and why a request has none. The sets
// themselves come from the database (test/integration/matching-kandidaten.test.ts);
// here they are given.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { STANDAARD_INSTELLINGEN, type MatchKavel, type MatchVraag } from '../../server/domain/matching-model.ts';
import { kavel, vraag, VANDAAG } from '../support/matching-instances.ts';
import {
  besteKandidaten, geenKandidaatReden, kandidaatTabel, kandidatenUitSets, type KandidaatInvoer,
} from '../../server/domain/matching-kandidaten.ts';

const inst = STANDAARD_INSTELLINGEN;
const invoer = (kavels: MatchKavel[], o: Partial<KandidaatInvoer> = {}): KandidaatInvoer =>
  ({ kavels: new Map(kavels.map((k) => [k.id, k])), inst, vandaag: VANDAAG, ...o });
const telling = { totaal: 1, geschikt: 1, uitgesloten: {} };
/** Every kavel a candidate on its own. */
const kandidaten = (v: MatchVraag, kavels: MatchKavel[]) => kandidatenUitSets(v, kavels.map((k) => [k.id]), invoer(kavels), telling);

describe('ordering', () => {
  it('sorts by score, then smaller surplus area, then fewer kavels, then lower kavel id', () => {
    const r = kandidaten(vraag(), [kavel(5, { ha: 2 }), kavel(3, { ha: 2 }), kavel(4, { ha: 1.6 }), kavel(2, { ha: 2, planstatus: 'zacht' })]);
    expect(r.kandidaten.map((k) => k.kavel_ids[0])).toEqual([4, 3, 5, 2]);
  });
});

describe('a candidate', () => {
  it('records its area, whether it merges kavels, and which of its kavels are free only when their company moves', () => {
    const ks = [kavel(1, { ha: 0.8 }), kavel(2, { ha: 0.9, status: 'bezet' })];
    const [k] = kandidatenUitSets(vraag(), [[1, 2]], invoer(ks, { voorwaardelijk: new Set([2]) }), telling).kandidaten;
    expect(k).toMatchObject({ kavel_ids: [1, 2], samengevoegd: true, oppervlakte_ha: 1.7, voorwaardelijke_kavel_ids: [2] });
    expect(k.criteria).toHaveLength(7);
  });

  it('scores the distance from the company’s current kavel, when its facts are given', () => {
    const ks = [kavel(1), kavel(9, { x: 100_100, y: 470_000 })];
    const [ver] = kandidatenUitSets(vraag({ huidige_kavel_id: 9 }), [[1]], invoer(ks), telling).kandidaten;
    const [onbekend] = kandidatenUitSets(vraag(), [[1]], invoer(ks), telling).kandidaten;
    expect(ver.criteria.find((c) => c.criterium === 'afstand')!.score).toBeCloseTo(1 - 10 / 15, 3);
    expect(onbekend.criteria.find((c) => c.criterium === 'afstand')!.score).toBe(0.5);
  });
});

describe('the best candidates of a request (the regional model’s options)', () => {
  it('are exactly the first n of the full ranking, in whatever order the sets come', { timeout: 30_000 }, () => {
    const arb = fc.record({
      kavels: fc.array(fc.record({ ha: fc.constantFrom(1.5, 1.6, 2, 2.4), hard: fc.boolean(), mc_max: fc.integer({ min: 4, max: 6 }) }), { minLength: 1, maxLength: 12 }),
      n: fc.integer({ min: 1, max: 8 }),
      volgorde: fc.array(fc.double({ noNaN: true }), { minLength: 23, maxLength: 23 }),
    });
    fc.assert(fc.property(arb, ({ kavels: ks, n, volgorde }) => {
      const kavels = ks.map((k, i) => kavel(i + 1, { ha: k.ha, planstatus: k.hard ? 'hard' : 'zacht', mc_max: k.mc_max }));
      const sets = [...kavels.map((k) => [k.id]), ...kavels.slice(1).map((k) => [k.id - 1, k.id])];
      const alle = kandidatenUitSets(vraag(), sets, invoer(kavels), telling).kandidaten;
      // The database hands the sets over in any order (by size, not by id).
      const aanbod = [...sets.keys()].sort((a, b) => volgorde[a] - volgorde[b] || a - b);
      const best = besteKandidaten(vraag(), aanbod, kandidaatTabel(sets, invoer(kavels).kavels), invoer(kavels), n);
      expect(best.map((b) => [b.kavel_ids, b.score])).toEqual(alle.slice(0, n).map((k) => [k.kavel_ids, k.score]));
    }), { numRuns: 200, seed: 7 });
  });
});

describe('no candidate', () => {
  it('says why: no kavels, none of the right size, or the hard rules that excluded the most', () => {
    expect(geenKandidaatReden({ totaal: 0, geschikt: 0, uitgesloten: {} })).toBe('Er zijn geen kavels.');
    expect(geenKandidaatReden({ totaal: 4, geschikt: 2, uitgesloten: { status: 2 } }))
      .toBe('Geen passende kavel: 2 kavels voldoen aan de harde eisen, maar geen kavel of combinatie van aangrenzende kavels heeft de gevraagde omvang.');
    expect(geenKandidaatReden({ totaal: 3, geschikt: 0, uitgesloten: { watergebonden: 3, milieucategorie_max: 1 } }))
      .toBe('Geen enkele kavel voldoet aan de harde eisen: de vraag is watergebonden en de kavel niet (3 kavels); '
        + 'de milieucategorie van de vraag is zwaarder dan de kavel toelaat (1 kavel).');
  });

  it('is reported with the counts when the list is empty, and not otherwise', () => {
    const leeg = kandidatenUitSets(vraag(), [], invoer([]), { totaal: 2, geschikt: 0, uitgesloten: { tijd: 2 } });
    expect(leeg).toEqual({ kandidaten: [], uitgesloten: { tijd: 2 }, reden_geen_kandidaten: 'Geen enkele kavel voldoet aan de harde eisen: de kavel komt pas na de gewenste periode vrij (2 kavels).' });
    expect(kandidaten(vraag(), [kavel(1)]).reden_geen_kandidaten).toBeNull();
  });
});
