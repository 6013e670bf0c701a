// Pure rules of issue 10: where a werkgroep member may draw, a kavel in its terrein,
// the names of split parts, the too-small messages and Dutch counts.
import { describe, expect, it } from 'vitest';
import { kavelBinnenTerrein, werkgroepMagTekenen, type GemeenteInVlak } from '../../server/domain/gemeente-keuze.ts';
import { deelNaam } from '../../server/domain/editor-rules.ts';
import { MIN_AREA_HA, teKleinMelding } from '../../server/domain/geometry.ts';
import { aantal, opsomming } from '../../server/domain/nl-tekst.ts';

const LEIDEN = 2;
const KATWIJK = 1;
const g = (id: number, naam: string, ha: number): GemeenteInVlak => ({ id, naam, ha });

describe('werkgroepMagTekenen', () => {
  it('allows a polygon whose largest part lies in the own gemeente', () => {
    expect(werkgroepMagTekenen([g(LEIDEN, 'Leiden', 3), g(KATWIJK, 'Katwijk', 2.9)], LEIDEN)).toEqual({ ok: true });
  });

  it("refuses the issue's transformatie (71 % Katwijk, 0,38 ha Leiden) with the hectares per gemeente", () => {
    const onder = [g(KATWIJK, 'Katwijk', 43.88), g(4, 'Oegstgeest', 17.44), g(LEIDEN, 'Leiden', 0.38)];
    const r = werkgroepMagTekenen(onder, LEIDEN);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe('andere_gemeente');
    expect(r.message).toContain('grotendeels in Katwijk (Katwijk 43,88 ha, Oegstgeest 17,44 ha en Leiden 0,38 ha)');
  });

  it('refuses a polygon that does not touch the own gemeente, whatever order the shares come in', () => {
    const r = werkgroepMagTekenen([g(4, 'Oegstgeest', 0.2), g(KATWIJK, 'Katwijk', 1.5)], LEIDEN, 'Deel 2 van de splitsing');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/^Deel 2 van de splitsing ligt grotendeels in Katwijk \(Katwijk 1,50 ha en Oegstgeest 0,20 ha\)/);
  });

  it('leaves a tie to the regisseur, also when the own gemeente is one of the equal parts', () => {
    const r = werkgroepMagTekenen([g(LEIDEN, 'Leiden', 2), g(KATWIJK, 'Katwijk', 2.00005)], LEIDEN);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/gelijke delen in Katwijk en Leiden .*regisseur/);
    // A difference of more than 1 m² is no tie.
    expect(werkgroepMagTekenen([g(LEIDEN, 'Leiden', 2.0002), g(KATWIJK, 'Katwijk', 2)], LEIDEN).ok).toBe(true);
  });
});

describe('kavelBinnenTerrein', () => {
  it('accepts a shared edge on the 1 mm grid and refuses a real part outside, in hectares', () => {
    expect(kavelBinnenTerrein(0.4, { id: 7, naam: 'De Waard' }).ok).toBe(true);
    const r = kavelBinnenTerrein(2500, { id: 7, naam: 'De Waard' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/^De kavel ligt voor 0,25 ha buiten terrein De Waard\./);
  });
});

describe('deelNaam', () => {
  it('numbers the parts of a split, keeps no name as none, and stays within 200 characters', () => {
    expect([1, 2, 3].map((n) => deelNaam('Oude Haven ', n))).toEqual(['Oude Haven (deel 1)', 'Oude Haven (deel 2)', 'Oude Haven (deel 3)']);
    expect(deelNaam(null, 2)).toBeNull();
    expect(deelNaam('  ', 2)).toBeNull();
    const long = deelNaam('x'.repeat(200), 12)!;
    expect(long).toHaveLength(200);
    expect(long.endsWith(' (deel 12)')).toBe(true);
  });
});

describe('teKleinMelding', () => {
  it('says what is too small, how small it is, and the limit', () => {
    expect(MIN_AREA_HA).toBe(0.01);
    expect(teKleinMelding(4, 'gat')).toBe('Het gat is te klein: 4 m². Een gat moet minstens 100 m² (0,01 ha) zijn; teken een groter gat.');
    expect(teKleinMelding(55.55, 'vlak')).toMatch(/^Het vlak is te klein: 55,6 m²\. Een vlak moet minstens 100 m² \(0,01 ha\) zijn\.$/);
  });
});

describe('aantal and opsomming', () => {
  it('uses the singular for one and the plural otherwise', () => {
    expect(aantal(1, 'verhuizing', 'verhuizingen')).toBe('1 verhuizing');
    expect(aantal(0, 'kavel', 'kavels')).toBe('0 kavels');
    expect(aantal(3, 'kavel', 'kavels')).toBe('3 kavels');
    expect(aantal(1250, 'kavel', 'kavels')).toBe('1.250 kavels');
    expect(opsomming(['a'])).toBe('a');
    expect(opsomming(['a', 'b', 'c'])).toBe('a, b en c');
  });
});
