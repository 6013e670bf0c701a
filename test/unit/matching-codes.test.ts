// The match workflow's steps.
import { describe, expect, it } from 'vitest';
import { MATCH_STATUS, volgendeStatussen } from '../../server/domain/matching-codes.ts';

describe('the match workflow', () => {
  it('goes one step forward, or falls through while open; a closed match goes nowhere', () => {
    expect(volgendeStatussen('voorgesteld')).toEqual(['besproken_werkgroep', 'afgevallen']);
    expect(volgendeStatussen('besproken_werkgroep')).toEqual(['warme_overdracht', 'afgevallen']);
    expect(volgendeStatussen('warme_overdracht')).toEqual(['gerealiseerd', 'afgevallen']);
    expect(volgendeStatussen('gerealiseerd')).toEqual([]);
    expect(volgendeStatussen('afgevallen')).toEqual([]);
    for (const s of MATCH_STATUS) expect(volgendeStatussen(s).every((n) => MATCH_STATUS.includes(n))).toBe(true);
  });
});
