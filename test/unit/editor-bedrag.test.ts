import { describe, expect, it } from 'vitest';
import { bedragIn, bedragUit } from '../../web/monitor/bedrag.ts';

describe('amounts typed in the bestuursovereenkomst form', () => {
  it('reads Dutch and plain notations', () => {
    expect(bedragUit('10.000')).toBe(10_000);
    expect(bedragUit('1.250.000')).toBe(1_250_000);
    expect(bedragUit('12.500,50')).toBe(12_500.5);
    expect(bedragUit('€ 2.500')).toBe(2_500);
    expect(bedragUit('2,5')).toBe(2.5);
    expect(bedragUit('12500.5')).toBe(12_500.5);
    expect(bedragUit('50')).toBe(50);
    expect(bedragUit('')).toBeNaN();
    expect(bedragUit('veel')).toBeNaN();
  });

  it('writes what it reads back', () => {
    for (const n of [0, 50, 2.5, 10_000, 12_500.5, 1_250_000]) expect(bedragUit(bedragIn(n))).toBe(n);
  });
});
