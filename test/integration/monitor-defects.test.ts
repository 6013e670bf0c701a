// Regression tests for the monitor defects found on main (issue #12): a past
// peildatum showed an empty region, saldo disagreed with toegewezen, and the rule
// compensatie_telt_vanaf_status was never read. Records are made as a user makes
// them today (no dates entered), so these tests need nothing new from the API.
import { describe, expect, it } from 'vitest';
import { ids, monitorTestFile } from '../support/monitor-fixture.ts';

const { fx } = monitorTestFile();

describe('monitor defects', () => {
  it('shows the sample region at a peildatum in 2024, not an empty region', async () => {
    const b = await fx.balans('peildatum=2024-06-30');
    expect(b.regio.netto_verloren.ha).toBeGreaterThan(0);
    expect(b.plancapaciteit.hard.ha + b.plancapaciteit.zacht.ha).toBeGreaterThan(0);
    expect(b.vraag_aanbod.aanbod_gepubliceerd).toMatchObject({ hard_ha: 6, zacht_ha: 41 });
    expect(b.vraag_aanbod.aanbod_gepubliceerd.bron).not.toBeNull();
    expect(b.vraag_aanbod.vraag).toMatchObject({ min: 42, max: 97 });
  });

  it('has no saldo that disagrees with toegewezen: vereist = toegewezen + nog toe te wijzen', async () => {
    await fx.maak('terreinen', await fx.box(500, -800, 900, -550), { naam: 'Monitor defect terrein', typologie: 'breed_gedifferentieerd' });
    const t = await fx.maak('transformaties', await fx.box(500, -800, 700, -700), { naam: 'Monitor D', nieuwe_functie: 'wonen', status: 'studie' }); // 2 ha
    const c = await fx.maak('compensaties', await fx.box(1000, -800, 1300, -700), { naam: 'Monitor E', status: 'geregeld', planstatus: 'zacht' }); // 3 ha
    await fx.wijs(c, t, 1);
    const b = await fx.balans();
    const r = b.regio;
    expect(r).not.toHaveProperty('saldo_ha');
    expect(r.toegewezen.ha + r.nog_toe_te_wijzen.ha).toBeCloseTo(r.vereiste_compensatie.ha, 4);
    expect(r.vereiste_compensatie.ha).toBeCloseTo(r.netto_verloren.ha, 4);
    const rij = b.transformaties.find((x) => x.id === t);
    expect(rij).toMatchObject({ netto_ha: expect.closeTo(2, 4), toegewezen_ha: expect.closeTo(1, 4), nog_toe_te_wijzen_ha: expect.closeTo(1, 4) });
    expect(ids(r.compensatie_zonder_toewijzing, 'compensatie')).toContain(c);
  });

  it('reads compensatie_telt_vanaf_status: a toewijzing from a gepland compensatie is not toegewezen', async () => {
    await fx.maak('terreinen', await fx.box(-900, 500, -500, 750), { naam: 'Monitor defect terrein 2', typologie: 'breed_gedifferentieerd' });
    const t = await fx.maak('transformaties', await fx.box(-900, 500, -800, 600), { naam: 'Monitor F', nieuwe_functie: 'wonen', status: 'studie' });
    const c = await fx.maak('compensaties', await fx.box(-400, 500, -300, 600), { naam: 'Monitor gepland', status: 'gepland', planstatus: 'zacht' });
    const tw = await fx.wijs(c, t, 1);
    const b = await fx.balans();
    expect(ids(b.regio.toegewezen, 'compensatie_toewijzing')).not.toContain(tw);
  });
});
