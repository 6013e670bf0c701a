import { describe, expect, it } from 'vitest';
import { bijdrage, isSubsidiabel, KOSTEN_CATEGORIEEN, SUBSIDIABELE_CATEGORIEEN } from '../../server/domain/bijdrage.ts';

describe('bijdrage (C9): basisPct over the eligible categories only', () => {
  it('takes 50 % of onderzoek, nota van uitgangspunten, locatiekeuze, programma van eisen and ontwerp plan', () => {
    const posten = KOSTEN_CATEGORIEEN.map((categorie) => ({ categorie, bedrag: 1000 }));
    expect(bijdrage(posten, 50)).toEqual({ subsidiabel: 5000, bijdrage: 2500 });
  });

  it('ignores realisatie and overig, whatever their size', () => {
    expect(bijdrage([{ categorie: 'realisatie', bedrag: 1e9 }, { categorie: 'overig', bedrag: 7 }], 50)).toEqual({ subsidiabel: 0, bijdrage: 0 });
    expect(SUBSIDIABELE_CATEGORIEEN).not.toContain('realisatie');
    expect(isSubsidiabel('overig')).toBe(false);
    expect(isSubsidiabel('ontwerp_plan')).toBe(true);
  });

  it('defaults to 50 %, takes another percentage, and rounds to cents without float drift', () => {
    expect(bijdrage([{ categorie: 'onderzoek', bedrag: 0.1 }, { categorie: 'onderzoek', bedrag: 0.2 }])).toEqual({ subsidiabel: 0.3, bijdrage: 0.15 });
    expect(bijdrage([{ categorie: 'locatiekeuze', bedrag: 333.33 }], 40)).toEqual({ subsidiabel: 333.33, bijdrage: 133.33 });
    expect(bijdrage([{ categorie: 'onderzoek', bedrag: 100 }], 100)).toEqual({ subsidiabel: 100, bijdrage: 100 });
    expect(bijdrage([], 50)).toEqual({ subsidiabel: 0, bijdrage: 0 });
  });

  it('refuses nonsense', () => {
    expect(() => bijdrage([{ categorie: 'onderzoek', bedrag: -1 }])).toThrow(RangeError);
    expect(() => bijdrage([{ categorie: 'onderzoek', bedrag: NaN }])).toThrow(RangeError);
    expect(() => bijdrage([], 150)).toThrow(RangeError);
  });
});
