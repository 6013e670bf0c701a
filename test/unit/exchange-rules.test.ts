// Pure rules of the GIS exchange: CRS by declaration and coordinate range, reading a
// municipality's values, the Shapefile's 10-character names, spreadsheet cells, and
// mapping one source feature onto a layer.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { beoordeelCrs, crsBijBereik, kaartEpsg } from '../../server/domain/exchange-crs.ts';
import { leesWaarde } from '../../server/domain/exchange-values.ts';
import { DBF_MAX, kortVeldnamen, veldnamenTekst } from '../../server/domain/shapefile-names.ts';
import { celTekst, neutraliseer } from '../../server/domain/spreadsheet-cell.ts';
import { mapObject, vormVan } from '../../server/exchange/mapping.ts';
import { doelvelden } from '../../server/exchange/doelvelden.ts';
import { writableLayer } from '../../server/editor/writable.ts';

const LEIDEN_RD = { minX: 92_900, minY: 460_850, maxX: 93_300, maxY: 461_150 };
const LEIDEN_WGS84 = { minX: 4.48, minY: 52.13, maxX: 4.49, maxY: 52.14 };
const CODES = ['1', '2', '3.1', '3.2', '4.1', '4.2', '5.1', '5.2', '5.3', '6'];

describe('a compound system with heights', () => {
  it('counts as its horizontal part when that is one of ours, by its EPSG name', () => {
    expect(kaartEpsg({ epsg: null, horizontaal: 'Amersfoort / RD New' })).toBe(28992);
    expect(kaartEpsg({ epsg: null, horizontaal: 'ETRS89 / UTM zone 31N' })).toBe(25831);
    expect(kaartEpsg({ epsg: null, horizontaal: 'Belge 1972 / Belgian Lambert 72' })).toBe(null);
    expect(kaartEpsg({ epsg: 28992 })).toBe(28992);
  });
});

describe('beoordeelCrs', () => {
  it('accepts RD New and WGS84 coordinates that lie in the Netherlands', () => {
    expect(beoordeelCrs(28992, null, LEIDEN_RD, true)).toEqual({ ok: true, epsg: 28992 });
    expect(beoordeelCrs(4326, null, LEIDEN_WGS84, true)).toEqual({ ok: true, epsg: 4326 });
  });

  it('refuses RD New metres declared as WGS84, with a hint to RD New', () => {
    const o = beoordeelCrs(4326, null, LEIDEN_RD, true);
    expect(o).toMatchObject({ ok: false, code: 'crs_past_niet', voorstel: 28992 });
    expect(!o.ok && o.message).toMatch(/RD New \(EPSG:28992\)/);
  });

  it('refuses degrees declared as RD New, with a hint to WGS84', () => {
    const o = beoordeelCrs(28992, null, LEIDEN_WGS84, true);
    expect(o).toMatchObject({ ok: false, code: 'crs_past_niet', voorstel: 4326 });
  });

  it('asks for a CRS when the file has none, and lets the user supply it', () => {
    expect(beoordeelCrs(null, null, LEIDEN_RD, false)).toMatchObject({ ok: false, code: 'crs_ontbreekt', voorstel: 28992 });
    expect(beoordeelCrs(null, 28992, LEIDEN_RD, false)).toEqual({ ok: true, epsg: 28992 });
    // A wrong choice is judged like a wrong declaration.
    expect(beoordeelCrs(null, 4326, LEIDEN_RD, false)).toMatchObject({ ok: false, code: 'crs_past_niet' });
  });

  it('refuses an unrecognised or unsupported CRS', () => {
    expect(beoordeelCrs(null, null, LEIDEN_RD, true)).toMatchObject({ ok: false, code: 'crs_onbekend' });
    expect(beoordeelCrs(2154, null, LEIDEN_RD, true)).toMatchObject({ ok: false, code: 'crs_onbekend' });
  });

  it('never confuses the Dutch ranges of RD New and WGS84', () => {
    fc.assert(fc.property(
      fc.double({ min: 0, max: 280_000, noNaN: true }), fc.double({ min: 300_000, max: 620_000, noNaN: true }),
      (x, y) => {
        const kandidaten = crsBijBereik({ minX: x, minY: y, maxX: x, maxY: y }).map((c) => c.epsg);
        return kandidaten.includes(28992) && !kandidaten.includes(4326);
      },
    ), { numRuns: 300 });
  }, 10_000);
});

describe('leesWaarde', () => {
  it.each([
    ['3,1', '3.1'], [3.1, '3.1'], ['cat. 4.2', '4.2'], ['Categorie 2', '2'], ['4.2 (VNG 2009)', '4.2'],
  ])('reads milieucategorie %j', (v, code) => {
    expect(leesWaarde('milieucategorie', v, { codes: CODES })).toEqual({ ok: true, waarde: code });
  });

  it('does not guess a milieucategorie that names none (4 where only 4.1 and 4.2 exist)', () => {
    expect(leesWaarde('milieucategorie', '4', { codes: CODES })).toMatchObject({ ok: false, melding: expect.stringContaining('3.1, 3.2') });
    expect(leesWaarde('milieucategorie', '4.0', { codes: CODES }).ok).toBe(false);
  });

  it('does not take the first of a range ("3.1 - 4.2") for one milieucategorie', () => {
    for (const v of ['3.1 - 4.2', '3,1/4,2', '2 t/m 4.1']) {
      expect(leesWaarde('milieucategorie', v, { codes: CODES }), v).toMatchObject({ ok: false, melding: expect.stringContaining('meer dan één') });
    }
  });

  it('reads Dutch yes/no, dates and choices', () => {
    expect(leesWaarde('ja_nee', 'Ja')).toEqual({ ok: true, waarde: true });
    expect(leesWaarde('ja_nee', 0)).toEqual({ ok: true, waarde: false });
    expect(leesWaarde('ja_nee', 'misschien').ok).toBe(false);
    expect(leesWaarde('ja_nee', '')).toEqual({ ok: true, waarde: null });
    expect(leesWaarde('ja_nee', null)).toEqual({ ok: true, waarde: null });
    expect(leesWaarde('datum', '01-03-2026')).toEqual({ ok: true, waarde: '2026-03-01' });
    expect(leesWaarde('datum', '2026/3/1')).toEqual({ ok: true, waarde: '2026-03-01' });
    expect(leesWaarde('datum', '31-02-2026').ok).toBe(false);
    expect(leesWaarde('keuze', 'In optie', { waarden: ['bezet', 'in_optie'] })).toEqual({ ok: true, waarde: 'in_optie' });
    expect(leesWaarde('keuze', 'verkocht', { waarden: ['bezet', 'in_optie'] })).toMatchObject({ ok: false, melding: expect.stringContaining('bezet, in_optie') });
    expect(leesWaarde('getal', '1,5')).toEqual({ ok: true, waarde: 1.5 });
    expect(leesWaarde('tekst', '  ')).toEqual({ ok: true, waarde: null });
  });
});

describe('kortVeldnamen', () => {
  it('keeps short names and shortens long ones uniquely (dBASE ignores case)', () => {
    const kort = kortVeldnamen(['naam', 'milieucategorie_min', 'milieucategorie_max', 'MILIEUCATE', 'gemeente_id', 'gemeenten']);
    expect(kort.get('naam')).toBe('naam');
    expect(kort.get('milieucategorie_min')).toBe('milieucate');
    expect(kort.get('milieucategorie_max')).toBe('milieuca_1');
    expect(kort.get('MILIEUCATE')).toBe('MILIEUCA_2');
    expect(veldnamenTekst(kort)).toContain('milieuca_1  milieucategorie_max');
  });

  it('always gives unique ASCII names of at most 10 characters', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 30 }), { maxLength: 40 }), (namen) => {
      const kort = [...kortVeldnamen(namen).values()];
      return kort.length === namen.length
        && kort.every((k) => k.length <= DBF_MAX && /^[A-Za-z0-9_]+$/.test(k))
        && new Set(kort.map((k) => k.toLowerCase())).size === kort.length;
    }), { numRuns: 300 });
  }, 10_000);
});

describe('spreadsheet cells', () => {
  it('neutralises text a spreadsheet would run as a formula', () => {
    for (const s of ['=HYPERLINK("x")', '+31', '-2+3', '@SUM(A1)', '\tx']) expect(neutraliseer(s)).toBe(`'${s}`);
    expect(neutraliseer('Kavel één')).toBe('Kavel één');
  });

  it('writes numbers with a decimal comma and booleans in Dutch; negative numbers stay numbers', () => {
    expect(celTekst(1.755)).toBe('1,755');
    expect(celTekst(-2.5)).toBe('-2,5');
    expect(celTekst(12345.5)).toBe('12345,5');
    expect(celTekst(true)).toBe('ja');
    expect(celTekst(null)).toBe('');
  });
});

describe('mapObject', () => {
  const velden = doelvelden('kavels');
  const koppeling = {
    bron_id_veld: 'KAVELNR',
    velden: { naam: { veld: 'NAAM' }, milieucategorie_max: { veld: 'CAT' }, status: { veld: 'STATUS' }, planstatus: { vast: 'hard' } },
  };
  const square = { type: 'Polygon', coordinates: [[[93000, 461000], [93100, 461000], [93100, 461100], [93000, 461000]]] };

  it('maps values, keeps the source id and the geometry', () => {
    const o = mapObject(1, { id: 7, properties: { KAVELNR: 'K-1', NAAM: 'Kavel één', CAT: '3,1', STATUS: 'Beschikbaar' }, geometry: square }, koppeling, velden, 28992, CODES, new Set());
    expect(o).toMatchObject({ volgnr: 1, fid: '7', bron_id: 'K-1', leesproblemen: [], geometry: square });
    expect(o.eigenschappen).toEqual({ naam: 'Kavel één', milieucategorie_max: '3.1', status: 'beschikbaar', planstatus: 'hard' });
  });

  it('reports a missing required value, a bad value, a repeated id and a point', () => {
    const gezien = new Set(['K-1']);
    const o = mapObject(2, { properties: { KAVELNR: 'K-1', STATUS: 'verkocht' }, geometry: { type: 'Point', coordinates: [93000, 461000] } }, koppeling, velden, 28992, CODES, gezien);
    expect(o.leesproblemen.map((p) => p.code).sort()).toEqual(['bron_id_dubbel', 'geen_vlak', 'ongeldige_waarde', 'verplicht_ontbreekt']);
    expect(o.geometry).toBeNull();
  });

  it('refuses a feature whose coordinates are not in the Netherlands in the chosen CRS', () => {
    const o = mapObject(3, { properties: { KAVELNR: 'K-3', CAT: '2' }, geometry: square }, koppeling, velden, 4326, CODES, new Set());
    expect(o.leesproblemen.map((p) => p.code)).toEqual(['buiten_bereik']);
    expect(o.geometry).toBeNull();
  });

  it('checks the structure of polygons in any CRS', () => {
    expect(vormVan(square)).toEqual({ ok: true, bbox: [93000, 461000, 93100, 461100] });
    expect(vormVan({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1]]] })).toMatchObject({ ok: false, probleem: { code: 'ring_niet_gesloten' } });
    expect(vormVan(null)).toMatchObject({ ok: false, probleem: { code: 'geen_geometrie' } });
  });
});

describe('doelvelden', () => {
  it('offers every attribute of the write schema except the ones derived from the geometry and the ingangsdatum (no column)', () => {
    for (const doel of ['kavels', 'terreinen', 'kanszones', 'transformaties', 'compensaties'] as const) {
      const schema = Object.keys(writableLayer(doel)!.schema.shape).filter((k) => !['gemeente_id', 'terrein_id', 'zittende_bedrijven', 'ingangsdatum'].includes(k));
      expect(doelvelden(doel).map((v) => v.naam).sort()).toEqual(schema.sort());
    }
    const status = doelvelden('kavels').find((v) => v.naam === 'status')!;
    expect(status).toMatchObject({ soort: 'keuze', leeg_toegestaan: false, waarden: ['bezet', 'beschikbaar', 'potentieel', 'in_optie', 'vrijkomend'] });
    expect(doelvelden('kavels').find((v) => v.naam === 'milieucategorie_max')).toMatchObject({ soort: 'milieucategorie', verplicht: true });
    expect(doelvelden('kavels').find((v) => v.naam === 'beschikbaar_vanaf')).toMatchObject({ soort: 'datum', leeg_toegestaan: true });
  });
});
