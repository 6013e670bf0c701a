// SQL of the meetings and their frozen snapshots (tables vergadering,
// vergadering_snapshot, vergadering_snapshot_record of migration 022).
//
// The records behind a snapshot are one set, whether it is frozen or live: for the
// versioned tables the version rows valid on the peildatum (migration 012), for the
// unversioned polygon tables a copy of the polygon with what the map shows of it, and
// for the other tables the record's version. The same SELECT fills a snapshot, draws the
// live map of a meeting, and is read back to draw and compare frozen ones.
import type pg from 'pg';
import type { Kaart } from './schemas.ts';

type Queryable = Pick<pg.PoolClient, 'query'>;

export const VERSIE_TABELLEN = ['transformatie', 'compensatie', 'kavel', 'compensatie_toewijzing'] as const;

/** Every record the monitor and the map use on the peildatum ($1). Columns as in vergadering_snapshot_record. */
const RECORDS_OP_PEILDATUM = `
  SELECT 'transformatie' AS tabel, id AS record_id, versie_id, NULL::integer AS version, NULL::geometry AS geom, NULL::jsonb AS eigenschappen
  FROM transformatie_versie WHERE upper_inf(vastgelegd) AND geldig @> $1::date
  UNION ALL
  SELECT 'compensatie', id, versie_id, NULL, NULL, NULL FROM compensatie_versie WHERE upper_inf(vastgelegd) AND geldig @> $1::date
  UNION ALL
  SELECT 'kavel', id, versie_id, NULL, NULL, NULL FROM kavel_versie WHERE upper_inf(vastgelegd) AND geldig @> $1::date
  UNION ALL
  SELECT 'compensatie_toewijzing', id, versie_id, NULL, NULL, NULL FROM compensatie_toewijzing_versie WHERE upper_inf(vastgelegd) AND geldig @> $1::date
  UNION ALL
  SELECT 'terrein', t.id, NULL, t.version, t.geom, jsonb_build_object('naam', t.naam, 'naam_bekend', t.naam_bekend,
    'gemeente_id', t.gemeente_id, 'gemeente', g.naam, 'typologie', t.typologie, 'niet_te_transformeren', t.niet_te_transformeren,
    'milieucategorie_min', t.milieucategorie_min, 'milieucategorie_max', t.milieucategorie_max, 'bron', t.bron)
  FROM terrein t JOIN gemeente g ON g.id = t.gemeente_id
  UNION ALL
  SELECT 'gemeente', g.id, NULL, g.version, g.geom, jsonb_build_object('naam', g.naam, 'code', g.code, 'in_regio', g.in_regio, 'bron', g.bron)
  FROM gemeente g
  UNION ALL
  SELECT 'kanszone', k.id, NULL, k.version, k.geom, jsonb_build_object('naam', k.naam, 'gemeente_id', k.gemeente_id, 'gemeente', g.naam,
    'terrein_id', k.terrein_id, 'soort', k.soort, 'bron', k.bron)
  FROM kanszone k JOIN gemeente g ON g.id = k.gemeente_id
  UNION ALL
  SELECT 'bestuursovereenkomst', b.id, NULL, b.version, NULL, jsonb_build_object('naam', b.naam, 'datum_ondertekening', b.datum_ondertekening)
  FROM bestuursovereenkomst b
  UNION ALL
  SELECT 'kostenpost', k.id, NULL, k.version, NULL, jsonb_build_object('bestuursovereenkomst_id', k.bestuursovereenkomst_id,
    'categorie', k.categorie, 'bedrag', k.bedrag)
  FROM kostenpost k
  UNION ALL
  SELECT 'vraagraming', r.id, NULL, r.version, NULL, jsonb_build_object('soort', r.soort, 'netto_ha_min', r.netto_ha_min,
    'netto_ha_max', r.netto_ha_max, 'bron', r.bron, 'peildatum', r.peildatum)
  FROM vraagraming r
  UNION ALL
  SELECT 'planaanbod_gepubliceerd', p.id, NULL, p.version, NULL, jsonb_build_object('planstatus', p.planstatus, 'netto_ha', p.netto_ha,
    'bron', p.bron, 'peildatum', p.peildatum)
  FROM planaanbod_gepubliceerd p
  UNION ALL
  SELECT 'advies', a.id, NULL, a.version, NULL, jsonb_build_object('titel', a.titel, 'type', a.type, 'besluit', a.besluit)
  FROM advies a`;

/** The records of a frozen snapshot ($1 = snapshot id), or live on a peildatum ($1 = date). */
export type RecordBron = { soort: 'snapshot'; snapshotId: number } | { soort: 'live'; peildatum: string };

const recordsCte = (bron: RecordBron) =>
  bron.soort === 'snapshot'
    ? `SELECT tabel, record_id, versie_id, version, geom, eigenschappen FROM vergadering_snapshot_record WHERE snapshot_id = $1`
    : RECORDS_OP_PEILDATUM;
const recordsParam = (bron: RecordBron) => (bron.soort === 'snapshot' ? bron.snapshotId : bron.peildatum);

/** The list of records as the kenmerk covers them: tabel, id, version row or version, and a hash of a copied polygon. */
export async function recordLijst(db: Queryable, bron: RecordBron) {
  const { rows } = await db.query<{ tabel: string; record_id: number; versie_id: number | null; version: number | null; geom: string | null; eigenschappen: unknown }>(
    `SELECT tabel, record_id, versie_id, version, md5(ST_AsBinary(geom)) AS geom, eigenschappen
     FROM (${recordsCte(bron)}) r ORDER BY tabel, record_id`,
    [recordsParam(bron)],
  );
  return rows;
}

/** Freezes the records of the peildatum into a snapshot, inside the freezing transaction. */
export async function bewaarRecords(db: Queryable, snapshotId: number, peildatum: string): Promise<number> {
  const { rowCount } = await db.query(
    `INSERT INTO vergadering_snapshot_record (snapshot_id, tabel, record_id, versie_id, version, geom, eigenschappen)
     SELECT $2::integer, tabel, record_id, versie_id, version, geom, eigenschappen FROM (${RECORDS_OP_PEILDATUM}) r`,
    [peildatum, snapshotId],
  );
  return rowCount ?? 0;
}

/** Where the region's records come from, per table and source (the report's sources). */
export async function bronnen(db: Queryable): Promise<{ tabel: string; bron: string; aantal: number }[]> {
  const { rows } = await db.query<{ tabel: string; bron: string; aantal: number }>(`
    SELECT tabel, bron, aantal FROM (
      SELECT 'gemeente' AS tabel, bron, count(*)::int AS aantal FROM gemeente WHERE in_regio GROUP BY bron
      UNION ALL SELECT 'terrein', bron, count(*)::int FROM terrein GROUP BY bron
      UNION ALL SELECT 'kavel', bron, count(*)::int FROM kavel GROUP BY bron
      UNION ALL SELECT 'kanszone', bron, count(*)::int FROM kanszone GROUP BY bron
      UNION ALL SELECT 'transformatie', bron, count(*)::int FROM transformatie GROUP BY bron
      UNION ALL SELECT 'compensatie', bron, count(*)::int FROM compensatie GROUP BY bron
    ) b ORDER BY tabel, bron`);
  return rows;
}

// ---- the map ----

const feature = (id: string, geom: string, props: string) =>
  `json_build_object('type', 'Feature', 'id', ${id}, 'geometry', ST_AsGeoJSON(ST_Transform(${geom}, 4326), 6)::json, 'properties', ${props})`;
const collectie = (features: string, from: string, order: string) =>
  `(SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(${features} ORDER BY ${order}), '[]')) ${from})`;

/**
 * The layers as GeoJSON (WGS84), with the property names of the live layers, from a set
 * of records; `alleen` limits them to some records ("tabel:id").
 */
function kaartSql(bron: RecordBron, alleen: boolean) {
  const filter = alleen ? `AND (r.tabel || ':' || r.record_id) = ANY($2::text[])` : '';
  const vlak = (tabel: string) => collectie(
    feature('r.record_id', 'r.geom', `(r.eigenschappen || jsonb_build_object('id', r.record_id, 'oppervlakte_ha', ST_Area(r.geom) / 10000, 'version', r.version))::json`),
    `FROM rec r WHERE r.tabel = '${tabel}' ${filter}`, 'r.record_id');
  return `
WITH rec AS (${recordsCte(bron)}),
gem AS (SELECT record_id AS id, eigenschappen->>'naam' AS naam FROM rec WHERE tabel = 'gemeente'),
ter AS (SELECT record_id AS id, eigenschappen FROM rec WHERE tabel = 'terrein')
SELECT json_build_object(
  'gemeenten', ${vlak('gemeente')},
  'terreinen', ${vlak('terrein')},
  'kanszones', ${vlak('kanszone')},
  'kavels', ${collectie(feature('x.id', 'x.geom', `json_build_object('id', x.id, 'naam', x.naam, 'terrein_id', x.terrein_id,
      'gemeente', ter.eigenschappen->>'gemeente', 'status', x.status, 'planstatus', x.planstatus, 'milieucategorie_max', x.milieucategorie_max,
      'oppervlakte_ha', x.oppervlakte_ha, 'versie_id', x.versie_id)`),
    `FROM rec r JOIN kavel_versie x ON x.versie_id = r.versie_id LEFT JOIN ter ON ter.id = x.terrein_id WHERE r.tabel = 'kavel' ${filter}`, 'x.id')},
  'transformaties', ${collectie(feature('x.id', 'x.geom', `json_build_object('id', x.id, 'naam', x.naam, 'gemeente_id', x.gemeente_id,
      'gemeente', gem.naam, 'status', x.status, 'nieuwe_functie', x.nieuwe_functie, 'netto_verloren_ha', x.netto_verloren_ha,
      'oppervlakte_ha', x.oppervlakte_ha, 'versie_id', x.versie_id)`),
    `FROM rec r JOIN transformatie_versie x ON x.versie_id = r.versie_id LEFT JOIN gem ON gem.id = x.gemeente_id WHERE r.tabel = 'transformatie' ${filter}`, 'x.id')},
  'compensaties', ${collectie(feature('x.id', 'x.geom', `json_build_object('id', x.id, 'naam', x.naam, 'gemeente_id', x.gemeente_id,
      'gemeente', gem.naam, 'status', x.status, 'planstatus', x.planstatus, 'milieucategorie_max', x.milieucategorie_max,
      'oppervlakte_ha', x.oppervlakte_ha, 'versie_id', x.versie_id)`),
    `FROM rec r JOIN compensatie_versie x ON x.versie_id = r.versie_id LEFT JOIN gem ON gem.id = x.gemeente_id WHERE r.tabel = 'compensatie' ${filter}`, 'x.id')}
) AS kaart`;
}

export const KAART_LAGEN = ['gemeenten', 'terreinen', 'kanszones', 'kavels', 'transformaties', 'compensaties'] as const;

export async function kaart(db: Queryable, bron: RecordBron, alleen?: string[]): Promise<Kaart> {
  const { rows } = await db.query<{ kaart: Kaart }>(kaartSql(bron, !!alleen), alleen ? [recordsParam(bron), alleen] : [recordsParam(bron)]);
  return rows[0].kaart;
}

// ---- the comparison's view of the records ----

const VERGELIJK_SQL = `
WITH rec AS (SELECT tabel, record_id, versie_id, version, geom, eigenschappen FROM vergadering_snapshot_record WHERE snapshot_id = $1),
gem AS (SELECT record_id AS id, eigenschappen->>'naam' AS naam FROM rec WHERE tabel = 'gemeente'),
ter AS (SELECT record_id AS id, eigenschappen FROM rec WHERE tabel = 'terrein'),
tv AS (SELECT x.* FROM rec r JOIN transformatie_versie x ON x.versie_id = r.versie_id WHERE r.tabel = 'transformatie'),
cv AS (SELECT x.* FROM rec r JOIN compensatie_versie x ON x.versie_id = r.versie_id WHERE r.tabel = 'compensatie')
SELECT coalesce(json_agg(v), '[]') AS records FROM (
  SELECT 'transformatie' AS tabel, x.id, x.naam, gem.naam AS gemeente, x.netto_verloren_ha AS ha,
    jsonb_build_object('naam', x.naam, 'gemeente_id', x.gemeente_id, 'nieuwe_functie', x.nieuwe_functie, 'status', x.status,
      'datum_terinzagelegging', x.datum_terinzagelegging, 'datum_vaststelling', x.datum_vaststelling,
      'netto_verloren_ha', x.netto_verloren_ha, 'geometrie', md5(ST_AsBinary(x.geom))) AS velden
  FROM tv x LEFT JOIN gem ON gem.id = x.gemeente_id
  UNION ALL
  SELECT 'compensatie', x.id, x.naam, gem.naam, x.oppervlakte_ha,
    jsonb_build_object('naam', x.naam, 'gemeente_id', x.gemeente_id, 'status', x.status, 'planstatus', x.planstatus,
      'milieucategorie_max', x.milieucategorie_max, 'besluitpunt_datum', x.besluitpunt_datum, 'buiten_regio', x.buiten_regio,
      'geometrie', md5(ST_AsBinary(x.geom)))
  FROM cv x LEFT JOIN gem ON gem.id = x.gemeente_id
  UNION ALL
  SELECT 'kavel', x.id, coalesce(x.naam, 'Kavel ' || x.id), ter.eigenschappen->>'gemeente', x.oppervlakte_ha,
    jsonb_build_object('naam', x.naam, 'terrein_id', x.terrein_id, 'status', x.status, 'planstatus', x.planstatus,
      'milieucategorie_max', x.milieucategorie_max, 'geometrie', md5(ST_AsBinary(x.geom)))
  FROM rec r JOIN kavel_versie x ON x.versie_id = r.versie_id LEFT JOIN ter ON ter.id = x.terrein_id WHERE r.tabel = 'kavel'
  UNION ALL
  SELECT 'compensatie_toewijzing', x.id, coalesce(cv.naam, 'compensatie ' || x.compensatie_id) || ' → ' || coalesce(tv.naam, 'transformatie ' || x.transformatie_id),
    gem.naam, x.hectares,
    jsonb_build_object('compensatie_id', x.compensatie_id, 'transformatie_id', x.transformatie_id, 'hectares', x.hectares,
      'bestuursovereenkomst_id', x.bestuursovereenkomst_id)
  FROM rec r JOIN compensatie_toewijzing_versie x ON x.versie_id = r.versie_id
  LEFT JOIN cv ON cv.id = x.compensatie_id LEFT JOIN tv ON tv.id = x.transformatie_id LEFT JOIN gem ON gem.id = tv.gemeente_id
  WHERE r.tabel = 'compensatie_toewijzing'
  UNION ALL
  SELECT r.tabel, r.record_id, coalesce(r.eigenschappen->>'naam', r.eigenschappen->>'titel'), r.eigenschappen->>'gemeente',
    CASE WHEN r.geom IS NOT NULL THEN ST_Area(r.geom) / 10000 END,
    r.eigenschappen || jsonb_build_object('version', r.version) ||
      CASE WHEN r.geom IS NOT NULL THEN jsonb_build_object('geometrie', md5(ST_AsBinary(r.geom))) ELSE '{}'::jsonb END
  FROM rec r WHERE r.versie_id IS NULL
) v`;

export async function vergelijkRecords(db: Queryable, snapshotId: number) {
  const { rows } = await db.query<{ records: { tabel: string; id: number; naam: string | null; gemeente: string | null; ha: number | null; velden: Record<string, string | number | boolean | null> }[] }>(
    VERGELIJK_SQL, [snapshotId],
  );
  return rows[0].records;
}

// ---- meetings and snapshots ----

export interface SnapshotMeta {
  id: number;
  volgnummer: number;
  peildatum: string;
  bevroren_op: string;
  bevroren_door: string | null;
  kenmerk: string;
}

export interface VergaderingRij {
  id: number;
  datum: string;
  gremium: 'stuurgroep' | 'werkgroep';
  titel: string;
  peildatum: string | null;
  locatie: string | null;
  version: number;
  adviezen: number;
  snapshots: SnapshotMeta[];
}

const VERGADERING_JSON = `json_build_object(
  'id', v.id, 'datum', v.datum, 'gremium', v.gremium, 'titel', v.titel, 'peildatum', v.peildatum, 'locatie', v.locatie, 'version', v.version,
  'adviezen', (SELECT count(*) FROM advies a WHERE a.vergadering_id = v.id),
  'snapshots', (SELECT coalesce(json_agg(json_build_object('id', s.id, 'volgnummer', s.volgnummer, 'peildatum', s.peildatum,
      'bevroren_op', s.bevroren_op, 'bevroren_door', acc.naam, 'kenmerk', s.kenmerk) ORDER BY s.volgnummer DESC), '[]')
    FROM vergadering_snapshot s LEFT JOIN account acc ON acc.id = s.bevroren_door WHERE s.vergadering_id = v.id))`;

/** Meetings, the latest first, each with its snapshots (the latest first). */
export async function leesVergaderingen(db: Queryable, id?: number): Promise<VergaderingRij[]> {
  const { rows } = await db.query<{ v: VergaderingRij[] }>(
    `SELECT coalesce(json_agg(${VERGADERING_JSON} ORDER BY v.datum DESC, v.id DESC), '[]') AS v FROM vergadering v
     ${id === undefined ? '' : 'WHERE v.id = $1'}`,
    id === undefined ? [] : [id],
  );
  return rows[0].v;
}

export async function voegVergaderingToe(db: Queryable, v: { datum: string; gremium: string; titel: string; peildatum: string | null; locatie: string | null }) {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO vergadering (datum, gremium, titel, peildatum, locatie) VALUES ($1::date, $2, $3, $4::date, $5) RETURNING id`,
    [v.datum, v.gremium, v.titel, v.peildatum, v.locatie],
  );
  return rows[0].id;
}

export async function vergrendelVergadering(db: Queryable, id: number) {
  const { rows } = await db.query<{ id: number; datum: string; gremium: string; titel: string; peildatum: string | null; locatie: string | null; version: number }>(
    `SELECT id, datum, gremium, titel, peildatum, locatie, version FROM vergadering WHERE id = $1 FOR UPDATE`, [id],
  );
  return rows[0] ?? null;
}

/** Sets the given columns (names from the service's fixed list, never from the request). */
export async function wijzigVergaderingKolommen(db: Queryable, id: number, kolommen: Record<string, unknown>) {
  const namen = Object.keys(kolommen);
  if (!namen.length) return;
  await db.query(`UPDATE vergadering SET ${namen.map((n, i) => `${n} = $${i + 2}`).join(', ')} WHERE id = $1`, [id, ...namen.map((n) => kolommen[n])]);
}

export async function gebruik(db: Queryable, id: number) {
  const { rows } = await db.query<{ snapshots: number; adviezen: number }>(
    `SELECT (SELECT count(*) FROM vergadering_snapshot WHERE vergadering_id = $1)::int AS snapshots,
            (SELECT count(*) FROM advies WHERE vergadering_id = $1)::int AS adviezen`, [id]);
  return rows[0];
}

export async function verwijderVergadering(db: Queryable, id: number) {
  await db.query(`DELETE FROM vergadering WHERE id = $1`, [id]);
}

export async function volgendVolgnummer(db: Queryable, vergaderingId: number): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT coalesce(max(volgnummer), 0)::int + 1 AS n FROM vergadering_snapshot WHERE vergadering_id = $1`, [vergaderingId]);
  return rows[0].n;
}

export async function voegSnapshotToe(db: Queryable, s: { vergaderingId: number; volgnummer: number; peildatum: string; door: number; inhoud: string; kenmerk: string }) {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO vergadering_snapshot (vergadering_id, volgnummer, peildatum, bevroren_door, inhoud, kenmerk)
     VALUES ($1, $2, $3::date, $4, $5::json, $6) RETURNING id`,
    [s.vergaderingId, s.volgnummer, s.peildatum, s.door, s.inhoud, s.kenmerk],
  );
  return rows[0].id;
}

export interface SnapshotRij extends SnapshotMeta {
  vergadering_id: number;
  inhoud: unknown;
}

/** A snapshot of a meeting: the one asked for, or its latest. */
export async function leesSnapshot(db: Queryable, vergaderingId: number, snapshotId?: number): Promise<SnapshotRij | null> {
  const { rows } = await db.query<SnapshotRij>(
    `SELECT s.id, s.vergadering_id, s.volgnummer, s.peildatum, to_json(s.bevroren_op) #>> '{}' AS bevroren_op, acc.naam AS bevroren_door,
            s.kenmerk, s.inhoud
     FROM vergadering_snapshot s LEFT JOIN account acc ON acc.id = s.bevroren_door
     WHERE s.vergadering_id = $1 ${snapshotId === undefined ? '' : 'AND s.id = $2'}
     ORDER BY s.volgnummer DESC LIMIT 1`,
    snapshotId === undefined ? [vergaderingId] : [vergaderingId, snapshotId],
  );
  return rows[0] ?? null;
}

/** The records of a snapshot as references: the version row or the version. */
export async function snapshotRecords(db: Queryable, snapshotId: number) {
  const { rows } = await db.query<{ tabel: string; id: number; versie_id: number | null; version: number | null }>(
    `SELECT tabel, record_id AS id, versie_id, version FROM vergadering_snapshot_record WHERE snapshot_id = $1 ORDER BY tabel, record_id`,
    [snapshotId],
  );
  return rows;
}
