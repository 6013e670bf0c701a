// The CSV reader of the ruimtevragen register: Dutch headers, either separator,
// Dutch number and date formats, and a per-row report of what is wrong.
import { describe, expect, it } from 'vitest';
import { leesRuimtevragenCsv, RuimtevraagNieuw, type Opzoek } from '../../server/domain/matching-register.ts';

const opzoek: Opzoek = {
  milieucategorieen: new Set(['1', '2', '3.1', '3.2', '4.1', '4.2']),
  gemeenten: new Map([['leiden', 1], ['katwijk', 2], ['leiderdorp', 3]]),
  kavelIds: new Set([5, 6]),
};

/** Reads a register file given as its lines, joined with `eol`. */
const lees = (lines: string[], eol = '\n') => leesRuimtevragenCsv(lines.join(eol), opzoek);

describe('CSV import of ruimtevragen', () => {
  it('reads a semicolon file with Dutch headers, decimal commas, Dutch dates and ja/nee', () => {
    const r = lees([
      'Bedrijfsnaam;KvK-nummer;Sector;Arbeidsplaatsen;Huidige kavel;Huurder/eigenaar;Milieucategorie activiteit;Min ha;Max ha;Milieucategorie;Watergebonden;Gewenste gemeenten;Gewenst vanaf;Gewenst tot;Reden;Voorrang;Accountmanager;Notities',
      'Test BV;12345678;Metaal;40;5;Huurder;3.2;1,5;2,25;cat. 3.2;nee;Leiden, Katwijk;01-03-2027;31-12-2029;verkeerde plek;ja;AM Leiden;"Wil naar de rand; snel"',
    ], '\r\n');
    expect(r.fouten).toEqual([]);
    expect(r.rijen).toHaveLength(1);
    expect(r.rijen[0]).toEqual({ rij: 2, invoer: {
      bedrijf: { naam: 'Test BV', kvk_nummer: '12345678', sector: 'Metaal', arbeidsplaatsen: 40, huidige_kavel_id: 5, gebruikspositie: 'huurder', milieucategorie_activiteit: '3.2' },
      min_ha: 1.5, max_ha: 2.25, milieucategorie: '3.2', watergebonden: false, gewenste_gemeente_ids: [1, 2],
      gewenst_vanaf: '2027-03-01', gewenst_tot: '2029-12-31', reden: 'verkeerde_plek', voorrang: true, accountmanager: 'AM Leiden',
      notities: 'Wil naar de rand; snel',
    } });
  });

  it('reads a comma-separated file', () => {
    const csv = 'naam,min_ha,max_ha,milieucategorie,reden,gemeente\nA,1,2,2,groei,Leiderdorp\nB,0.5,0.8,4.1,nieuwvestiging,\n';
    const r = leesRuimtevragenCsv(csv, opzoek);
    expect(r.fouten).toEqual([]);
    expect(r.aantal).toBe(2);
    expect(r.rijen.map((x) => [x.rij, x.invoer.bedrijf.naam, x.invoer.min_ha, x.invoer.gewenste_gemeente_ids])).toEqual([[2, 'A', 1, [3]], [3, 'B', 0.5, []]]);
  });

  it('reports every wrong field with its row number and a Dutch message, and accepts no row then', () => {
    const r = lees([
      'naam;kvk;min_ha;max_ha;milieucategorie;reden;gewenste gemeenten;gewenst vanaf;watergebonden;huidige kavel',
      'Goed BV;12345678;1;2;3.1;groei;Leiden;2027-01-01;nee;',
      ';1234;twee;1;9.9;uitbreiding;Atlantis;2027-02-30;misschien;77',
      'Omgekeerd BV;;3;2;2;groei;;;;',
    ]);
    expect(r.rijen).toEqual([]);
    expect(r.aantal).toBe(3);
    const byRow = (rij: number) => Object.fromEntries(r.fouten.filter((f) => f.rij === rij).map((f) => [f.veld, f.melding]));
    expect(byRow(2)).toEqual({});
    expect(byRow(3)).toEqual({
      naam: 'naam: de bedrijfsnaam is verplicht.',
      kvk_nummer: 'kvk_nummer: een KvK-nummer bestaat uit 8 cijfers.',
      min_ha: "'twee' is geen getal.",
      milieucategorie: "Onbekende milieucategorie '9.9'.",
      reden: 'reden: kies uit: groei, transformatie, verkeerde_plek, nieuwvestiging.',
      gewenste_gemeenten: "Onbekende gemeente 'Atlantis'.",
      gewenst_vanaf: 'gewenst_vanaf: deze datum bestaat niet.',
      watergebonden: "'misschien' is geen ja of nee.",
      huidige_kavel_id: 'Kavel 77 bestaat niet.',
    });
    expect(byRow(4)).toEqual({ max_ha: 'max_ha: max_ha moet minstens min_ha zijn.' });
  });

  it('reports unknown and missing columns on row 1', () => {
    const r = leesRuimtevragenCsv('naam;min_ha;kleur\nA;1;rood\n', opzoek);
    expect(r.fouten).toEqual([
      { rij: 1, veld: 'kleur', melding: "Onbekende kolom 'kleur'." },
      { rij: 1, veld: 'max_ha', melding: "De kolom 'max_ha' ontbreekt." },
      { rij: 1, veld: 'milieucategorie', melding: "De kolom 'milieucategorie' ontbreekt." },
      { rij: 1, veld: 'reden', melding: "De kolom 'reden' ontbreekt." },
    ]);
    expect(leesRuimtevragenCsv('', opzoek).fouten[0].melding).toBe('Het bestand is leeg.');
  });
});

describe('API input', () => {
  it('requires the company and checks the ranges across fields', () => {
    const ok = RuimtevraagNieuw.safeParse({ bedrijf: { naam: 'X' }, min_ha: 1, max_ha: 2, milieucategorie: '2', reden: 'groei' });
    expect(ok.success).toBe(true);
    const bad = RuimtevraagNieuw.safeParse({ bedrijf: { naam: 'X', kvk_nummer: '123' }, min_ha: 2, max_ha: 1, milieucategorie: '2', reden: 'groei', gewenst_vanaf: '2028-01-01', gewenst_tot: '2027-01-01' });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['bedrijf.kvk_nummer', 'gewenst_tot', 'max_ha']);
  });
});
