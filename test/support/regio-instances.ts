// Small regional matching instances for property tests of the solver: a few requests
// (every third with voorrang), options of one or two kavels, requesters on their own
// kavel, and optionally one running match whose kavel is taken.
import fc from 'fast-check';
import type { RegioInstance } from '../../server/domain/matching-solver.ts';

export function regioInstanceArb({ lopendeMatch }: { lopendeMatch: boolean }): fc.Arbitrary<RegioInstance> {
  return fc.record({
    n: fc.integer({ min: 2, max: 8 }),
    opties: fc.array(fc.record({ vraag: fc.integer({ min: 1, max: 8 }), kavels: fc.uniqueArray(fc.integer({ min: 1, max: 10 }), { minLength: 1, maxLength: 2 }),
      score: fc.integer({ min: 1, max: 100 }) }), { minLength: 1, maxLength: 20 }),
    huidig: fc.array(fc.option(fc.integer({ min: 1, max: 10 }), { nil: null }), { minLength: 8, maxLength: 8 }),
    vast: lopendeMatch
      ? fc.option(fc.record({ vraag: fc.integer({ min: 1, max: 8 }), kavel: fc.integer({ min: 1, max: 10 }) }), { nil: null })
      : fc.constant(null),
  }).map(({ n, opties, huidig, vast }): RegioInstance => {
    const bezet = new Set<number>();
    const vragen = Array.from({ length: n }, (_, i) => {
      const h = huidig[i];
      const eigen = h !== null && !bezet.has(h) ? h : null;
      if (eigen !== null) bezet.add(eigen);
      return { id: i + 1, voorrang: i % 3 === 0, huidige_kavel_id: eigen };
    });
    return {
      vragen, opties: opties.filter((o) => o.vraag <= n).map((o) => ({ vraag_id: o.vraag, kavel_ids: [...o.kavels].sort((a, b) => a - b), score: o.score })),
      ...(lopendeMatch ? { vast: vast && vast.vraag <= n ? [{ match_id: 1, vraag_id: vast.vraag, kavel_ids: [vast.kavel], status: 'besproken_werkgroep', score: 50 }] : [] } : {}),
      voorwaardelijk: new Map(vragen.filter((v) => v.huidige_kavel_id !== null).map((v) => [v.huidige_kavel_id!, v.id])), voorrang_factor: 1.5,
    } as RegioInstance;
  });
}
