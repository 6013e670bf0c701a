// The monitor's time series: per year, the balance as it stood on 31 December (valid
// time, current knowledge), from one read of the versions that overlap the years and
// the same KPI definitions as the balance on one date (server/domain/kpi.ts).
import { berekenKpis, plancapaciteit, type CompensatieStand, type KavelGroep, type ToewijzingStand, type TransformatieStand } from '../domain/kpi.ts';
import { today } from '../domain/dates.ts';
import { perJaar, type Geldig } from '../domain/geldig-per-jaar.ts';
import type { Queryable } from './queries.ts';
import { leesMetSessie, type SessieInStatement } from '../auth/sessions.ts';
import { regelsUit } from './service.ts';

// Every version as a compact row (an array in the order of its tuple type below): at
// national scale named fields doubled the time to build and to parse the answer.
const SQL = `
WITH p AS (SELECT daterange($1::date, $2::date, '[]') AS jaren)
SELECT json_build_object(
  'transformaties', (SELECT coalesce(json_agg(json_build_array(t.id, t.naam, t.gemeente_id, g.naam, t.status, t.nieuwe_functie,
      t.datum_terinzagelegging, t.datum_vaststelling, t.netto_verloren_ha, lower(t.geldig), upper(t.geldig)) ORDER BY t.id), '[]')
    FROM transformatie_versie t JOIN gemeente g ON g.id = t.gemeente_id, p
    WHERE upper_inf(t.vastgelegd) AND t.geldig && p.jaren AND t.status <> 'vervallen'),
  'compensaties', (SELECT coalesce(json_agg(json_build_array(c.id, c.naam, c.gemeente_id, c.status, c.planstatus,
      c.milieucategorie_max, c.oppervlakte_ha, c.buiten_regio, lower(c.geldig), upper(c.geldig)) ORDER BY c.id), '[]')
    FROM compensatie_versie c, p WHERE upper_inf(c.vastgelegd) AND c.geldig && p.jaren AND c.status <> 'vervallen'),
  'toewijzingen', (SELECT coalesce(json_agg(json_build_array(tw.id, tw.compensatie_id, tw.transformatie_id, tw.hectares,
      lower(tw.geldig), upper(tw.geldig)) ORDER BY tw.id), '[]')
    FROM compensatie_toewijzing_versie tw, p WHERE upper_inf(tw.vastgelegd) AND tw.geldig && p.jaren),
  -- No gemeente for kavels: the series has no rows per gemeente, and the join cost a third
  -- of the query at national scale.
  'kavels', (SELECT coalesce(json_agg(json_build_array(k.id, k.status, k.planstatus, k.milieucategorie_max,
      k.oppervlakte_ha, lower(k.geldig), upper(k.geldig)) ORDER BY k.id), '[]')
    FROM kavel_versie k, p
    WHERE upper_inf(k.vastgelegd) AND k.geldig && p.jaren AND k.status IN ('beschikbaar', 'potentieel')),
  'regels', (SELECT json_object_agg(code, waarde) FROM balans_regel)
) AS reeks`;

type Van = Geldig['van'];
type Tot = Geldig['tot'];
type TransformatieTuple = [number, string, number, string, string, string, string | null, string | null, number | null, Van, Tot];
type CompensatieTuple = [number, string, number, string, string, string | null, number, boolean, Van, Tot];
type ToewijzingTuple = [number, number, number, number, Van, Tot];
type KavelTuple = [number, string, 'hard' | 'zacht', string, number, Van, Tot];

type Ruw = {
  transformaties: TransformatieTuple[];
  compensaties: CompensatieTuple[];
  toewijzingen: ToewijzingTuple[];
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
  const { reeks: r } = await leesMetSessie<{ reeks: Ruw }>(db, prepare, { reeks: SQL }, grenzen, sessie);
  const regels = regelsUit(r.regels);
  // Each kavel version a group of one: the series tells the years apart, not the gemeenten
  // (so it reads none: a kavel's gemeente serves only the rows per gemeente, left out here).
  const kavels: (KavelGroep & Geldig)[] = r.kavels.map(([id, status, planstatus, milieucategorie_max, oppervlakte_ha, vanaf, totaan]) => ({
    ids: [id], status, planstatus, milieucategorie_max, gemeente: '', oppervlakte_ha, van: vanaf, tot: totaan,
  }));
  const transformaties = perJaar(r.transformaties.map(([id, naam, gemeente_id, gemeente, status, nieuwe_functie,
    datum_terinzagelegging, datum_vaststelling, netto_verloren_ha, vanaf, totaan]): TransformatieStand & Geldig => ({
    id, naam, gemeente_id, gemeente, status, nieuwe_functie, datum_terinzagelegging, datum_vaststelling, netto_verloren_ha,
    verlies_per_categorie: null, van: vanaf, tot: totaan,
  })), van, tot);
  const compensaties = perJaar(r.compensaties.map(([id, naam, gemeente_id, status, planstatus, milieucategorie_max,
    oppervlakte_ha, buiten_regio, vanaf, totaan]): CompensatieStand & Geldig => ({
    id, naam, gemeente_id, status, planstatus, milieucategorie_max, oppervlakte_ha, buiten_regio, van: vanaf, tot: totaan,
  })), van, tot);
  const toewijzingen = perJaar(r.toewijzingen.map(([id, compensatie_id, transformatie_id, hectares, vanaf, totaan]): ToewijzingStand & Geldig => ({
    id, compensatie_id, transformatie_id, hectares, van: vanaf, tot: totaan,
  })), van, tot);
  const kavelsPerJaar = perJaar(kavels, van, tot);
  const vandaag = today();
  const jaren = [];
  for (let jaar = van; jaar <= tot; jaar++) {
    const peildatum = `${jaar}-12-31`;
    const i = jaar - van;
    const k = berekenKpis({
      peildatum, regels, transformaties: transformaties[i], compensaties: compensaties[i], toewijzingen: toewijzingen[i],
    }, { tabellen: false });
    const plan = plancapaciteit(kavelsPerJaar[i], { rijen: false });
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
