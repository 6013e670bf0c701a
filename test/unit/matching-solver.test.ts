// The regional assignment model on hand-made instances with a known optimum:
// HiGHS against the greedy baseline, relocation chains, cycles, voorrang, no
// feasible kavel; and HiGHS against brute force on random small instances.
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import highsLoader from 'highs';
import {
  bouwModel, gretig, isToelaatbaar, solveRegio, type HighsLike, type RegioInstance, type RegioOptie,
} from '../../server/domain/matching-solver.ts';

let highs: HighsLike;
beforeAll(async () => {
  highs = (await (highsLoader as unknown as () => Promise<HighsLike>)());
});

const inst = (o: Partial<RegioInstance> & { opties: RegioOptie[] }): RegioInstance => ({
  vragen: [...new Set(o.opties.map((x) => x.vraag_id))].map((id) => ({ id, voorrang: false, huidige_kavel_id: null })),
  voorwaardelijk: new Map(), voorrang_factor: 1.5, ...o,
});
const assigned = (r: { toewijzingen: { vraag_id: number; kavel_ids: number[] }[] }) =>
  Object.fromEntries(r.toewijzingen.map((t) => [t.vraag_id, t.kavel_ids.join('+')]));

describe('regional assignment', () => {
  it('beats greedy where the best single choice blocks another request', () => {
    // A prefers k1 (90) over k2 (80); B fits only k1 (85). Greedy: A→k1, B nothing = 90. Optimum: 80 + 85 = 165.
    const i = inst({ opties: [{ vraag_id: 1, kavel_ids: [1], score: 90 }, { vraag_id: 1, kavel_ids: [2], score: 80 }, { vraag_id: 2, kavel_ids: [1], score: 85 }] });
    const opt = solveRegio(highs, i);
    const greedy = gretig(i);
    expect(opt.status).toBe('Optimal');
    expect(opt.doelwaarde).toBe(165);
    expect(assigned(opt)).toEqual({ 1: '2', 2: '1' });
    expect(greedy.doelwaarde).toBe(90);
    expect(greedy.niet_toegewezen).toEqual([{ vraag_id: 2, reden: expect.stringMatching(/gaan naar andere vragen/) }]);
  });

  it('uses a merged group or two single kavels, whichever scores more in total', () => {
    // A: group 1+2 (95) or kavel 3 (60); B: kavel 1 (70); C: kavel 2 (70). Optimum: A→3, B→1, C→2 = 200 (greedy: 95).
    const i = inst({ opties: [
      { vraag_id: 1, kavel_ids: [1, 2], score: 95 }, { vraag_id: 1, kavel_ids: [3], score: 60 },
      { vraag_id: 2, kavel_ids: [1], score: 70 }, { vraag_id: 3, kavel_ids: [2], score: 70 },
    ] });
    expect(solveRegio(highs, i).doelwaarde).toBe(200);
    expect(gretig(i).doelwaarde).toBe(95);
  });

  it('builds a relocation chain: B fits only A’s current kavel, A fits only a free kavel', () => {
    const i: RegioInstance = {
      vragen: [{ id: 1, voorrang: false, huidige_kavel_id: 10 }, { id: 2, voorrang: false, huidige_kavel_id: null }],
      opties: [{ vraag_id: 1, kavel_ids: [20], score: 50 }, { vraag_id: 2, kavel_ids: [10], score: 90 }],
      voorwaardelijk: new Map([[10, 1]]), voorrang_factor: 1.5,
    };
    const opt = solveRegio(highs, i);
    expect(assigned(opt)).toEqual({ 1: '20', 2: '10' });
    expect(opt.doelwaarde).toBe(140);
    expect(opt.ketens).toEqual([{ cyclus: false, stappen: [
      { vraag_id: 1, naar_kavel_ids: [20], vrijgekomen_kavel_id: 10 },
      { vraag_id: 2, naar_kavel_ids: [10], vrijgekomen_kavel_id: null },
    ] }]);
    expect(gretig(i).doelwaarde).toBe(140); // with repeated passes greedy finds this one too
  });

  it('does not hand out an occupied kavel when its company stays', () => {
    const i: RegioInstance = {
      vragen: [{ id: 1, voorrang: false, huidige_kavel_id: 10, reden_geen_kandidaten: 'Geen enkele kavel voldoet aan de harde eisen: test.' },
        { id: 2, voorrang: false, huidige_kavel_id: null }],
      opties: [{ vraag_id: 2, kavel_ids: [10], score: 90 }],
      voorwaardelijk: new Map([[10, 1]]), voorrang_factor: 1.5,
    };
    for (const r of [solveRegio(highs, i), gretig(i)]) {
      expect(r.toewijzingen).toEqual([]);
      expect(r.doelwaarde).toBe(0);
      expect(r.niet_toegewezen).toEqual([
        { vraag_id: 1, reden: 'Geen enkele kavel voldoet aan de harde eisen: test.' },
        { vraag_id: 2, reden: expect.stringMatching(/komen pas vrij als het bedrijf dat er nu zit verhuist/) },
      ]);
    }
  });

  it('allows a swap and reports it as a cycle', () => {
    const i: RegioInstance = {
      vragen: [{ id: 1, voorrang: false, huidige_kavel_id: 10 }, { id: 2, voorrang: false, huidige_kavel_id: 11 }],
      opties: [{ vraag_id: 1, kavel_ids: [11], score: 70 }, { vraag_id: 2, kavel_ids: [10], score: 60 }],
      voorwaardelijk: new Map([[10, 1], [11, 2]]), voorrang_factor: 1,
    };
    const opt = solveRegio(highs, i);
    expect(opt.doelwaarde).toBe(130);
    expect(opt.ketens).toHaveLength(1);
    expect(opt.ketens[0].cyclus).toBe(true);
    expect(opt.ketens[0].stappen.map((s) => s.vraag_id).sort()).toEqual([1, 2]);
  });

  it('never assigns a company its own kavel', () => {
    const i: RegioInstance = {
      vragen: [{ id: 1, voorrang: false, huidige_kavel_id: 10 }],
      opties: [{ vraag_id: 1, kavel_ids: [10], score: 99 }], voorwaardelijk: new Map([[10, 1]]), voorrang_factor: 1,
    };
    expect(solveRegio(highs, i).toewijzingen).toEqual([]);
    expect(gretig(i).toewijzingen).toEqual([]);
  });

  it('weighs voorrang extra', () => {
    const opties = [{ vraag_id: 1, kavel_ids: [1], score: 80 }, { vraag_id: 2, kavel_ids: [1], score: 100 }];
    const zonder = inst({ opties });
    expect(assigned(solveRegio(highs, zonder))).toEqual({ 2: '1' });
    const met = inst({ opties, vragen: [{ id: 1, voorrang: true, huidige_kavel_id: null }, { id: 2, voorrang: false, huidige_kavel_id: null }] });
    const r = solveRegio(highs, met);
    expect(assigned(r)).toEqual({ 1: '1' });
    expect(r.doelwaarde).toBe(120);
    expect(r.toewijzingen[0].gewogen_score).toBe(120);
  });

  it('is deterministic', () => {
    const i = inst({ opties: [{ vraag_id: 1, kavel_ids: [1], score: 50 }, { vraag_id: 1, kavel_ids: [2], score: 50 },
      { vraag_id: 2, kavel_ids: [1], score: 50 }, { vraag_id: 2, kavel_ids: [2], score: 50 }] });
    const a = solveRegio(highs, i);
    const b = solveRegio(highs, i);
    expect({ ...a, rekentijd_ms: 0 }).toEqual({ ...b, rekentijd_ms: 0 });
    expect(bouwModel(i).lp).toBe(bouwModel(i).lp);
  });

  it('writes the model as LP text with one row per request and per contested kavel', () => {
    const i: RegioInstance = {
      vragen: [{ id: 1, voorrang: false, huidige_kavel_id: 10 }, { id: 2, voorrang: true, huidige_kavel_id: null }],
      opties: [{ vraag_id: 1, kavel_ids: [20], score: 50 }, { vraag_id: 1, kavel_ids: [21], score: 40 }, { vraag_id: 2, kavel_ids: [10], score: 90 }],
      voorwaardelijk: new Map([[10, 1]]), voorrang_factor: 2,
    };
    const { lp, variabelen } = bouwModel(i);
    expect(variabelen).toEqual([0, 1, 2]);
    expect(lp).toContain('+ 180 x2');
    expect(lp).toMatch(/ v1:\n {2}\+ x0\n {2}\+ x1\n {2}<= 1/);
    expect(lp).toMatch(/ k10:\n {2}\+ x2\n {2}- x0\n {2}- x1\n {2}<= 0/);
    expect(lp).toMatch(/Binary\n x0\n x1\n x2\nEnd$/);
  });

  it('finds the brute-force optimum on random small instances, and greedy never beats it', () => {
    const arb = fc.record({
      n: fc.integer({ min: 1, max: 4 }),
      opties: fc.array(fc.record({ vraag: fc.integer({ min: 1, max: 4 }), kavels: fc.uniqueArray(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 2 }), score: fc.integer({ min: 1, max: 100 }) }), { maxLength: 9 }),
      bezet: fc.array(fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 4 })), { maxLength: 3 }),
      voorrang: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
    });
    fc.assert(fc.property(arb, ({ opties, bezet, voorrang }) => {
      const voorwaardelijk = new Map<number, number>();
      const huidige = new Map<number, number>();
      for (const [k, v] of bezet) if (!voorwaardelijk.has(k) && !huidige.has(v)) { voorwaardelijk.set(k, v); huidige.set(v, k); }
      const i: RegioInstance = {
        vragen: [1, 2, 3, 4].map((id) => ({ id, voorrang: voorrang[id - 1], huidige_kavel_id: huidige.get(id) ?? null })),
        opties: opties.map((o) => ({ vraag_id: o.vraag, kavel_ids: [...o.kavels].sort((a, b) => a - b), score: o.score })),
        voorwaardelijk, voorrang_factor: 1.5,
      };
      let best = 0;
      for (let mask = 0; mask < 1 << i.opties.length; mask++) {
        const chosen = i.opties.map((_, j) => j).filter((j) => mask & (1 << j));
        if (!isToelaatbaar(i, chosen)) continue;
        best = Math.max(best, chosen.reduce((s, j) => s + i.opties[j].score * (i.vragen[i.opties[j].vraag_id - 1].voorrang ? 1.5 : 1), 0));
      }
      const opt = solveRegio(highs, i);
      expect(opt.doelwaarde).toBeCloseTo(best, 4);
      const chosenIdx = opt.toewijzingen.map((t) => i.opties.findIndex((o) => o.vraag_id === t.vraag_id && o.kavel_ids.join() === t.kavel_ids.join() && o.score === t.score));
      expect(isToelaatbaar(i, chosenIdx)).toBe(true);
      const g = gretig(i);
      expect(g.doelwaarde).toBeLessThanOrEqual(best + 1e-6);
      const greedyIdx = g.toewijzingen.map((t) => i.opties.findIndex((o) => o.vraag_id === t.vraag_id && o.kavel_ids.join() === t.kavel_ids.join() && o.score === t.score));
      expect(isToelaatbaar(i, greedyIdx)).toBe(true);
    }), { numRuns: 150, seed: 71 });
    // 150 small MIPs: about 1 s alone, many times that on a loaded 2-core machine.
  }, 60_000);
});
