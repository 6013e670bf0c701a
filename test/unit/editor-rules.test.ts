import { describe, expect, it } from 'vitest';
import { beoordeel, MIN_OVERLAP_M2, type Metingen } from '../../server/domain/editor-rules.ts';

const metingen = (m: Partial<Metingen>): Metingen => ({
  laag: 'transformaties', bedrijfsgrond_m2: 0, niet_te_transformeren: [], terreinen: [], compensaties: [], niet_op_lijst: [], datum: '2026-11-23', ...m,
});

describe('editor rules', () => {
  it('refuses a transformatie on no business land, also when it only touches it', () => {
    expect(beoordeel(metingen({ bedrijfsgrond_m2: 0 })).fouten.map((f) => f.code)).toEqual(['geen_bedrijventerrein']);
    expect(beoordeel(metingen({ bedrijfsgrond_m2: MIN_OVERLAP_M2 / 2 })).fouten.map((f) => f.code)).toEqual(['geen_bedrijventerrein']);
    expect(beoordeel(metingen({ bedrijfsgrond_m2: NaN })).fouten.map((f) => f.code)).toEqual(['geen_bedrijventerrein']);
    expect(beoordeel(metingen({ bedrijfsgrond_m2: 5000 }))).toEqual({ fouten: [], waarschuwingen: [] });
  });

  it('refuses a transformatie on a niet te transformeren terrein, naming it', () => {
    const r = beoordeel(metingen({ bedrijfsgrond_m2: 5000, niet_te_transformeren: [{ id: 7, naam: 'De Heining', m2: 5000 }] }));
    expect(r.fouten).toHaveLength(1);
    expect(r.fouten[0]).toMatchObject({ code: 'niet_te_transformeren', ids: [7] });
    expect(r.fouten[0].message).toContain('De Heining');
    // A shared edge is not an overlap.
    expect(beoordeel(metingen({ bedrijfsgrond_m2: 5000, niet_te_transformeren: [{ id: 7, naam: null, m2: 0.2 }] })).fouten).toEqual([]);
  });

  it('warns (R-T1) about a transformatie before 2031 on a terrein not on the transformatielijst', () => {
    const opTerrein = { bedrijfsgrond_m2: 5000, niet_op_lijst: [{ id: 4, naam: 'Rooseveltstraat', m2: 5000 }, { id: 5, naam: null, m2: 0.3 }] };
    const r = beoordeel(metingen(opTerrein));
    expect(r.fouten).toEqual([]);
    expect(r.waarschuwingen).toEqual([expect.objectContaining({ code: 'niet_op_transformatielijst', overlap_ha: 0.5, ids: [4] })]);
    expect(r.waarschuwingen[0].message).toMatch(/Rooseveltstraat.*tot en met 2030/);
    // The last day of 2030 still counts; from 2031 the terrein is free to transform.
    expect(beoordeel(metingen({ ...opTerrein, datum: '2030-12-31' })).waarschuwingen).toHaveLength(1);
    expect(beoordeel(metingen({ ...opTerrein, datum: '2031-01-01' })).waarschuwingen).toEqual([]);
    // Not for compensaties.
    expect(beoordeel(metingen({ ...opTerrein, laag: 'compensaties' })).waarschuwingen).toEqual([]);
  });

  it('warns (does not refuse) a compensatie on a terrein or another compensatie, with the overlap in ha', () => {
    const r = beoordeel(metingen({
      laag: 'compensaties',
      terreinen: [{ id: 1, naam: 'A', m2: 2500 }, { id: 2, naam: 'B', m2: 1500 }, { id: 3, naam: 'rand', m2: 0.5 }],
      compensaties: [{ id: 9, naam: null, m2: 12_345 }],
    }));
    expect(r.fouten).toEqual([]);
    expect(r.waarschuwingen).toEqual([
      expect.objectContaining({ code: 'overlapt_terrein', overlap_ha: 0.4, ids: [1, 2] }),
      expect.objectContaining({ code: 'overlapt_compensatie', overlap_ha: 1.2345, ids: [9] }),
    ]);
    expect(r.waarschuwingen[0].message).toContain('0,40 ha');
    expect(r.waarschuwingen[1].message).toContain('#9');
  });

  it('has no rules for the other layers, and none for a compensatie without business land', () => {
    expect(beoordeel(metingen({ laag: 'kavels' }))).toEqual({ fouten: [], waarschuwingen: [] });
    expect(beoordeel(metingen({ laag: 'compensaties' }))).toEqual({ fouten: [], waarschuwingen: [] });
  });
});
