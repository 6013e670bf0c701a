import { describe, expect, it } from 'vitest';
import { isGeregeld, restant, tekort, tekortInWoorden, totaleVraag, volgtijdelijkheid, type Toewijzing, type TransformatieStand } from '../../server/domain/balans.ts';
import { bijdrage } from '../../server/domain/bijdrage.ts';

const T: TransformatieStand = { id: 1, naam: 'T', gemeente_id: 1, gemeente: 'Leiden', fase: 'in_procedure', datum_terinzagelegging: '2025-06-01', vereist_ha: 2 };
const tw = (p: Partial<Toewijzing>): Toewijzing => ({ id: 1, compensatie_id: 9, hectares: 2, compensatie_gemeente_id: 1, besluitpunt_datum: null, bestuursovereenkomst_id: null, bo_datum_ondertekening: null, ...p });

describe('vraag en aanbod', () => {
  it('reproduces the region’s 42–97 ha demand and the gaps against 6 and 47 ha', () => {
    const vraag = totaleVraag([
      { soort: 'uitbreidingsvraag', netto_ha_min: 13, netto_ha_max: 68 },
      { soort: 'vervangingsvraag', netto_ha_min: 0, netto_ha_max: 29 },
    ]);
    expect(vraag).toEqual({ min: 42, max: 97 });
    expect(tekort(vraag, 6)).toEqual({ min: 36, max: 91 });
    expect(tekort(vraag, 47)).toEqual({ min: -5, max: 50 });
  });

  it('says a shortfall range in words, never as signed numbers', () => {
    expect(tekortInWoorden({ min: 36, max: 91 })).toBe('tekort van 36 tot 91 ha');
    expect(tekortInWoorden({ min: -5, max: 50 })).toBe('van 5 ha overschot tot 50 ha tekort');
    expect(tekortInWoorden({ min: -8.25, max: -3 })).toBe('overschot van 3 tot 8,3 ha');
    expect(tekortInWoorden({ min: 12.5, max: 12.5 })).toBe('tekort van 12,5 ha');
    expect(tekortInWoorden({ min: 0, max: 0 })).toBe('geen tekort');
    expect(tekortInWoorden({ min: 0, max: 4 })).toBe('tekort van 0 tot 4 ha');
  });
});

describe('volgtijdelijkheid', () => {
  it('counts a besluitpunt inside the gemeente only when dated on or before terinzagelegging', () => {
    expect(isGeregeld(T, tw({ besluitpunt_datum: '2025-06-01' }))).toBe(true);
    expect(isGeregeld(T, tw({ besluitpunt_datum: '2025-06-02' }))).toBe(false);
    expect(isGeregeld(T, tw({ bo_datum_ondertekening: '2025-01-01' }))).toBe(false);
  });

  it('counts elsewhere only a bestuursovereenkomst signed on or before terinzagelegging', () => {
    expect(isGeregeld(T, tw({ compensatie_gemeente_id: 2, bo_datum_ondertekening: '2025-05-31' }))).toBe(true);
    expect(isGeregeld(T, tw({ compensatie_gemeente_id: 2, bo_datum_ondertekening: '2025-06-02' }))).toBe(false);
    expect(isGeregeld(T, tw({ compensatie_gemeente_id: 2, besluitpunt_datum: '2025-01-01' }))).toBe(false);
  });

  it('signals only at or past terinzagelegging, with the records behind it', () => {
    expect(volgtijdelijkheid({ ...T, fase: 'voorgenomen' }, [])).toBeNull();
    expect(volgtijdelijkheid(T, [tw({ besluitpunt_datum: '2025-05-01' })])).toBeNull();
    const s = volgtijdelijkheid(T, [tw({ besluitpunt_datum: '2025-05-01', hectares: 1 }), tw({ id: 2, compensatie_id: 8, hectares: 1, compensatie_gemeente_id: 2 })]);
    expect(s).toMatchObject({ regel: 'R-V1', ids: { transformatie: [1], compensatie: [8], compensatie_toewijzing: [2] } });
    expect(s!.tekst).toContain('2,0 ha');
    expect(s!.tekst).toContain('1,0 ha geregeld');
  });

  it('signals a restant with its hectares, and none without one', () => {
    expect(restant({ ...T, restant_ha: 0.5 })?.tekst).toContain('0,5 ha');
    expect(restant({ ...T, restant_ha: 0 })).toBeNull();
  });
});

describe('bijdrage', () => {
  it('is half of the eligible costs only', () => {
    expect(bijdrage([{ categorie: 'onderzoek', bedrag: 100 }, { categorie: 'realisatie', bedrag: 1000 }, { categorie: 'ontwerp_plan', bedrag: 50 }], 50))
      .toEqual({ subsidiabel: 150, bijdrage: 75 });
  });
});
