// The monitor's measurements, all from one snapshot: every table is read through
// asof_rows(…, ts), which rebuilds it from the audit trail, so "now" and any
// peildatum share one code path. Overlays pass the 1 mm grid size.
import type pg from 'pg';

export type Queryable = pg.Pool | pg.PoolClient;

const SQL = `
WITH
t AS (SELECT id, naam, gemeente_id, status, nieuwe_functie, datum_terinzagelegging, geom
      FROM asof_rows(NULL::transformatie, $1::timestamptz) WHERE status <> 'vervallen'),
kv AS (SELECT id, terrein_id, status, planstatus, milieucategorie_max, geom FROM asof_rows(NULL::kavel, $1::timestamptz)),
te AS (SELECT id, naam, gemeente_id, typologie, niet_te_transformeren, geom FROM asof_rows(NULL::terrein, $1::timestamptz)),
land AS (SELECT geom FROM te UNION ALL SELECT geom FROM kv),
op AS (
  SELECT t.*, (SELECT ST_UnaryUnion(ST_Collect(ST_Intersection(l.geom, t.geom, 0.001)), 0.001)
               FROM land l WHERE l.geom && t.geom AND ST_Intersects(l.geom, t.geom)) AS op_grond
  FROM t),
net AS (
  -- Overlaps between transformaties count once: the older (lower id) one holds them.
  SELECT op.*, CASE WHEN op.op_grond IS NULL THEN NULL ELSE coalesce(ST_Difference(op.op_grond,
           (SELECT ST_UnaryUnion(ST_Collect(o.geom), 0.001) FROM t o
            WHERE o.id < op.id AND o.geom && op.geom AND ST_Intersects(o.geom, op.geom)), 0.001), op.op_grond) END AS netto
  FROM op),
c AS (SELECT id, naam, gemeente_id, status, planstatus, milieucategorie_max, besluitpunt_datum, geom
      FROM asof_rows(NULL::compensatie, $1::timestamptz) WHERE status <> 'vervallen'),
regio AS (SELECT ST_Union(geom, 0.001) AS geom FROM gemeente WHERE in_regio),
tw AS (SELECT * FROM asof_rows(NULL::compensatie_toewijzing, $1::timestamptz)),
bo AS (SELECT * FROM asof_rows(NULL::bestuursovereenkomst, $1::timestamptz))
SELECT json_build_object(
  'transformaties', (SELECT coalesce(json_agg(json_build_object(
      'id', net.id, 'naam', net.naam, 'gemeente_id', net.gemeente_id, 'gemeente', g.naam, 'status', net.status,
      'nieuwe_functie', net.nieuwe_functie, 'datum_terinzagelegging', net.datum_terinzagelegging,
      'netto_ha', coalesce(ST_Area(net.netto), 0) / 10000, 'ewkt', ST_AsEWKT(net.geom)) ORDER BY net.id), '[]')
    FROM net JOIN gemeente g ON g.id = net.gemeente_id),
  'aantal_transformaties', (SELECT count(*) FROM t),
  'verlies_per_categorie', (SELECT coalesce(json_agg(x), '[]') FROM (
      SELECT kv.milieucategorie_max AS milieucategorie, sum(ST_Area(ST_Intersection(net.netto, kv.geom, 0.001))) / 10000 AS ha,
             array_agg(DISTINCT net.id) AS transformatie_ids, array_agg(DISTINCT kv.id) AS kavel_ids
      FROM net JOIN kv ON net.netto IS NOT NULL AND kv.geom && net.netto AND ST_Intersects(kv.geom, net.netto)
      GROUP BY kv.milieucategorie_max) x),
  'compensaties', (SELECT coalesce(json_agg(json_build_object(
      'id', c.id, 'naam', c.naam, 'gemeente_id', c.gemeente_id, 'status', c.status, 'planstatus', c.planstatus,
      'milieucategorie_max', c.milieucategorie_max, 'ha', ST_Area(c.geom) / 10000,
      'buiten_regio', NOT coalesce(g.in_regio, false) OR NOT ST_CoveredBy(c.geom, ST_Buffer((SELECT geom FROM regio), 1)))
      ORDER BY c.id), '[]')
    FROM c LEFT JOIN gemeente g ON g.id = c.gemeente_id),
  'toewijzingen', (SELECT coalesce(json_agg(json_build_object(
      'id', tw.id, 'compensatie_id', tw.compensatie_id, 'transformatie_id', tw.transformatie_id, 'hectares', tw.hectares,
      'compensatie_gemeente_id', c.gemeente_id, 'besluitpunt_datum', c.besluitpunt_datum,
      'bestuursovereenkomst_id', tw.bestuursovereenkomst_id, 'bo_datum_ondertekening', bo.datum_ondertekening) ORDER BY tw.id), '[]')
    FROM tw JOIN c ON c.id = tw.compensatie_id JOIN t ON t.id = tw.transformatie_id
    LEFT JOIN bo ON bo.id = tw.bestuursovereenkomst_id),
  'plancapaciteit', (SELECT coalesce(json_agg(x), '[]') FROM (
      SELECT kv.planstatus, kv.milieucategorie_max AS milieucategorie, g.naam AS gemeente, kv.status,
             sum(ST_Area(kv.geom)) / 10000 AS ha, array_agg(kv.id ORDER BY kv.id) AS kavel_ids
      FROM kv JOIN te ON te.id = kv.terrein_id JOIN gemeente g ON g.id = te.gemeente_id
      WHERE kv.status IN ('beschikbaar', 'potentieel')
      GROUP BY kv.planstatus, kv.milieucategorie_max, g.naam, kv.status) x),
  'beschermde_terreinen', (SELECT coalesce(json_agg(x), '[]') FROM (
      SELECT t.id AS transformatie_id, t.naam AS transformatie, te.id, te.naam, te.typologie, te.niet_te_transformeren
      FROM t JOIN te ON te.geom && t.geom AND ST_Intersects(te.geom, t.geom) AND NOT ST_Touches(te.geom, t.geom)
      WHERE te.niet_te_transformeren OR te.typologie = 'matig_gedifferentieerd') x),
  'ramingen', (SELECT coalesce(json_agg(x), '[]') FROM (
      SELECT id, soort, netto_ha_min, netto_ha_max, periode_van, periode_tot, bron, peildatum
      FROM asof_rows(NULL::vraagraming, $1::timestamptz) WHERE gemeente_id IS NULL) x),
  'gepubliceerd', (SELECT coalesce(json_agg(x), '[]') FROM (
      SELECT id, planstatus, netto_ha, bron, peildatum FROM asof_rows(NULL::planaanbod_gepubliceerd, $1::timestamptz)
      WHERE gemeente_id IS NULL) x),
  'bestuursovereenkomsten', (SELECT coalesce(json_agg(json_build_object(
      'id', bo.id, 'naam', bo.naam, 'datum_ondertekening', bo.datum_ondertekening, 'basis_pct', bo.basis_pct,
      'maatwerk_bedrag', bo.maatwerk_bedrag,
      'partijen', (SELECT coalesce(json_agg(json_build_object('gemeente', g.naam, 'rol', p.rol) ORDER BY g.naam), '[]')
                   FROM asof_rows(NULL::bestuursovereenkomst_partij, $1::timestamptz) p JOIN gemeente g ON g.id = p.gemeente_id
                   WHERE p.bestuursovereenkomst_id = bo.id),
      'kostenposten', (SELECT coalesce(json_agg(json_build_object('id', k.id, 'categorie', k.categorie, 'bedrag', k.bedrag) ORDER BY k.id), '[]')
                       FROM asof_rows(NULL::kostenpost, $1::timestamptz) k WHERE k.bestuursovereenkomst_id = bo.id)) ORDER BY bo.id), '[]')
    FROM bo),
  'regels', (SELECT json_object_agg(code, waarde) FROM balans_regel)
) AS snapshot`;

export interface Snapshot {
  transformaties: {
    id: number; naam: string; gemeente_id: number; gemeente: string; status: string; nieuwe_functie: string;
    datum_terinzagelegging: string | null; netto_ha: number; ewkt: string;
  }[];
  aantal_transformaties: number;
  verlies_per_categorie: { milieucategorie: string; ha: number; transformatie_ids: number[]; kavel_ids: number[] }[];
  compensaties: {
    id: number; naam: string; gemeente_id: number; status: string; planstatus: string; milieucategorie_max: string | null;
    ha: number; buiten_regio: boolean;
  }[];
  toewijzingen: {
    id: number; compensatie_id: number; transformatie_id: number; hectares: number; compensatie_gemeente_id: number;
    besluitpunt_datum: string | null; bestuursovereenkomst_id: number | null; bo_datum_ondertekening: string | null;
  }[];
  plancapaciteit: { planstatus: 'hard' | 'zacht'; milieucategorie: string; gemeente: string; status: string; ha: number; kavel_ids: number[] }[];
  beschermde_terreinen: { transformatie_id: number; transformatie: string; id: number; naam: string; typologie: string; niet_te_transformeren: boolean }[];
  ramingen: { id: number; soort: 'uitbreidingsvraag' | 'vervangingsvraag'; netto_ha_min: number; netto_ha_max: number; periode_van: number; periode_tot: number; bron: string; peildatum: string }[];
  gepubliceerd: { id: number; planstatus: 'hard' | 'zacht'; netto_ha: number; bron: string; peildatum: string }[];
  bestuursovereenkomsten: {
    id: number; naam: string; datum_ondertekening: string | null; basis_pct: number; maatwerk_bedrag: number | null;
    partijen: { gemeente: string; rol: string }[]; kostenposten: { id: number; categorie: string; bedrag: number }[];
  }[];
  regels: Record<string, unknown>;
}

export async function readSnapshot(db: Queryable, ts: string): Promise<Snapshot> {
  const { rows } = await db.query<{ snapshot: Snapshot }>(SQL, [ts]);
  const snapshot = rows[0]?.snapshot;
  // Guard against overlays that silently lost rows (see README, embedded database).
  if (!snapshot || snapshot.transformaties.length !== Number(snapshot.aantal_transformaties)) {
    throw new Error('balans: de berekening in PostGIS gaf een onvolledig resultaat');
  }
  return snapshot;
}
