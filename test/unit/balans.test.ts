import { describe, expect, it } from 'vitest';
import { isGeregeld, restant, tekort, totaleVraag, volgtijdelijkheid, type Toewijzing, type TransformatieStand } from '../../server/domain/balans.ts';
import { bijdrage } from '../../server/domain/bijdrage.ts';

const T: TransformatieStand = { id: 1, naam: 'T', gemeente_id: 1, gemeente: 'Leiden', status: 'ontwerp_ter_inzage', datum_terinzagelegging: '2025-06-01', vereist_ha: 2 };
const tw = (p: Partial<Toewijzing>): Toewijzing => ({ id: 1, compensatie_id: 9, hectares: 2, compensatie_gemeente_id: 1, besluitpunt_datum: null, bestuursovereenkomst_id: null, bo_datum_ondertekening: null, ...p });
const VANAF = ['ontwerp_ter_inzage', 'vastgesteld', 'gerealiseerd'];

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
    expect(volgtijdelijkheid({ ...T, status: 'studie' }, [], VANAF)).toBeNull();
    expect(volgtijdelijkheid(T, [tw({ besluitpunt_datum: '2025-05-01' })], VANAF)).toBeNull();
    const s = volgtijdelijkheid(T, [tw({ besluitpunt_datum: '2025-05-01', hectares: 1 }), tw({ id: 2, compensatie_id: 8, hectares: 1, compensatie_gemeente_id: 2 })], VANAF);
    expect(s).toMatchObject({ regel: 'R-V1', ids: { transformatie: [1], compensatie: [8], compensatie_toewijzing: [2] } });
    expect(s!.tekst).toContain('2,0 ha');
    expect(s!.tekst).toContain('1,0 ha geregeld');
  });

  it('signals a restant after terinzagelegging only', () => {
    expect(restant(T, 1.5, VANAF)?.tekst).toContain('0,5 ha');
    expect(restant(T, 2, VANAF)).toBeNull();
    expect(restant({ ...T, status: 'idee' }, 0, VANAF)).toBeNull();
  });
});

describe('bijdrage', () => {
  it('is half of the eligible costs only', () => {
    expect(bijdrage([{ categorie: 'onderzoek', bedrag: 100 }, { categorie: 'realisatie', bedrag: 1000 }, { categorie: 'ontwerp_plan', bedrag: 50 }], 50))
      .toEqual({ subsidiabel: 150, bijdrage: 75 });
  });
});
