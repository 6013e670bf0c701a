// The KPI definitions (server/domain/kpi.ts): stages by date, the rule of which
// compensatie statuses count, and tiles that agree with each other for any records.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  alsGroep, berekenKpis, definities, faseOp, plancapaciteit, type CompensatieStand, type KavelStand, type Regels, type ToewijzingStand,
  type TransformatieStand,
} from '../../server/domain/kpi.ts';

const REGELS: Regels = {
  teltVanaf: ['geregeld', 'planologisch_mogelijk', 'gerealiseerd'],
  vanafTerinzage: ['ontwerp_ter_inzage', 'vastgesteld', 'gerealiseerd'],
  vastgesteld: ['vastgesteld', 'gerealiseerd'],
};

const T = (p: Partial<TransformatieStand>): TransformatieStand => ({
  id: 1, naam: 'T', gemeente_id: 1, gemeente: 'Leiden', status: 'studie', nieuwe_functie: 'wonen',
  datum_terinzagelegging: null, datum_vaststelling: null, netto_verloren_ha: 2, verlies_per_categorie: { '3.1': { ha: 2, kavels: [7] } }, ...p,
});
const C = (p: Partial<CompensatieStand>): CompensatieStand => ({
  id: 10, naam: 'C', gemeente_id: 1, status: 'geregeld', planstatus: 'zacht', milieucategorie_max: '3.1', oppervlakte_ha: 3, buiten_regio: false, ...p,
});

describe('faseOp', () => {
  const t = T({ status: 'vastgesteld', datum_terinzagelegging: '2025-03-01', datum_vaststelling: '2025-06-01' });

  it('follows the dates: voorgenomen, in procedure from terinzagelegging, planologisch verloren from vaststelling', () => {
    expect(faseOp(t, '2025-02-28', REGELS)).toBe('voorgenomen');
    expect(faseOp(t, '2025-03-01', REGELS)).toBe('in_procedure');
    expect(faseOp(t, '2025-04-30', REGELS)).toBe('in_procedure');
    expect(faseOp(t, '2025-06-01', REGELS)).toBe('planologisch_verloren');
  });

  it('falls back on the status where a date is missing, and counts nothing for vervallen', () => {
    expect(faseOp(T({ status: 'ontwerp_ter_inzage' }), '2020-01-01', REGELS)).toBe('in_procedure');
    expect(faseOp(T({ status: 'gerealiseerd' }), '2020-01-01', REGELS)).toBe('planologisch_verloren');
    expect(faseOp(T({ status: 'idee' }), '2030-01-01', REGELS)).toBe('voorgenomen');
    expect(faseOp(T({ status: 'vervallen', datum_vaststelling: '2020-01-01' }), '2030-01-01', REGELS)).toBeNull();
  });
});

describe('berekenKpis', () => {
  it('counts toewijzingen only from the statuses of the rule', () => {
    const invoer = {
      peildatum: '2025-06-30', regels: REGELS,
      transformaties: [T({})],
      compensaties: [C({ id: 10, status: 'gepland', oppervlakte_ha: 1 }), C({ id: 11, status: 'geregeld' })],
      toewijzingen: [{ id: 100, compensatie_id: 10, transformatie_id: 1, hectares: 1 }, { id: 101, compensatie_id: 11, transformatie_id: 1, hectares: 0.5 }],
    };
    const k = berekenKpis(invoer);
    expect(k.regio.toegewezen.ha).toBe(0.5);
    expect(k.regio.toegewezen.ids.compensatie_toewijzing).toEqual([101]);
    expect(k.regio.toegewezen_telt_nog_niet.ids.compensatie_toewijzing).toEqual([100]);
    expect(k.regio.nog_toe_te_wijzen.ha).toBe(1.5);
    expect(k.regio.restant.ha).toBe(0); // still voorgenomen
    const ruim = berekenKpis({ ...invoer, regels: { ...REGELS, teltVanaf: ['gepland', ...REGELS.teltVanaf] } });
    expect(ruim.regio.toegewezen.ha).toBe(1.5);
    expect(definities({ ...REGELS, teltVanaf: ['gepland', 'geregeld'] }).toegewezen.definitie).toContain('gepland of geregeld');
  });

  it('caps toegewezen at what a transformatie requires and reports the surplus', () => {
    const k = berekenKpis({
      peildatum: '2025-06-30', regels: REGELS,
      transformaties: [T({ netto_verloren_ha: 1 })], compensaties: [C({ oppervlakte_ha: 3 })],
      toewijzingen: [{ id: 100, compensatie_id: 10, transformatie_id: 1, hectares: 2.5 }],
    });
    expect(k.regio.toegewezen.ha).toBe(1);
    expect(k.regio.overtoewijzing.ha).toBe(1.5);
    expect(k.regio.nog_toe_te_wijzen.ha).toBe(0);
    expect(k.regio.compensatie_zonder_toewijzing.ha).toBe(0.5);
  });

  it('frees the hectares of a toewijzing to a vervallen transformatie', () => {
    const k = berekenKpis({
      peildatum: '2025-06-30', regels: REGELS,
      transformaties: [T({ status: 'vervallen' })], compensaties: [C({ oppervlakte_ha: 3 })],
      toewijzingen: [{ id: 100, compensatie_id: 10, transformatie_id: 1, hectares: 2 }],
    });
    expect(k.regio.netto_verloren.ha).toBe(0);
    expect(k.regio.toegewezen.ha).toBe(0);
    expect(k.regio.compensatie_zonder_toewijzing.ha).toBe(3);
  });

  // Any records: the tiles agree with each other and with the tables.
  const STATUSSEN_T = ['idee', 'studie', 'ontwerp_ter_inzage', 'vastgesteld', 'gerealiseerd', 'vervallen'];
  const STATUSSEN_C = ['gepland', 'geregeld', 'planologisch_mogelijk', 'gerealiseerd', 'vervallen'];
  const datum = fc.option(fc.constantFrom('2023-01-01', '2024-06-30', '2025-03-01', '2026-01-01'), { nil: null });
  const wereld = fc.record({
    transformaties: fc.array(fc.record({
      gemeente_id: fc.integer({ min: 1, max: 3 }), status: fc.constantFrom(...STATUSSEN_T),
      datum_terinzagelegging: datum, datum_vaststelling: datum,
      netto: fc.option(fc.double({ min: 0, max: 20, noNaN: true }), { nil: null, freq: 8 }),
    }), { maxLength: 8 }),
    compensaties: fc.array(fc.record({
      gemeente_id: fc.integer({ min: 1, max: 3 }), status: fc.constantFrom(...STATUSSEN_C), ha: fc.double({ min: 0.01, max: 20, noNaN: true }),
      cat: fc.constantFrom('3.1', '4.2', null),
    }), { maxLength: 6 }),
    toewijzingen: fc.array(fc.record({ c: fc.nat(20), t: fc.nat(20), ha: fc.double({ min: 0.01, max: 10, noNaN: true }) }), { maxLength: 12 }),
    peildatum: fc.constantFrom('2024-01-01', '2025-06-30', '2027-01-01'),
  });

  it('makes every tile agree with the others, for any records', () => {
    fc.assert(fc.property(wereld, (w) => {
      const transformaties = w.transformaties.map((t, i) => T({
        id: i + 1, gemeente_id: t.gemeente_id, gemeente: `G${t.gemeente_id}`, status: t.status,
        datum_terinzagelegging: t.datum_terinzagelegging, datum_vaststelling: t.datum_vaststelling,
        netto_verloren_ha: t.netto, verlies_per_categorie: t.netto === null ? null : { '3.1': { ha: t.netto, kavels: [i] } },
      }));
      const compensaties = w.compensaties.map((c, i) => C({ id: 100 + i, gemeente_id: c.gemeente_id, status: c.status, oppervlakte_ha: c.ha, milieucategorie_max: c.cat }));
      // A compensatie never gives out more than it has (the API guarantees it).
      const gegeven = new Map<number, number>();
      const toewijzingen: ToewijzingStand[] = [];
      w.toewijzingen.forEach((tw, i) => {
        const c = compensaties[tw.c % Math.max(1, compensaties.length)];
        const t = transformaties[tw.t % Math.max(1, transformaties.length)];
        if (!c || !t || toewijzingen.some((x) => x.compensatie_id === c.id && x.transformatie_id === t.id)) return;
        const ha = Math.min(tw.ha, c.oppervlakte_ha - (gegeven.get(c.id) ?? 0));
        if (ha <= 0) return;
        gegeven.set(c.id, (gegeven.get(c.id) ?? 0) + ha);
        toewijzingen.push({ id: 1000 + i, compensatie_id: c.id, transformatie_id: t.id, hectares: ha });
      });
      const k = berekenKpis({ peildatum: w.peildatum, regels: REGELS, transformaties, compensaties, toewijzingen });
      const r = k.regio;
      const som = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
      const eq = (a: number, b: number) => expect(a).toBeCloseTo(b, 6);
      eq(r.vereiste_compensatie.ha, r.netto_verloren.ha);
      eq(r.toegewezen.ha + r.nog_toe_te_wijzen.ha, r.vereiste_compensatie.ha);
      expect(r.restant.ha).toBeLessThanOrEqual(r.nog_toe_te_wijzen.ha + 1e-9);
      expect(r.toegewezen.ha).toBeLessThanOrEqual(r.vereiste_compensatie.ha + 1e-9);
      eq(som(Object.values(r.netto_verloren.per_fase).map((f) => f.ha)), r.netto_verloren.ha);
      eq(r.toegewezen.ha + r.overtoewijzing.ha + r.toegewezen_telt_nog_niet.ha + r.compensatie_zonder_toewijzing.ha, r.compensatie_totaal.ha);
      eq(som(Object.values(r.compensatie_per_status).map((c) => c.ha)), r.compensatie_totaal.ha);
      eq(som(k.per_gemeente.map((g) => g.verloren.ha)), r.netto_verloren.ha);
      eq(som(k.per_gemeente.map((g) => g.toegewezen_binnen.ha + g.toegewezen_elders.ha)), r.toegewezen.ha);
      eq(som(k.per_gemeente.map((g) => g.nog_toe_te_wijzen.ha)), r.nog_toe_te_wijzen.ha);
      eq(som(k.per_gemeente.map((g) => g.restant.ha)), r.restant.ha);
      eq(som(k.per_milieucategorie.map((c) => c.verloren.ha)), r.netto_verloren.ha);
      // The ids behind netto verloren are exactly the transformaties not vervallen.
      expect(r.netto_verloren.ids.transformatie).toEqual(transformaties.filter((t) => t.status !== 'vervallen').map((t) => t.id));
      // A transformatie still voorgenomen has no restant.
      for (const t of k.transformaties.filter((x) => x.fase === 'voorgenomen')) expect(t.restant_ha).toBe(0);
    }), { numRuns: 300 });
  }, 30_000);
});

describe('plancapaciteit', () => {
  it('counts beschikbaar and potentieel kavels by planstatus and category, with their ids', () => {
    const k = (id: number, status: string, planstatus: 'hard' | 'zacht', cat: string, ha: number): KavelStand =>
      ({ id, status, planstatus, milieucategorie_max: cat, gemeente: 'Leiden', oppervlakte_ha: ha });
    const p = plancapaciteit([k(1, 'beschikbaar', 'hard', '3.1', 1), k(2, 'potentieel', 'zacht', '3.1', 2), k(3, 'bezet', 'hard', '3.1', 5),
      k(4, 'beschikbaar', 'hard', '4.2', 0.5), k(5, 'in_optie', 'hard', '3.1', 1)].map(alsGroep));
    expect(p.hard).toMatchObject({ ha: 1.5, ids: { kavel: [1, 4] } });
    expect(p.zacht).toMatchObject({ ha: 2, ids: { kavel: [2] } });
    expect(p.hard.per_milieucategorie['4.2']).toEqual({ ha: 0.5, ids: { kavel: [4] } });
    expect(p.rijen.reduce((s, r) => s + r.ha, 0)).toBe(3.5);
  });
});
