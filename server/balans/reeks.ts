// The monitor's time series: per year, the balance as it stood on 31 December (valid
// time, current knowledge), from one read of the versions that overlap the years and
// the same KPI definitions as the balance on one date (server/domain/kpi.ts).
import { queryPreparedIf } from '../db/prepared.ts';
import { berekenKpis, plancapaciteit, type CompensatieStand, type KavelGroep, type ToewijzingStand, type TransformatieStand } from '../domain/kpi.ts';
import { today } from '../domain/dates.ts';
import type { Queryable } from './queries.ts';
import { achterSessie, type SessieInStatement, type SessionRow } from '../auth/sessions.ts';
import { regelsUit } from './service.ts';

/** A version's validity as read: [van, tot), tot null = open. */
interface Geldig {
  van: string;
  tot: string | null;
}

const SQL = `
WITH p AS (SELECT daterange($1::date, $2::date, '[]') AS jaren)
SELECT json_build_object(
  'transformaties', (SELECT coalesce(json_agg(json_build_object(
      'id', t.id, 'naam', t.naam, 'gemeente_id', t.gemeente_id, 'gemeente', g.naam, 'status', t.status,
      'nieuwe_functie', t.nieuwe_functie, 'datum_terinzagelegging', t.datum_terinzagelegging,
      'datum_vaststelling', t.datum_vaststelling, 'netto_verloren_ha', t.netto_verloren_ha, 'verlies_per_categorie', NULL,
      'van', lower(t.geldig), 'tot', upper(t.geldig)) ORDER BY t.id), '[]')
    FROM transformatie_versie t JOIN gemeente g ON g.id = t.gemeente_id, p
    WHERE upper_inf(t.vastgelegd) AND t.geldig && p.jaren AND t.status <> 'vervallen'),
  'compensaties', (SELECT coalesce(json_agg(json_build_object(
      'id', c.id, 'naam', c.naam, 'gemeente_id', c.gemeente_id, 'status', c.status, 'planstatus', c.planstatus,
      'milieucategorie_max', c.milieucategorie_max, 'oppervlakte_ha', c.oppervlakte_ha, 'buiten_regio', c.buiten_regio,
      'van', lower(c.geldig), 'tot', upper(c.geldig)) ORDER BY c.id), '[]')
    FROM compensatie_versie c, p WHERE upper_inf(c.vastgelegd) AND c.geldig && p.jaren AND c.status <> 'vervallen'),
  'toewijzingen', (SELECT coalesce(json_agg(json_build_object(
      'id', tw.id, 'compensatie_id', tw.compensatie_id, 'transformatie_id', tw.transformatie_id, 'hectares', tw.hectares,
      'van', lower(tw.geldig), 'tot', upper(tw.geldig)) ORDER BY tw.id), '[]')
    FROM compensatie_toewijzing_versie tw, p WHERE upper_inf(tw.vastgelegd) AND tw.geldig && p.jaren),
  -- Compact rows: [id, status, planstatus, milieucategorie, gemeente, ha, van, tot].
  'kavels', (SELECT coalesce(json_agg(json_build_array(k.id, k.status, k.planstatus, k.milieucategorie_max,
      coalesce(g.naam, 'onbekend'), k.oppervlakte_ha, lower(k.geldig), upper(k.geldig)) ORDER BY k.id), '[]')
    FROM kavel_versie k LEFT JOIN terrein te ON te.id = k.terrein_id LEFT JOIN gemeente g ON g.id = te.gemeente_id, p
    WHERE upper_inf(k.vastgelegd) AND k.geldig && p.jaren AND k.status IN ('beschikbaar', 'potentieel')),
  'regels', (SELECT json_object_agg(code, waarde) FROM balans_regel)
) AS reeks`;

type KavelTuple = [number, string, 'hard' | 'zacht', string, string, number, string, string | null];

const geldigOp = (d: string) => (x: Geldig) => x.van <= d && (x.tot === null || d < x.tot);

type Ruw = {
  transformaties: (TransformatieStand & Geldig)[];
  compensaties: (CompensatieStand & Geldig)[];
  toewijzingen: (ToewijzingStand & Geldig)[];
  kavels: KavelTuple[];
  regels: Record<string, unknown>;
};

/**
 * Per year: netto verloren per fase, compensatie per status, toegewezen, nog toe te
 * wijzen, restant, and plancapaciteit hard and zacht per milieucategorie, each with
 * the ids of its records. Totals that add up from these carry no second id list.
 */
export async function computeReeks(db: Queryable, van: number, tot: number, { sessie, prepare = false }: { sessie?: SessieInStatement; prepare?: boolean } = {}) {
  const grenzen = [`${van}-12-31`, `${tot}-12-31`];
  // Prepared when asked (a request outside a transaction: a refused PREPARE would abort
  // one): the statement reads every version and leaves the years to the code, so one plan
  // fits every range.
  // With the request's session in the same statement (server/auth/sessions.ts), checked before the rows are used.
  const { rows } = sessie
    ? await queryPreparedIf<{ reeks: Ruw; sessie: SessionRow | null }>(prepare, db, achterSessie({ reeks: SQL }, '$3'), [...grenzen, sessie.tokenHash])
    : await queryPreparedIf<{ reeks: Ruw }>(prepare, db, SQL, grenzen);
  sessie?.bevestig((rows[0] as { sessie?: SessionRow | null }).sessie ?? undefined);
  const r = rows[0].reeks;
  const regels = regelsUit(r.regels);
  // Each kavel version a group of one: the series tells the years apart, not the gemeenten.
  const kavels: (KavelGroep & Geldig)[] = r.kavels.map(([id, status, planstatus, milieucategorie_max, gemeente, oppervlakte_ha, vanaf, totaan]) => ({
    ids: [id], status, planstatus, milieucategorie_max, gemeente, oppervlakte_ha, van: vanaf, tot: totaan,
  }));
  const vandaag = today();
  const jaren = [];
  for (let jaar = van; jaar <= tot; jaar++) {
    const peildatum = `${jaar}-12-31`;
    const op = geldigOp(peildatum);
    const k = berekenKpis({
      peildatum, regels,
      transformaties: r.transformaties.filter(op), compensaties: r.compensaties.filter(op), toewijzingen: r.toewijzingen.filter(op),
    }, { tabellen: false });
    const plan = plancapaciteit(kavels.filter(op), { rijen: false });
    const totaal = (p: typeof plan.hard) => ({ ha: p.ha, per_milieucategorie: p.per_milieucategorie });
    jaren.push({
      jaar, peildatum,
      /** After today: what the entered dates (e.g. a planned vaststelling) make of it, not yet a fact. */
      verwachting: peildatum > vandaag,
      netto_verloren: { ha: k.regio.netto_verloren.ha, per_fase: k.regio.netto_verloren.per_fase },
      toegewezen: k.regio.toegewezen,
      nog_toe_te_wijzen: k.regio.nog_toe_te_wijzen,
      restant: k.regio.restant,
      compensatie_per_status: k.regio.compensatie_per_status,
      plancapaciteit: { hard: totaal(plan.hard), zacht: totaal(plan.zacht) },
    });
  }
  return { van, tot, jaren };
}
export type Reeks = Awaited<ReturnType<typeof computeReeks>>;
