// The score of a candidate: each criterion with its weight, contribution and Dutch
// explanation, on hand-made kavels (no database).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { instellingenUit, STANDAARD_INSTELLINGEN, type MatchKavel } from '../../server/domain/matching-model.ts';
import { kavel, vraag, VANDAAG } from '../support/matching-instances.ts';
import { scoreGetal, scoreSet, scoreVraag, setTabel } from '../../server/domain/matching-score.ts';

const inst = STANDAARD_INSTELLINGEN;

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

  it('times merged kavels by the one that comes free last', () => {
    const now = kavel(1);
    const late = kavel(2, { beschikbaar_vanaf: '2027-09-15' });
    const later = kavel(3, { beschikbaar_vanaf: '2028-01-10' });
    for (const set of [[now, late, later], [later, now, late], [late, later, now]]) {
      const t = crit(set).timing;
      expect(t.score).toBe(crit([later]).timing.score);
      expect(t.toelichting).toMatch(/^Beschikbaar vanaf 10 januari 2028:/);
    }
    expect(crit([kavel(1, { beschikbaar_vanaf: '2026-05-01' }), now]).timing.toelichting).toMatch(/^Beschikbaar vanaf 1 mei 2026, op tijd/);
    // Available now: from today.
    expect(crit([now]).timing.toelichting).toBe('Beschikbaar vanaf 1 januari 2026, op tijd voor de gewenste start 1 juni 2026.');
  });

  it('prefers the wanted gemeente', () => {
    const v = vraag({ gewenste_gemeente_ids: [10] });
    expect(crit([kavel(1)], v).gemeente.score).toBe(1);
    expect(crit([kavel(1, { gemeente_id: 11 })], v).gemeente.score).toBe(0);
    // Kavels merged across a gemeente border: every one must lie in a wanted gemeente.
    expect(crit([kavel(1), kavel(2, { gemeente_id: 11 })], v).gemeente.score).toBe(0);
    expect(crit([kavel(1), kavel(2, { gemeente_id: 11 })], vraag({ gewenste_gemeente_ids: [10, 11] })).gemeente.score).toBe(1);
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

describe('the score without explanations', () => {
  it('is the same number as the explained score, for any set and request', { timeout: 30_000 }, () => {
    const kavelArb = fc.record({
      ha: fc.double({ min: 0.1, max: 3, noNaN: true }), hard: fc.boolean(), mc_max: fc.integer({ min: 1, max: 10 }),
      gemeente_id: fc.integer({ min: 9, max: 11 }), vanaf: fc.constantFrom(null, '2025-05-01', '2027-03-15', '2030-01-01'),
      x: fc.integer({ min: 90_000, max: 110_000 }), y: fc.integer({ min: 450_000, max: 470_000 }),
    });
    const vraagArb = fc.record({
      mc: fc.integer({ min: 1, max: 10 }), jobs: fc.option(fc.integer({ min: 0, max: 500 }), { nil: null }),
      gemeenten: fc.subarray([9, 10, 11]), vanaf: fc.constantFrom(null, '2026-06-01'), tot: fc.constantFrom(null, '2026-03-01', '2029-12-31'),
      huidig: fc.option(fc.record({ x: fc.integer({ min: 90_000, max: 110_000 }), y: fc.integer({ min: 450_000, max: 470_000 }) }), { nil: null }),
    });
    const setArb = fc.array(kavelArb, { minLength: 1, maxLength: 3 });
    // Several sets in one table and several requests scored against it in turn, as the
    // regional model does: the table's totals per set, and its headroom per category, are
    // shared by every request.
    fc.assert(fc.property(fc.array(setArb, { minLength: 1, maxLength: 4 }), fc.array(vraagArb, { minLength: 1, maxLength: 3 }), (sets, qs) => {
      let id = 0;
      const kavelSets = sets.map((ks) => ks.map((k) => kavel(++id, { ha: k.ha, planstatus: k.hard ? 'hard' : 'zacht', mc_max: k.mc_max, gemeente_id: k.gemeente_id,
        beschikbaar_vanaf: k.vanaf, x: k.x, y: k.y })));
      const tabel = setTabel([[], ...kavelSets]);
      for (const q of qs) {
        const v = vraag({ mc: q.mc, arbeidsplaatsen: q.jobs, gewenste_gemeente_ids: q.gemeenten, gewenst_vanaf: q.vanaf, gewenst_tot: q.tot });
        const ctx = { inst, vandaag: VANDAAG, huidig: q.huidig };
        kavelSets.forEach((set, i) => expect(scoreGetal(scoreVraag(v, ctx), tabel, i + 1)).toBe(scoreSet(v, set, ctx).score));
      }
    }), { numRuns: 300, seed: 11 });
  });
});
