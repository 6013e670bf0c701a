// Pure matching rules: each hard filter, merging adjacent kavels, the score per
// criterion and the tie-break, on hand-made kavels (no database).
import { describe, expect, it } from 'vitest';
import {
  instellingenUit, kandidatenVoor, scoreSet, STANDAARD_INSTELLINGEN, uitsluitingen, type MatchKavel, type MatchVraag,
} from '../../server/domain/matching.ts';
import { scheefwerken } from '../../server/domain/matching-scheefwerken.ts';

const inst = STANDAARD_INSTELLINGEN;
const VANDAAG = '2026-01-01';

const kavel = (id: number, o: Partial<MatchKavel> = {}): MatchKavel => ({
  id, terrein_id: 1, gemeente_id: 10, in_regio: true, status: 'beschikbaar', planstatus: 'hard',
  mc_min: null, mc_max: 5, watergebonden: false, beschikbaar_vanaf: null, ha: 2, x: 100_000 + id * 100, y: 460_000, ...o,
});
const vraag = (o: Partial<MatchVraag> = {}): MatchVraag => ({
  id: 1, min_ha: 1.5, max_ha: 2.5, mc: 4, watergebonden: false, gewenste_gemeente_ids: [], gewenst_vanaf: '2026-06-01',
  gewenst_tot: '2028-12-31', voorrang: false, arbeidsplaatsen: 100, huidige_kavel_id: null, ...o,
});
const none = new Map<number, number[]>();
const kandidaten = (v: MatchVraag, kavels: MatchKavel[], buren = none, i = inst) =>
  kandidatenVoor(v, { kavels, buren, inst: i, vandaag: VANDAAG });

describe('hard filters', () => {
  it('pass a kavel that meets every requirement', () => {
    expect(uitsluitingen(vraag(), kavel(1), inst)).toEqual([]);
  });

  it.each([
    ['status', { status: 'bezet' }],
    ['status', { status: 'in_optie' }],
    ['tijd', { beschikbaar_vanaf: '2029-01-01' }],
    ['milieucategorie_max', { mc_max: 3 }],
    ['milieucategorie_min', { mc_min: 5 }],
    ['watergebonden', {}, { watergebonden: true }],
    ['regio', { in_regio: false }],
    ['te_groot', { ha: 2.76 }],
    ['eigen_kavel', { status: 'bezet' }, { huidige_kavel_id: 1 }],
  ] as [string, Partial<MatchKavel>, Partial<MatchVraag>?][])('exclude on %s', (reden, k, v = {}) => {
    const why = uitsluitingen(vraag(v), kavel(1, k), inst);
    expect(why).toEqual([reden]);
    expect(kandidaten(vraag(v), [kavel(1, k)]).kandidaten).toHaveLength(0);
  });

  it('admit the edges of each range', () => {
    expect(uitsluitingen(vraag(), kavel(1, { beschikbaar_vanaf: '2028-12-31', mc_max: 4, mc_min: 4, ha: 2.75 }), inst)).toEqual([]);
    for (const status of ['beschikbaar', 'potentieel', 'vrijkomend']) expect(uitsluitingen(vraag(), kavel(1, { status }), inst)).toEqual([]);
    expect(uitsluitingen(vraag({ watergebonden: true }), kavel(1, { watergebonden: true }), inst)).toEqual([]);
  });

  it('admit an occupied kavel only when marked conditionally available (relocation chain)', () => {
    expect(uitsluitingen(vraag(), kavel(1, { status: 'bezet' }), inst, { voorwaardelijk: new Set([1]) })).toEqual([]);
  });

  it('leave out a kavel that is too small on its own, and report why nothing fits', () => {
    const r = kandidaten(vraag(), [kavel(1, { ha: 1 })]);
    expect(r.kandidaten).toEqual([]);
    expect(r.reden_geen_kandidaten).toMatch(/geen kavel of combinatie van aangrenzende kavels heeft de gevraagde omvang/);
  });

  it('name the most frequent hard filter when no kavel passes', () => {
    const r = kandidaten(vraag({ watergebonden: true }), [kavel(1), kavel(2), kavel(3, { mc_max: 2 })]);
    expect(r.uitgesloten).toEqual({ watergebonden: 3, milieucategorie_max: 1 });
    expect(r.reden_geen_kandidaten).toMatch(/^Geen enkele kavel voldoet aan de harde eisen: de vraag is watergebonden en de kavel niet \(3 kavels\)/);
  });
});

describe('samenvoegen', () => {
  const small = [kavel(1, { ha: 0.8 }), kavel(2, { ha: 0.9 }), kavel(3, { ha: 0.7 }), kavel(4, { ha: 0.9, terrein_id: 2 })];
  const adj = new Map([[1, [2, 4]], [2, [1, 3]], [3, [2]], [4, [1]]]);

  it('combines adjacent kavels on one terrein into a candidate of the right size', () => {
    const r = kandidaten(vraag(), small, adj);
    const sets = r.kandidaten.map((k) => k.kavel_ids.join('+')).sort();
    expect(sets).toEqual(['1+2', '1+2+3', '2+3']);
    expect(r.kandidaten.every((k) => k.samengevoegd)).toBe(true);
    expect(r.kandidaten.find((k) => k.kavel_ids.join() === '1,2')!.oppervlakte_ha).toBeCloseTo(1.7);
  });

  it('does not combine kavels that do not touch or lie on another terrein', () => {
    const r = kandidaten(vraag(), small, new Map([[1, [4]], [4, [1]]]));
    expect(r.kandidaten).toEqual([]);
  });

  it('respects the maximum number of merged kavels and the upper size bound', () => {
    const two = instellingenUit({ max_kavels_samenvoegen: 2 });
    expect(kandidaten(vraag(), small, adj, two).kandidaten.map((k) => k.kavel_ids.length)).toEqual([2, 2]);
    const tight = kandidaten(vraag({ max_ha: 1.8 }), small, adj); // 2.4 ha for 1+2+3 > 1.98
    expect(tight.kandidaten.some((k) => k.kavel_ids.length === 3)).toBe(false);
  });

  it('never merges a kavel that fails a hard filter', () => {
    const r = kandidaten(vraag(), [small[0], { ...small[1], status: 'bezet' }, small[2]], adj);
    expect(r.kandidaten).toEqual([]);
  });
});

describe('score', () => {
  const ctx = { inst, vandaag: VANDAAG, huidig: null };
  const crit = (k: MatchKavel[], v = vraag(), c: Parameters<typeof scoreSet>[2] = ctx) =>
    Object.fromEntries(scoreSet(v, k, c).criteria.map((x) => [x.criterium, x]));

  it('records every criterion with weight, contribution and a Dutch explanation, summing to the score', () => {
    const s = scoreSet(vraag(), [kavel(1)], ctx);
    expect(s.criteria.map((c) => c.criterium)).toEqual(['omvang', 'planstatus', 'timing', 'gemeente', 'afstand', 'arbeidsplaatsen', 'milieuruimte']);
    expect(s.score).toBeCloseTo(s.criteria.reduce((t, c) => t + c.bijdrage, 0), 3);
    for (const c of s.criteria) {
      expect(c.gewicht).toBe(inst.gewichten[c.criterium]);
      expect(c.toelichting.length).toBeGreaterThan(10);
    }
    expect(crit([kavel(1)]).omvang.toelichting).toBe('2 ha valt binnen de gevraagde 1,5–2,5 ha.');
  });

  it('puts hard planning capacity above zacht', () => {
    expect(crit([kavel(1)]).planstatus.score).toBe(1);
    expect(crit([kavel(1, { planstatus: 'zacht' })]).planstatus.score).toBe(0);
    expect(crit([kavel(1, { planstatus: 'zacht' })]).planstatus.toelichting).toMatch(/Zachte plancapaciteit/);
  });

  it('scores size within [min,max] fully and less above max', () => {
    expect(crit([kavel(1, { ha: 2.5 })]).omvang.score).toBe(1);
    expect(crit([kavel(1, { ha: 2.75 })]).omvang.score).toBeCloseTo(0.5);
    expect(crit([kavel(1, { ha: 2.625 })]).omvang.score).toBeCloseTo(0.75);
  });

  it('scores timing down the later the kavel comes free', () => {
    expect(crit([kavel(1, { beschikbaar_vanaf: '2026-05-01' })]).timing.score).toBe(1);
    const late = crit([kavel(1, { beschikbaar_vanaf: '2027-09-15' })]).timing.score;
    expect(late).toBeGreaterThan(0.3);
    expect(late).toBeLessThan(0.7);
  });

  it('prefers the wanted gemeente', () => {
    const v = vraag({ gewenste_gemeente_ids: [10] });
    expect(crit([kavel(1)], v).gemeente.score).toBe(1);
    expect(crit([kavel(1, { gemeente_id: 11 })], v).gemeente.score).toBe(0);
  });

  it('scores distance from the current location', () => {
    const near = crit([kavel(1)], vraag(), { ...ctx, huidig: { x: 100_100, y: 461_000 } }).afstand;
    const far = crit([kavel(1)], vraag(), { ...ctx, huidig: { x: 100_100, y: 470_000 } }).afstand;
    expect(near.score).toBeCloseTo(1 - 1 / 15, 3);
    expect(far.score).toBeCloseTo(1 - 10 / 15, 3);
    expect(far.toelichting).toMatch(/^10 km van de huidige locatie/);
  });

  it('scores jobs per hectare against the norm', () => {
    expect(crit([kavel(1)], vraag({ arbeidsplaatsen: 100 })).arbeidsplaatsen.score).toBe(1);
    expect(crit([kavel(1)], vraag({ arbeidsplaatsen: 50 })).arbeidsplaatsen.score).toBeCloseTo(0.5);
  });

  it('gives a light company on a heavy plot a lower score', () => {
    const exact = crit([kavel(1, { mc_max: 4 })]).milieuruimte.score;
    const heavy = crit([kavel(1, { mc_max: 7 })]).milieuruimte.score;
    expect(exact).toBe(1);
    expect(heavy).toBeCloseTo(0.25);
  });

  it('uses configured weights', () => {
    const onlySize = instellingenUit({ gewicht_planstatus: 0, gewicht_timing: 0, gewicht_gemeente: 0, gewicht_afstand: 0, gewicht_arbeidsplaatsen: 0, gewicht_milieuruimte: 0 });
    expect(scoreSet(vraag(), [kavel(1, { planstatus: 'zacht', mc_max: 9 })], { ...ctx, inst: onlySize }).score).toBe(100);
  });
});

describe('ordering', () => {
  it('sorts by score, then smaller surplus area, then fewer kavels, then lower kavel id', () => {
    const r = kandidaten(vraag(), [kavel(5, { ha: 2 }), kavel(3, { ha: 2 }), kavel(4, { ha: 1.6 }), kavel(2, { ha: 2, planstatus: 'zacht' })]);
    expect(r.kandidaten.map((k) => k.kavel_ids[0])).toEqual([4, 3, 5, 2]);
  });
});

describe('scheefwerken', () => {
  const base = { activiteit: 2, activiteit_code: '2', kavel_max: 5, kavel_max_code: '4.1', minimum: null, minimum_code: null, watergebonden: false };
  const d = { drempel_stappen: 3, lichte_categorie: 2 };
  it('signals an activity far below the plot category, with the threshold as data', () => {
    expect(scheefwerken(base, d)?.redenen[0]).toMatch(/ligt 3 stappen onder wat de kavel toelaat \(cat\. 4\.1\); drempel 3/);
    expect(scheefwerken(base, { ...d, drempel_stappen: 4 })).toBeNull();
    expect(scheefwerken({ ...base, activiteit: 3 }, d)).toBeNull();
  });
  it('signals an activity below the minimum and a light one on a watergebonden plot', () => {
    expect(scheefwerken({ ...base, kavel_max: 4, minimum: 3, minimum_code: '3.1' }, d)?.redenen).toEqual(['Activiteit (cat. 2) is lichter dan het minimum van de locatie (cat. 3.1).']);
    expect(scheefwerken({ ...base, kavel_max: 3, watergebonden: true }, d)?.redenen).toEqual(['Lichte activiteit (cat. 2) op een watergebonden kavel.']);
  });
});
