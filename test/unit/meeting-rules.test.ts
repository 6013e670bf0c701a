// The pure rules of the stuurgroep meeting: which earlier meeting "since the last
// meeting" means, the peildatum of a snapshot, when a decision can be recorded, and
// that the ruimtevragen aggregate never lets one company's request be read or worked out.
import { describe, expect, it } from 'vitest';
import { peildatumProbleem, snapshotPeildatum, vorigeVergadering } from '../../server/domain/vergadering.ts';
import { besluitProbleem } from '../../server/domain/advies.ts';
import { schermAf, schermTotaalAf } from '../../server/domain/ruimtevraag-aggregaat.ts';

describe('the previous meeting', () => {
  const m = (id: number, datum: string, gremium = 'stuurgroep', snapshot_id: number | null = id * 10) => ({ id, datum, gremium, snapshot_id });
  it('is the latest earlier meeting of the same gremium with a snapshot', () => {
    const alle = [m(1, '2026-01-10'), m(2, '2026-03-10'), m(3, '2026-04-01', 'werkgroep'), m(4, '2026-04-20', 'stuurgroep', null), m(5, '2026-06-01')];
    expect(vorigeVergadering(alle, alle[4])?.id).toBe(2);
    expect(vorigeVergadering(alle, alle[0])).toBeNull();
  });
  it('on the same date, is the one made first', () => {
    const alle = [m(7, '2026-06-01'), m(8, '2026-06-01')];
    expect(vorigeVergadering(alle, alle[1])?.id).toBe(7);
    expect(vorigeVergadering(alle, alle[0])).toBeNull();
  });
});

describe('the peildatum of a snapshot', () => {
  it('is the one asked for, else the meeting’s, else the meeting date or today, whichever is first', () => {
    expect(snapshotPeildatum({ datum: '2026-06-01', peildatum: '2026-05-01' }, '2026-04-01', '2026-07-01')).toBe('2026-04-01');
    expect(snapshotPeildatum({ datum: '2026-06-01', peildatum: '2026-05-01' }, undefined, '2026-07-01')).toBe('2026-05-01');
    expect(snapshotPeildatum({ datum: '2026-06-01', peildatum: null }, undefined, '2026-07-01')).toBe('2026-06-01');
    expect(snapshotPeildatum({ datum: '2026-09-01', peildatum: null }, undefined, '2026-07-01')).toBe('2026-07-01');
  });
  it('is never in the future', () => {
    expect(peildatumProbleem('2026-07-02', '2026-07-01')).toMatch(/toekomst/);
    expect(peildatumProbleem('2026-07-01', '2026-07-01')).toBeNull();
  });
});

describe('a decision on an advice', () => {
  const vergadering = { datum: '2026-06-01' };
  it('needs the meeting, lies on or after it and not in the future', () => {
    expect(besluitProbleem({ besluit: 'opgevolgd', toelichting: null, datum: '2026-06-01' }, null, '2026-07-01')?.code).toBe('geen_vergadering');
    expect(besluitProbleem({ besluit: 'opgevolgd', toelichting: null, datum: '2026-05-31' }, vergadering, '2026-07-01')?.code).toBe('besluit_voor_vergadering');
    expect(besluitProbleem({ besluit: 'opgevolgd', toelichting: null, datum: '2026-07-02' }, vergadering, '2026-07-01')?.code).toBe('besluit_in_toekomst');
    expect(besluitProbleem({ besluit: 'opgevolgd', toelichting: null, datum: '2026-06-01' }, vergadering, '2026-07-01')).toBeNull();
  });
  it('states the reasons unless the advice is simply followed', () => {
    for (const besluit of ['niet_opgevolgd', 'deels'] as const) {
      expect(besluitProbleem({ besluit, toelichting: '  ', datum: '2026-06-01' }, vergadering, '2026-07-01')?.code).toBe('beweegredenen_vereist');
      expect(besluitProbleem({ besluit, toelichting: 'Geld ontbreekt', datum: '2026-06-01' }, vergadering, '2026-07-01')).toBeNull();
    }
  });
});

describe('the ruimtevragen aggregate', () => {
  const cel = (naam: string, aantal: number, ha: number) => ({ naam, aantal, min_ha: ha, max_ha: ha * 2 });
  it('withholds the hectares of a cell of one or two requests, keeping the count', () => {
    const [a, b, c] = schermAf([cel('a', 2, 3), cel('b', 5, 10), cel('c', 6, 8), cel('d', 1, 1)]);
    expect(a).toMatchObject({ aantal: 2, min_ha: null, max_ha: null, afgeschermd: true });
    expect(b).toMatchObject({ aantal: 5, min_ha: 10, max_ha: 20, afgeschermd: false });
    expect(c.afgeschermd).toBe(false);
  });
  it('withholds a second cell when one withheld cell could be worked out from the total', () => {
    const cellen = schermAf([cel('a', 1, 3), cel('b', 5, 10), cel('c', 4, 8)]);
    // The smallest other cell goes with it, so total − shown cells covers at least two cells.
    expect(cellen.filter((c) => c.afgeschermd).map((c) => c.naam).sort()).toEqual(['a', 'c']);
  });
  it('shows everything when every cell has at least three requests, and withholds a small total', () => {
    expect(schermAf([cel('a', 3, 1), cel('b', 7, 2)]).some((c) => c.afgeschermd)).toBe(false);
    expect(schermTotaalAf(cel('t', 2, 4)).afgeschermd).toBe(true);
    expect(schermTotaalAf(cel('t', 0, 0)).afgeschermd).toBe(false);
  });
});
