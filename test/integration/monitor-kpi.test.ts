// The monitor's figures agree with each other and count what their definition says
// (issue #12): toegewezen counts from the statuses in `compensatie_telt_vanaf_status`,
// vereist = toegewezen + nog toe te wijzen, and demand against supply in words.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ids, monitorTestFile } from '../support/monitor-fixture.ts';
import type { Schemas } from '../../web/api/http.ts';

const { db, fx } = monitorTestFile();

// Transformatie Z: 2 ha on a terrein. Compensatie G (gepland, 1 ha) gives Z 1 ha;
// compensatie H (geregeld, 3 ha) gives Z 0,5 ha.
let z: number;
let g: number;
let h: number;
let twG: number;
let twH: number;

beforeAll(async () => {
  await fx.maak('terreinen', await fx.box(-800, -600, -400, -350), { naam: 'Monitor KPI terrein', typologie: 'breed_gedifferentieerd' });
  z = await fx.maak('transformaties', await fx.box(-800, -600, -600, -500), {
    naam: 'Monitor Z', nieuwe_functie: 'wonen', status: 'ontwerp_ter_inzage', datum_terinzagelegging: '2025-03-01', ingangsdatum: '2025-03-01',
  });
  g = await fx.maak('compensaties', await fx.box(-300, -600, -200, -500), { naam: 'Monitor G', status: 'gepland', planstatus: 'zacht', ingangsdatum: '2025-02-01' });
  h = await fx.maak('compensaties', await fx.box(-100, -600, 200, -500), { naam: 'Monitor H', status: 'geregeld', planstatus: 'zacht', ingangsdatum: '2025-02-01' });
  twG = await fx.wijs(g, z, 1, '2025-04-01');
  twH = await fx.wijs(h, z, 0.5, '2025-04-01');
});

afterAll(async () => {
  await db.pool.query(`UPDATE balans_regel SET waarde = '["geregeld", "planologisch_mogelijk", "gerealiseerd"]' WHERE code = 'compensatie_telt_vanaf_status'`);
});

const EPS = 1e-6;
const som = (xs: number[]) => xs.reduce((s, v) => s + v, 0);

/** Every identity between the tiles, on one balance. */
function expectConsistent(b: Schemas['Balans']) {
  const r = b.regio;
  expect(r).not.toHaveProperty('saldo_ha');
  expect(r.vereiste_compensatie.ha).toBeCloseTo(r.netto_verloren.ha, 4);
  expect(r.toegewezen.ha + r.nog_toe_te_wijzen.ha).toBeCloseTo(r.vereiste_compensatie.ha, 4);
  expect(r.restant.ha).toBeLessThanOrEqual(r.nog_toe_te_wijzen.ha + EPS);
  expect(som(Object.values(r.netto_verloren.per_fase).map((f) => f.ha))).toBeCloseTo(r.netto_verloren.ha, 4);
  expect(r.toegewezen.ha + r.overtoewijzing.ha + r.toegewezen_telt_nog_niet.ha + r.compensatie_zonder_toewijzing.ha)
    .toBeCloseTo(r.compensatie_totaal.ha, 4);
  expect(som(Object.values(r.compensatie_per_status).map((c) => c.ha))).toBeCloseTo(r.compensatie_totaal.ha, 4);
  // The per-gemeente table adds up to the region, and the per-transformatie rows too.
  expect(som(b.per_gemeente.map((x) => x.verloren.ha))).toBeCloseTo(r.netto_verloren.ha, 4);
  expect(som(b.per_gemeente.map((x) => x.toegewezen_binnen.ha + x.toegewezen_elders.ha))).toBeCloseTo(r.toegewezen.ha, 4);
  expect(som(b.per_gemeente.map((x) => x.nog_toe_te_wijzen.ha))).toBeCloseTo(r.nog_toe_te_wijzen.ha, 4);
  expect(som(b.per_gemeente.map((x) => x.restant.ha))).toBeCloseTo(r.restant.ha, 4);
  expect(som(b.transformaties.map((t) => t.netto_ha))).toBeCloseTo(r.netto_verloren.ha, 4);
  expect(som(b.per_milieucategorie.map((c) => c.verloren.ha))).toBeCloseTo(r.netto_verloren.ha, 4);
  // Each tile says what it counts.
  for (const kpi of ['netto_verloren', 'vereiste_compensatie', 'toegewezen', 'nog_toe_te_wijzen', 'compensatie_zonder_toewijzing', 'restant'] as const) {
    expect(b.definities[kpi].definitie.length, kpi).toBeGreaterThan(30);
  }
}

describe('KPI tiles', () => {
  it('count a toewijzing as toegewezen only from the statuses in compensatie_telt_vanaf_status', async () => {
    const b = await fx.balans();
    const rij = b.transformaties.find((t) => t.id === z)!;
    expect(rij.netto_ha).toBeCloseTo(2, 4);
    expect(rij.toegewezen_ha).toBeCloseTo(0.5, 4); // H counts; G is only gepland
    expect(ids(b.regio.toegewezen, 'compensatie_toewijzing')).toContain(twH);
    expect(ids(b.regio.toegewezen, 'compensatie_toewijzing')).not.toContain(twG);
    expect(ids(b.regio.toegewezen_telt_nog_niet, 'compensatie_toewijzing')).toContain(twG);
    expect(rij.nog_toe_te_wijzen_ha).toBeCloseTo(1.5, 4);
    expect(rij.restant_ha).toBeCloseTo(1.5, 4); // ter inzage since 1 March: the gemeente's restant

    await db.pool.query(`UPDATE balans_regel SET waarde = '["gepland", "geregeld", "planologisch_mogelijk", "gerealiseerd"]' WHERE code = 'compensatie_telt_vanaf_status'`);
    const ruimer = await fx.balans();
    expect(ruimer.transformaties.find((t) => t.id === z)!.toegewezen_ha).toBeCloseTo(1.5, 4);
    expect(ids(ruimer.regio.toegewezen, 'compensatie_toewijzing')).toContain(twG);
    expect(ruimer.definities.toegewezen.definitie).toContain('gepland');
    expectConsistent(ruimer);
    await db.pool.query(`UPDATE balans_regel SET waarde = '["geregeld", "planologisch_mogelijk", "gerealiseerd"]' WHERE code = 'compensatie_telt_vanaf_status'`);
  });

  it('agree with each other now and at past peildata', async () => {
    for (const q of ['', 'peildatum=2024-06-30', 'peildatum=2025-03-15', 'peildatum=2025-06-30']) expectConsistent(await fx.balans(q));
  });

  it('count the compensatie not given to any transformatie', async () => {
    const b = await fx.balans();
    // G: 1 ha, all given; H: 3 ha, 0,5 given → 2,5 ha without toewijzing.
    const zonder = b.regio.compensatie_zonder_toewijzing;
    expect(ids(zonder, 'compensatie')).toContain(h);
    expect(ids(zonder, 'compensatie')).not.toContain(g);
  });

  it('counts a toewijzing only from its date', async () => {
    const maart = await fx.balans('peildatum=2025-03-15');
    expect(maart.transformaties.find((t) => t.id === z)!.toegewezen_ha).toBe(0);
    const april = await fx.balans('peildatum=2025-04-15');
    expect(april.transformaties.find((t) => t.id === z)!.toegewezen_ha).toBeCloseTo(0.5, 4);
  });

  it('say demand against supply in words, not as signed ranges', async () => {
    const b = await fx.balans();
    expect(b.vraag_aanbod.tekort!.gepubliceerd_hard.tekst).toBe('tekort van 36 tot 91 ha');
    expect(b.vraag_aanbod.tekort!.gepubliceerd_hard_en_zacht.tekst).toBe('van 5 ha overschot tot 50 ha tekort');
  });
});
