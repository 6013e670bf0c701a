// Running matches in the regional model (issue 10, item 8): a request whose match
// is accepted (kavels in optie) is fixed — its kavels are taken, the request counts
// as satisfied (so the kavel its company leaves is free for others), and the result
// says so. Hand-made instances with a known answer, and a property over random ones.
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import highsLoader from 'highs';
import { gretig, isToelaatbaar, solveRegio, type HighsLike, type RegioInstance } from '../../server/domain/matching-solver.ts';

let highs: HighsLike;
beforeAll(async () => {
  highs = (await (highsLoader as unknown as () => Promise<HighsLike>)());
});

const assigned = (r: { toewijzingen: { vraag_id: number; kavel_ids: number[] }[] }) =>
  Object.fromEntries(r.toewijzingen.map((t) => [t.vraag_id, t.kavel_ids.join('+')]));

describe('running matches are fixed in the regional model', () => {
  // Request 1 has an accepted match on kavel 30; it would otherwise take kavel 10 (its best),
  // which request 2 wants too. Request 1's company sits on kavel 20, which only request 3 fits.
  const instance: RegioInstance = {
    vragen: [{ id: 1, voorrang: false, huidige_kavel_id: 20 }, { id: 2, voorrang: false, huidige_kavel_id: null }, { id: 3, voorrang: false, huidige_kavel_id: null },
      { id: 4, voorrang: false, huidige_kavel_id: null }],
    opties: [
      { vraag_id: 1, kavel_ids: [10], score: 95 }, { vraag_id: 2, kavel_ids: [10], score: 60 },
      { vraag_id: 3, kavel_ids: [20], score: 70 }, { vraag_id: 4, kavel_ids: [30], score: 99 }, { vraag_id: 4, kavel_ids: [40], score: 10 },
    ],
    voorwaardelijk: new Map([[20, 1]]),
    voorrang_factor: 1.5,
    vast: [{ match_id: 7, vraag_id: 1, kavel_ids: [30], status: 'besproken_werkgroep', score: 80 }],
  };

  for (const [naam, los] of [['HiGHS', (i: RegioInstance) => solveRegio(highs, i)], ['gretig', gretig]] as const) {
    it(`${naam}: assigns the fixed request nothing new, keeps its kavel, and frees the kavel it leaves`, () => {
      const r = los(instance);
      expect(assigned(r)).toEqual({ 2: '10', 3: '20', 4: '40' });
      expect(r.vast).toEqual(instance.vast);
      expect(r.niet_toegewezen).toEqual([]);
      expect(r.doelwaarde).toBe(140);
      // The running match heads the chain it makes possible.
      expect(r.ketens).toEqual([{ cyclus: false, stappen: [
        { vraag_id: 1, naar_kavel_ids: [30], vrijgekomen_kavel_id: 20, match_id: 7 },
        { vraag_id: 3, naar_kavel_ids: [20], vrijgekomen_kavel_id: null },
      ] }]);
    });
  }

  it('counts a choice that reuses a fixed kavel or reassigns a fixed request as infeasible', () => {
    const idx = (v: number, k: number) => instance.opties.findIndex((o) => o.vraag_id === v && o.kavel_ids[0] === k);
    expect(isToelaatbaar(instance, [idx(2, 10), idx(3, 20), idx(4, 40)])).toBe(true);
    expect(isToelaatbaar(instance, [idx(4, 30)])).toBe(false);
    expect(isToelaatbaar(instance, [idx(1, 10)])).toBe(false);
  });

  it('on random instances, never touches fixed requests or kavels and stays feasible and at least as good as greedy', { timeout: 60_000 }, () => {
    const arb = fc.record({
      n: fc.integer({ min: 2, max: 6 }),
      opties: fc.array(fc.record({ v: fc.integer({ min: 1, max: 6 }), k: fc.integer({ min: 1, max: 8 }), s: fc.integer({ min: 1, max: 100 }) }), { minLength: 2, maxLength: 18 }),
      huidig: fc.array(fc.option(fc.integer({ min: 1, max: 8 }), { nil: null }), { minLength: 6, maxLength: 6 }),
      vast: fc.uniqueArray(fc.integer({ min: 1, max: 6 }), { maxLength: 2 }),
      vastKavel: fc.integer({ min: 1, max: 8 }),
    });
    fc.assert(fc.property(arb, ({ n, opties, huidig, vast, vastKavel }) => {
      const ids = Array.from({ length: n }, (_, i) => i + 1);
      const bezet = new Map<number, number>();
      const vragen = ids.map((id) => {
        const k = huidig[id - 1];
        const own = k !== null && !bezet.has(k) && k !== vastKavel ? k : null;
        if (own !== null) bezet.set(own, id);
        return { id, voorrang: false, huidige_kavel_id: own };
      });
      const vasteVragen = vast.filter((v) => v <= n);
      const i: RegioInstance = {
        vragen,
        opties: opties.filter((o) => o.v <= n).map((o) => ({ vraag_id: o.v, kavel_ids: [o.k], score: o.s })),
        voorwaardelijk: bezet,
        voorrang_factor: 1.5,
        vast: vasteVragen.map((v, j) => ({ match_id: 100 + j, vraag_id: v, kavel_ids: [vastKavel + 10 * (j + 1)], status: 'warme_overdracht', score: null })),
      };
      // Options on a fixed kavel, too (the model must drop them).
      for (const f of i.vast!) i.opties.push({ vraag_id: ids[0], kavel_ids: f.kavel_ids, score: 100 });
      const opt = solveRegio(highs, i);
      const greedy = gretig(i);
      const vasteKavels = new Set(i.vast!.flatMap((f) => f.kavel_ids));
      for (const r of [opt, greedy]) {
        expect(r.toewijzingen.some((t) => vasteVragen.includes(t.vraag_id))).toBe(false);
        expect(r.toewijzingen.some((t) => t.kavel_ids.some((k) => vasteKavels.has(k)))).toBe(false);
        expect(r.niet_toegewezen.some((t) => vasteVragen.includes(t.vraag_id))).toBe(false);
        const gekozen = r.toewijzingen.map((t) => i.opties.findIndex((o) => o.vraag_id === t.vraag_id && o.kavel_ids[0] === t.kavel_ids[0] && o.score === t.score));
        expect(isToelaatbaar(i, gekozen)).toBe(true);
      }
      expect(opt.doelwaarde).toBeGreaterThanOrEqual(greedy.doelwaarde - 1e-6);
    }), { numRuns: 150, seed: 10 });
  });
});
