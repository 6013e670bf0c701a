// Which versions count in which year of the series (server/domain/geldig-per-jaar.ts):
// a version counts in year y when it is valid on 31 December of y.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { perJaar, type Geldig } from '../../server/domain/geldig-per-jaar.ts';

const v = (naam: string, van: string | null, tot: string | null) => ({ naam, van, tot });
const namen = (jaren: { naam: string }[][]) => jaren.map((j) => j.map((x) => x.naam));

describe('perJaar', () => {
  it('counts a version in the years whose 31 December it covers, in the versions\' order', () => {
    const versies = [
      v('vanaf oudjaar', '2021-12-31', null), // valid on 31-12-2021
      v('vanaf nieuwjaar', '2022-01-01', null), // not valid on 31-12-2021
      v('tot nieuwjaar', '2019-05-01', '2022-01-01'), // valid on 31-12-2021, not on 31-12-2022
      v('tot oudjaar', null, '2022-12-31'), // the end is exclusive: not valid on 31-12-2022
      v('binnen één jaar', '2022-02-01', '2022-11-30'), // never valid on a 31 December
    ];
    expect(namen(perJaar(versies, 2020, 2023))).toEqual([
      ['tot nieuwjaar', 'tot oudjaar'],
      ['vanaf oudjaar', 'tot nieuwjaar', 'tot oudjaar'],
      ['vanaf oudjaar', 'vanaf nieuwjaar'],
      ['vanaf oudjaar', 'vanaf nieuwjaar'],
    ]);
  });

  it('keeps to the years asked for', () => {
    expect(namen(perJaar([v('altijd', null, null), v('oud', '1990-01-01', '2000-01-01'), v('later', '2050-01-01', null)], 2024, 2025)))
      .toEqual([['altijd'], ['altijd']]);
    expect(perJaar([v('altijd', null, null)], 2025, 2024)).toEqual([]);
  });

  it('agrees with comparing the dates for any versions', () => {
    const dag = fc.integer({ min: 0, max: 365 * 30 }).map((n) => new Date(Date.UTC(2015, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
    const versie = fc.record({ van: fc.option(dag), tot: fc.option(dag) })
      .filter((x) => x.van === null || x.tot === null || x.van < x.tot);
    fc.assert(fc.property(fc.array(versie, { maxLength: 30 }), fc.integer({ min: 2014, max: 2046 }), fc.integer({ min: 0, max: 12 }), (versies, van, n) => {
      const tot = van + n;
      const jaren = perJaar(versies as Geldig[], van, tot);
      for (let jaar = van; jaar <= tot; jaar++) {
        const d = `${jaar}-12-31`;
        expect(jaren[jaar - van]).toEqual(versies.filter((x) => (x.van === null || x.van <= d) && (x.tot === null || d < x.tot)));
      }
    }), { numRuns: 300, interruptAfterTimeLimit: 10_000 });
  }, 30_000);
});
