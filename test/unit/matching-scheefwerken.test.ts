// The scheefwerken signal: a company far below the milieucategorie of its kavel.
import { describe, expect, it } from 'vitest';
import { scheefwerken } from '../../server/domain/matching-scheefwerken.ts';

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
