// What the monitor reads, in one round trip, for one moment:
//   actueel     now: the live tables;
//   historie    the situation on a peildatum: the versions valid on that date
//               (history tables of migration 012, current knowledge);
//   vastgelegd  what the system held at a moment about a peildatum: the versions
//               recorded then; the small unversioned tables rebuilt from the audit trail.
// Every figure is already stored per record (netto verloren and milieuruimte by
// migration 011), so this is a read with index lookups; the one spatial join (protected
// terreinen) uses the GiST indexes.
// Two statements: on a pool of several connections they run side by side (the kavels'
// plancapaciteit is as costly as the rest); on one connection (the embedded database,
// a transaction) they are sent as one. Each holds every figure it is compared with:
// the transformaties, compensaties and toewijzingen in one, the kavels with the demand
// and supply they are set against in the other.
import type pg from 'pg';
import { leesMetSessie, type SessieInStatement } from '../auth/sessions.ts';
import type { CompensatieStand, KavelGroep, ToewijzingStand, TransformatieStand } from '../domain/kpi.ts';
import type { MilieuruimteConflict, Vraagraming } from '../domain/balans.ts';
import type { PartijRol } from '../domain/layer-values.ts';

export type Queryable = pg.Pool | pg.PoolClient;

export type Moment =
  | { soort: 'actueel'; peildatum: string }
  | { soort: 'historie'; peildatum: string }
  | { soort: 'vastgelegd'; peildatum: string; tijdstip: string };

type Versioned = 'transformatie' | 'compensatie' | 'kavel' | 'compensatie_toewijzing';

/**
 * A versioned table as it stood at the moment ($1 = peildatum, $2 = tijdstip). On a
 * peildatum the validity is compared by its bounds, not with `geldig @> $1`: the
 * statement is prepared, and a plan made without the date estimates `@>` at two rows,
 * choosing nested loops that took 72 ms at 10,000 kavels; by its bounds it estimates a
 * third and takes 16 (the same plan as for the date; at region scale 1.7 ms against 6).
 */
export function bron(tabel: Versioned, m: Moment): string {
  if (m.soort === 'actueel') return tabel;
  if (m.soort === 'historie') {
    return `(SELECT * FROM ${tabel}_versie WHERE upper_inf(vastgelegd)
      AND (lower_inf(geldig) OR lower(geldig) <= $1::date) AND (upper_inf(geldig) OR upper(geldig) > $1::date))`;
  }
  return `(SELECT * FROM ${tabel}_versie WHERE vastgelegd @> $2::timestamptz AND geldig @> $1::date)`;
}

/** An unversioned table: live, or as the audit trail held it at the moment. */
const tabel = (naam: string, m: Moment) => (m.soort === 'vastgelegd' ? `asof_rows(NULL::${naam}, $2::timestamptz)` : naam);

const params = (m: Moment) => [m.peildatum, m.soort === 'vastgelegd' ? m.tijdstip : 'infinity'];

function standSql(m: Moment) {
  return `
WITH
p AS (SELECT $1::date AS peildatum, $2::timestamptz AS tijdstip),
t AS NOT MATERIALIZED (SELECT id, naam, gemeente_id, status, nieuwe_functie, datum_terinzagelegging, datum_vaststelling,
             netto_verloren_ha, verlies_per_categorie, milieuruimte, geom
      FROM ${bron('transformatie', m)} x WHERE status <> 'vervallen'),
c AS NOT MATERIALIZED (SELECT id, naam, gemeente_id, status, planstatus, milieucategorie_max, oppervlakte_ha, buiten_regio, besluitpunt_datum
      FROM ${bron('compensatie', m)} x WHERE status <> 'vervallen'),
tw AS (SELECT id, compensatie_id, transformatie_id, hectares, bestuursovereenkomst_id FROM ${bron('compensatie_toewijzing', m)} x),
bo AS (SELECT * FROM ${tabel('bestuursovereenkomst', m)}),
beschermd AS (SELECT id, naam, typologie, niet_te_transformeren, geom FROM ${tabel('terrein', m)} x
              WHERE niet_te_transformeren OR typologie = 'matig_gedifferentieerd')
SELECT json_build_object(
  -- Compact rows (a national balance reads thousands): see transformatieDeel for their columns.
  'transformaties', (SELECT coalesce(json_agg(json_build_array(
      t.id, t.naam, t.gemeente_id, g.naam, t.status, t.nieuwe_functie, t.datum_terinzagelegging,
      t.datum_vaststelling, t.netto_verloren_ha, t.verlies_per_categorie, t.milieuruimte) ORDER BY t.id), '[]')
    FROM t JOIN gemeente g ON g.id = t.gemeente_id),
  'compensaties', (SELECT coalesce(json_agg(json_build_array(
      c.id, c.naam, c.gemeente_id, c.status, c.planstatus, c.milieucategorie_max, c.oppervlakte_ha, c.buiten_regio) ORDER BY c.id), '[]')
    FROM c),
  'toewijzingen', (SELECT coalesce(json_agg(json_build_array(
      tw.id, tw.compensatie_id, tw.transformatie_id, tw.hectares, c.gemeente_id, c.besluitpunt_datum,
      tw.bestuursovereenkomst_id, bo.datum_ondertekening) ORDER BY tw.id), '[]')
    FROM tw JOIN c ON c.id = tw.compensatie_id LEFT JOIN bo ON bo.id = tw.bestuursovereenkomst_id),
  'beschermde_terreinen', (SELECT coalesce(json_agg(json_build_object(
      'transformatie_id', t.id, 'transformatie', t.naam, 'id', b.id, 'naam', b.naam, 'typologie', b.typologie,
      'niet_te_transformeren', b.niet_te_transformeren) ORDER BY t.id, b.id), '[]')
    FROM t JOIN beschermd b ON b.geom && t.geom AND ST_Intersects(b.geom, t.geom) AND NOT ST_Touches(b.geom, t.geom)),
  'bestuursovereenkomsten', (SELECT coalesce(json_agg(json_build_object(
      'id', bo.id, 'naam', bo.naam, 'datum_ondertekening', bo.datum_ondertekening, 'basis_pct', bo.basis_pct,
      'maatwerk_bedrag', bo.maatwerk_bedrag,
      'partijen', (SELECT coalesce(json_agg(json_build_object('gemeente', g.naam, 'rol', pt.rol) ORDER BY g.naam), '[]')
                   FROM ${tabel('bestuursovereenkomst_partij', m)} pt JOIN gemeente g ON g.id = pt.gemeente_id
                   WHERE pt.bestuursovereenkomst_id = bo.id),
      'kostenposten', (SELECT coalesce(json_agg(json_build_object('id', k.id, 'categorie', k.categorie, 'bedrag', k.bedrag) ORDER BY k.id), '[]')
                       FROM ${tabel('kostenpost', m)} k WHERE k.bestuursovereenkomst_id = bo.id)) ORDER BY bo.id), '[]')
    FROM bo),
  'regels', (SELECT json_object_agg(code, waarde) FROM balans_regel),
  'eerste_geldig', (SELECT least(
      (SELECT min(lower(geldig)) FROM transformatie_versie), (SELECT min(lower(geldig)) FROM compensatie_versie),
      (SELECT min(lower(geldig)) FROM kavel_versie))),
  'eerste_vastlegging', (SELECT min(tijdstip) FROM audit_log),
  'peildatum', (SELECT peildatum FROM p)
) AS stand`;
}

/** The plancapaciteit's kavels and the demand and supply they are set against. */
function aanbodSql(m: Moment) {
  return `
WITH
p AS (SELECT $1::date AS peildatum, $2::timestamptz AS tijdstip),
kv AS NOT MATERIALIZED (SELECT * FROM ${bron('kavel', m)} x),
ramingen AS (
  -- The latest publication on or before the peildatum, per soort.
  SELECT r.* FROM ${tabel('vraagraming', m)} r
  WHERE r.gemeente_id IS NULL AND coalesce(r.gepubliceerd_op, r.peildatum) = (
    SELECT max(coalesce(r2.gepubliceerd_op, r2.peildatum)) FROM ${tabel('vraagraming', m)} r2
    WHERE r2.gemeente_id IS NULL AND r2.soort = r.soort AND coalesce(r2.gepubliceerd_op, r2.peildatum) <= $1::date)
),
aanbod AS (
  SELECT a.* FROM ${tabel('planaanbod_gepubliceerd', m)} a
  WHERE a.gemeente_id IS NULL AND coalesce(a.gepubliceerd_op, a.peildatum) = (
    SELECT max(coalesce(a2.gepubliceerd_op, a2.peildatum)) FROM ${tabel('planaanbod_gepubliceerd', m)} a2
    WHERE a2.gemeente_id IS NULL AND a2.planstatus = a.planstatus AND coalesce(a2.gepubliceerd_op, a2.peildatum) <= $1::date)
)
SELECT json_build_object(
  -- The kavels of the plancapaciteit grouped by what it tells apart (a national balance
  -- has tens of thousands of them), with their total area and ids.
  'kavels', (SELECT coalesce(json_agg(json_build_array(coalesce(g.naam, 'onbekend'), x.planstatus, x.milieucategorie_max, x.status, x.ha, x.ids)), '[]')
    FROM (SELECT te.gemeente_id, kv.planstatus, kv.milieucategorie_max, kv.status, sum(kv.oppervlakte_ha) AS ha, array_agg(kv.id ORDER BY kv.id) AS ids
          FROM kv LEFT JOIN terrein te ON te.id = kv.terrein_id
          WHERE kv.status IN ('beschikbaar', 'potentieel')
          GROUP BY 1, 2, 3, 4) x
    LEFT JOIN gemeente g ON g.id = x.gemeente_id),
  'ramingen', (SELECT coalesce(json_agg(json_build_object(
      'id', id, 'soort', soort, 'netto_ha_min', netto_ha_min, 'netto_ha_max', netto_ha_max, 'periode_van', periode_van,
      'periode_tot', periode_tot, 'bron', bron, 'peildatum', peildatum, 'gepubliceerd_op', coalesce(gepubliceerd_op, peildatum)) ORDER BY id), '[]')
    FROM ramingen),
  'gepubliceerd', (SELECT coalesce(json_agg(json_build_object(
      'id', id, 'planstatus', planstatus, 'netto_ha', netto_ha, 'bron', bron, 'peildatum', peildatum,
      'gepubliceerd_op', coalesce(gepubliceerd_op, peildatum)) ORDER BY id), '[]')
    FROM aanbod)
) AS stand`;
}

export interface ToewijzingRij extends ToewijzingStand {
  compensatie_gemeente_id: number;
  besluitpunt_datum: string | null;
  bestuursovereenkomst_id: number | null;
  bo_datum_ondertekening: string | null;
}

export interface Raming extends Vraagraming {
  id: number;
  periode_van: number;
  periode_tot: number;
  bron: string;
  peildatum: string;
  gepubliceerd_op: string;
}

export interface Stand {
  transformaties: TransformatieStand[];
  compensaties: CompensatieStand[];
  toewijzingen: ToewijzingRij[];
  kavels: KavelGroep[];
  beschermde_terreinen: { transformatie_id: number; transformatie: string; id: number; naam: string; typologie: string; niet_te_transformeren: boolean }[];
  milieuruimte: MilieuruimteConflict[];
  ramingen: Raming[];
  gepubliceerd: { id: number; planstatus: 'hard' | 'zacht'; netto_ha: number; bron: string; peildatum: string; gepubliceerd_op: string }[];
  bestuursovereenkomsten: {
    id: number; naam: string; datum_ondertekening: string | null; basis_pct: number; maatwerk_bedrag: number | null;
    partijen: { gemeente: string; rol: PartijRol }[]; kostenposten: { id: number; categorie: string; bedrag: number }[];
  }[];
  regels: Record<string, unknown>;
  /** The earliest date any version is valid from; before it the history is empty. */
  eerste_geldig: string | null;
  /** The first record of the audit trail: before it the system held nothing. */
  eerste_vastlegging: string | null;
}

// The compact rows as read (see standSql), column by column.
type TransformatieRij = [number, string, number, string, string, string, string | null, string | null, number | null, TransformatieStand['verlies_per_categorie'],
  Pick<MilieuruimteConflict, 'kavels' | 'per_categorie'> | null];
type CompensatieRij = [number, string, number, string, string, string | null, number, boolean];
type ToewijzingTuple = [number, number, number, number, number, string | null, number | null, string | null];
type KavelGroepRij = [string, 'hard' | 'zacht', string, string, number, number[]];

export interface LeesOpties {
  /**
   * The request's session, read in the same statements (server/auth/sessions.ts): they
   * make their figures only for an open session, which is checked before they are used.
   */
  sessie?: SessieInStatement;
  /**
   * Named prepared statements for now and a peildatum (server/db/prepared.ts), planned
   * once per connection: at region scale planning costs more than running (embedded:
   * 5 ms to plan the transformatie side, 6 to run it; PostgreSQL 4.4 ms against 0.7).
   * A recorded moment (vastgelegd) is rare and planned per call.
   */
  prepare?: boolean;
}

/** What the transformatie side of the balance reads (everything but the kavels and demand and supply). */
export type TransformatieDeel = Omit<Stand, 'kavels' | 'ramingen' | 'gepubliceerd'>;
/** The kavels of the plancapaciteit and the demand and supply they are set against. */
export type AanbodDeel = Pick<Stand, 'kavels' | 'ramingen' | 'gepubliceerd'>;

/**
 * The two reads, sent at once (see the head of this file). The aanbod's promise never
 * rejects unhandled while the caller is still busy with the transformatie side.
 */
export function leesDelen(db: Queryable, m: Moment, { prepare = false, sessie }: LeesOpties = {}): { transformaties: Promise<TransformatieDeel>; aanbod: Promise<AanbodDeel> } {
  const prepared = prepare && m.soort !== 'vastgelegd';
  // The columns of a statement, behind the session when there is one; a row's figures
  // are used only once its session is confirmed (gelezen throws otherwise).
  const lees = <R extends pg.QueryResultRow>(kolommen: Record<string, string>) => leesMetSessie<R>(db, prepared, kolommen, params(m), sessie);
  let transformaties: Promise<GelezenTransformaties>;
  let aanbod: Promise<GelezenAanbod>;
  if (zijAanZij(db)) {
    aanbod = lees<{ aanbod: GelezenAanbod }>({ aanbod: aanbodSql(m) }).then((r) => r.aanbod);
    transformaties = lees<{ stand: GelezenTransformaties }>({ stand: standSql(m) }).then((r) => r.stand);
  } else {
    // One connection (the embedded database, a transaction): one round trip for both.
    const beide = lees<{ stand: GelezenTransformaties; aanbod: GelezenAanbod }>({ stand: standSql(m), aanbod: aanbodSql(m) });
    aanbod = beide.then((r) => r.aanbod);
    transformaties = beide.then((r) => r.stand);
  }
  const deel = { transformaties: transformaties.then(transformatieDeel), aanbod: aanbod.then(aanbodDeel) };
  // The caller awaits the aanbod only after the transformatie side: no unhandled rejection meanwhile.
  deel.aanbod.catch(() => undefined);
  return deel;
}

/** Whether two statements can run at once: a pool of more than one connection. */
const zijAanZij = (db: Queryable) => 'totalCount' in db && (db.options.max ?? 10) > 1;

type GelezenTransformaties = Omit<TransformatieDeel, 'transformaties' | 'compensaties' | 'toewijzingen' | 'milieuruimte'> & {
  transformaties: TransformatieRij[]; compensaties: CompensatieRij[]; toewijzingen: ToewijzingTuple[];
};
type GelezenAanbod = Pick<Stand, 'ramingen' | 'gepubliceerd'> & { kavels: KavelGroepRij[] };

/** The compact rows as objects (object literals, not built key by key: the KPIs read them tens of thousands of times). */
const transformatieDeel = (s: GelezenTransformaties): TransformatieDeel => ({
  ...s,
  transformaties: s.transformaties.map(([id, naam, gemeente_id, gemeente, status, nieuwe_functie, datum_terinzagelegging, datum_vaststelling,
    netto_verloren_ha, verlies_per_categorie]) => ({
    id, naam, gemeente_id, gemeente, status, nieuwe_functie, datum_terinzagelegging, datum_vaststelling, netto_verloren_ha, verlies_per_categorie,
  })),
  // Stored per transformatie (migration 011): the kavels its housing takes milieuruimte from.
  milieuruimte: s.transformaties.filter((t) => t[10] !== null).map(([id, naam, , , , nieuwe_functie, , , , , mr]) => ({
    transformatie_id: id, naam, nieuwe_functie: nieuwe_functie as MilieuruimteConflict['nieuwe_functie'], kavels: mr!.kavels, per_categorie: mr!.per_categorie,
  })),
  compensaties: s.compensaties.map(([id, naam, gemeente_id, status, planstatus, milieucategorie_max, oppervlakte_ha, buiten_regio]) => ({
    id, naam, gemeente_id, status, planstatus, milieucategorie_max, oppervlakte_ha, buiten_regio,
  })),
  toewijzingen: s.toewijzingen.map(([id, compensatie_id, transformatie_id, hectares, compensatie_gemeente_id, besluitpunt_datum,
    bestuursovereenkomst_id, bo_datum_ondertekening]) => ({
    id, compensatie_id, transformatie_id, hectares, compensatie_gemeente_id, besluitpunt_datum, bestuursovereenkomst_id, bo_datum_ondertekening,
  })),
});

const aanbodDeel = (a: GelezenAanbod): AanbodDeel => ({
  ...a,
  kavels: a.kavels.map(([gemeente, planstatus, milieucategorie_max, status, oppervlakte_ha, ids]) => ({
    gemeente, planstatus, milieucategorie_max, status, oppervlakte_ha, ids,
  })),
});

/** Everything the balance reads on the moment. */
export async function leesStand(db: Queryable, m: Moment, opties: LeesOpties = {}): Promise<Stand> {
  const delen = leesDelen(db, m, opties);
  const [transformaties, aanbod] = await Promise.all([delen.transformaties, delen.aanbod]);
  return { ...transformaties, ...aanbod };
}

/** When the audit trail starts (null: empty database). */
export async function eersteVastlegging(db: Queryable): Promise<string | null> {
  const { rows } = await db.query<{ t: Date | null }>(`SELECT min(tijdstip) AS t FROM audit_log`);
  return rows[0].t ? rows[0].t.toISOString() : null;
}
