// The regional model goes to the worker as arrays (no LP text to write and parse):
// the same optimum as the LP text solved in-process, never below greedy, and the
// greedy start handed over by column position even where columns and options differ
// (options on a requester's own kavel or on a running match's kavel get no column).
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import highsLoader from 'highs';
import {
  bouwMatrix, gretig, gretigeKeuze, highsOpties, isToelaatbaar, solveRegio, type HighsLike, type RegioInstance,
} from '../../server/domain/matching-solver.ts';
import { solveRegioInThread } from '../../server/matching/service.ts';
import { solveInThread, stopSolverThread } from '../../server/matching/highs-thread.ts';
import { regioInstanceArb } from '../support/regio-instances.ts';

afterAll(() => stopSolverThread());

const instanceArb = regioInstanceArb({ lopendeMatch: true });

describe('the regional model as arrays in the worker thread', () => {
  it('writes one row per request and contested kavel, with the occupant\'s options negative', () => {
    const i: RegioInstance = {
      vragen: [{ id: 1, voorrang: false, huidige_kavel_id: 10 }, { id: 2, voorrang: true, huidige_kavel_id: null }],
      opties: [{ vraag_id: 1, kavel_ids: [10], score: 70 }, { vraag_id: 1, kavel_ids: [20], score: 50 }, { vraag_id: 1, kavel_ids: [21], score: 40 },
        { vraag_id: 2, kavel_ids: [10], score: 90 }],
      voorwaardelijk: new Map([[10, 1]]), voorrang_factor: 2,
    };
    const m = bouwMatrix(i);
    // Option 0 is request 1's own kavel: no column.
    expect(m.variabelen).toEqual([1, 2, 3]);
    expect([...m.kosten]).toEqual([50, 40, 180]);
    expect(m.rijen).toEqual(['v1', 'k10']);
    expect([...m.bovengrens]).toEqual([1, 0]);
    expect([...m.start]).toEqual([0, 2, 5]);
    expect([...m.kolom]).toEqual([0, 1, 2, 0, 1]);
    expect([...m.waarde]).toEqual([1, 1, 1, -1, -1]);
  });

  it('begins from the start columns by position: with no time to search, the start is the answer', async () => {
    const i: RegioInstance = {
      vragen: [{ id: 1, voorrang: false, huidige_kavel_id: 10 }, { id: 2, voorrang: true, huidige_kavel_id: null }, { id: 3, voorrang: false, huidige_kavel_id: null }],
      opties: [{ vraag_id: 1, kavel_ids: [10], score: 70 }, { vraag_id: 1, kavel_ids: [20], score: 50 }, { vraag_id: 1, kavel_ids: [21], score: 40 },
        { vraag_id: 2, kavel_ids: [10], score: 90 }, { vraag_id: 3, kavel_ids: [20], score: 95 }, { vraag_id: 3, kavel_ids: [21], score: 10 }],
      voorwaardelijk: new Map([[10, 1]]), voorrang_factor: 2,
    };
    const m = bouwMatrix(i);
    const start = gretigeKeuze(i);
    // Greedy: 2 takes kavel 10 (voorrang), 3 takes 20, then 1 moves to 21.
    expect([...start].sort((a, b) => a - b)).toEqual([2, 3, 4]);
    const res = await solveInThread(m, highsOpties(0), start.map((o) => m.variabelen.indexOf(o)));
    expect(res.Status).toBe('Time limit reached');
    expect(res.ObjectiveValue).toBe(gretig(i).doelwaarde);
    expect([...res.colValue]).toEqual([0, 1, 1, 1, 0]);
  });

  it('reaches the optimum of the LP text solved in-process, feasibly and never below greedy', { timeout: 120_000 }, async () => {
    const highs = await (highsLoader as unknown as () => Promise<HighsLike>)();
    await fc.assert(fc.asyncProperty(instanceArb, async (inst) => {
      const viaArrays = await solveRegioInThread(inst, 5);
      const viaTekst = solveRegio(highs, inst);
      expect(viaArrays.doelwaarde).toBeCloseTo(viaTekst.doelwaarde, 6);
      expect(viaArrays.doelwaarde).toBeGreaterThanOrEqual(gretig(inst).doelwaarde - 1e-6);
      expect(viaArrays.status).toBe('Optimal');
      expect(viaArrays.gap).toBe(0);
      const gekozen = viaArrays.toewijzingen.map((t) => inst.opties.findIndex((o) => o.vraag_id === t.vraag_id && o.kavel_ids.join() === t.kavel_ids.join() && o.score === t.score));
      expect(isToelaatbaar(inst, gekozen)).toBe(true);
    }), { numRuns: 60, seed: 15 });
  });
});
