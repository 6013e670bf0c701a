// The candidate search hands each request's groups over as one string of numbers
// ("12,3,45"); it is read without a string per number.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { getallen } from '../../server/matching/kandidaat-queries.ts';

describe('getallen', () => {
  it('reads a comma-separated list of group numbers', () => {
    expect(getallen('12,3,45')).toEqual([12, 3, 45]);
    expect(getallen('0')).toEqual([0]);
    expect(getallen('31579,0,1000000')).toEqual([31579, 0, 1000000]);
  });

  it('reads back what string_agg of non-negative integers writes', () => {
    fc.assert(fc.property(fc.array(fc.nat({ max: 2 ** 31 - 1 }), { minLength: 1, maxLength: 200 }), (nrs) => {
      expect(getallen(nrs.join(','))).toEqual(nrs);
    }), { numRuns: 200, seed: 15 });
  }, 30_000);
});
