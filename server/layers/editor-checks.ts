// PostGIS measurements for the editor rules (server/domain/editor-rules.ts) and the
// milieuruimte check. Every geometry here is RD New (EPSG:28992) EWKT.
import type pg from 'pg';
import { ApiError } from '../http/errors.ts';
import { beoordeel, type Metingen, type Oordeel, type Overlap, type Waarschuwing } from '../domain/editor-rules.ts';
import { bestuursovereenkomstPast } from '../domain/toewijzing.ts';
import { haNl } from '../domain/nl-tekst.ts';

type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

/** Layers whose polygons the editor rules look at. */
export const RULE_LAYERS = ['transformaties', 'compensaties'] as const;

/**
 * Overlap (m²) of the geometry with every row of `table` it intersects. Guarded: the
 * overlay must give one row per intersecting record (the embedded PostGIS can drop rows).
 */
async function overlaps(
  db: Queryable, table: string, ewkt: string, where = 'true',
): Promise<(Overlap & { niet_te_transformeren?: boolean; op_transformatielijst?: boolean })[]> {
  const extra = table === 'terrein' ? ', r.niet_te_transformeren, r.op_transformatielijst' : '';
  const [measured, expected] = await Promise.all([
    db.query(
      `SELECT r.id, r.naam${extra}, ST_Area(ST_Intersection(r.geom, x.g, 0.001)) AS m2
       FROM ${table} r, (SELECT ST_GeomFromEWKT($1) AS g) x
       WHERE r.geom && x.g AND ST_Intersects(r.geom, x.g) AND ${where} ORDER BY r.id`,
      [ewkt],
    ),
    db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${table} r, (SELECT ST_GeomFromEWKT($1) AS g) x
       WHERE r.geom && x.g AND ST_Intersects(r.geom, x.g) AND ${where}`,
      [ewkt],
    ),
  ]);
  if (measured.rows.length !== expected.rows[0].n) {
    throw new ApiError(422, 'meting_mislukt', 'De overlap met bestaande vlakken kon niet worden berekend. Vereenvoudig het vlak en probeer het opnieuw.');
  }
  return measured.rows;
}

/** What the rules need of the record besides its geometry. */
export interface RuleContext {
  excludeId?: number;
  /** The transformatie's decisive date for R-T1 (ISO); today when absent. */
  datum?: string | null;
}

/** R-T1 judges a transformatie by its vaststelling, else its terinzagelegging, else today. */
export const transformatieDatum = (r: Record<string, unknown>): string | null => {
  const d = r.datum_vaststelling ?? r.datum_terinzagelegging;
  if (d instanceof Date) return d.toISOString().slice(0, 10);
  return typeof d === 'string' && d ? d.slice(0, 10) : null;
};

const vandaag = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });

export async function measure(db: Queryable, laag: string, ewkt: string, ctx: RuleContext = {}): Promise<Metingen> {
  const excludeId = ctx.excludeId;
  const m: Metingen = { laag, bedrijfsgrond_m2: 0, niet_te_transformeren: [], terreinen: [], compensaties: [], niet_op_lijst: [], datum: ctx.datum ?? vandaag() };
  if (laag === 'transformaties') {
    // Sequential: the embedded database serves one query at a time anyway.
    const terreinen = await overlaps(db, 'terrein', ewkt);
    const kavels = await overlaps(db, 'kavel', ewkt);
    // Kavels lie inside their terrein, so the larger of the two sums is a lower bound of
    // the area on kavels ∪ terreinen; enough to decide whether there is any.
    m.bedrijfsgrond_m2 = Math.max(terreinen.reduce((s, o) => s + o.m2, 0), kavels.reduce((s, o) => s + o.m2, 0));
    m.terreinen = terreinen.map(({ id, naam, m2 }) => ({ id, naam, m2 }));
    m.niet_te_transformeren = terreinen.filter((t) => t.niet_te_transformeren).map(({ id, naam, m2 }) => ({ id, naam, m2 }));
    m.niet_op_lijst = terreinen.filter((t) => !t.op_transformatielijst).map(({ id, naam, m2 }) => ({ id, naam, m2 }));
    // Older live transformaties hold the ground they cover (transformatie_netto_verloren_ha, migration 005).
    m.transformaties = await overlaps(db, 'transformatie', ewkt,
      `r.status <> 'vervallen'${excludeId ? ` AND r.id < ${Number(excludeId)}` : ''}`);
  } else if (laag === 'compensaties') {
    m.terreinen = (await overlaps(db, 'terrein', ewkt)).map(({ id, naam, m2 }) => ({ id, naam, m2 }));
    m.compensaties = await overlaps(db, 'compensatie', ewkt,
      `r.status <> 'vervallen'${excludeId ? ` AND r.id <> ${Number(excludeId)}` : ''}`);
  }
  return m;
}

/** Measures and judges; the findings without throwing (for the draft check). */
export async function judge(db: Queryable, laag: string, ewkt: string, ctx: RuleContext = {}): Promise<Oordeel> {
  if (!(RULE_LAYERS as readonly string[]).includes(laag)) return { fouten: [], waarschuwingen: [] };
  return beoordeel(await measure(db, laag, ewkt, ctx));
}

/** Runs the rules for a save: 422 on the first fout (all fouten in details), else the waarschuwingen. */
export async function enforceRules(db: Queryable, laag: string, ewkt: string, ctx: RuleContext = {}): Promise<Waarschuwing[]> {
  const { fouten, waarschuwingen } = await judge(db, laag, ewkt, ctx);
  if (fouten.length) {
    throw new ApiError(422, fouten[0].code, fouten[0].message, { reden: fouten[0].code, fouten });
  }
  return waarschuwingen;
}

// ---------------------------------------------------------------------------------
// Milieuruimte: which kavels lose room when housing (or a mixed area) comes near.

export type NieuweFunctie = 'wonen' | 'gemengd';

export interface MilieuruimteResultaat {
  nieuwe_functie: NieuweFunctie;
  /** Which guide distance of the VNG table applies. */
  richtafstand_kolom: 'richtafstand_m' | 'richtafstand_gemengd_m';
  /** Affected kavels (WGS84) for the map. */
  kavels: {
    type: 'FeatureCollection';
    features: { type: 'Feature'; id: number; geometry: unknown; properties: Record<string, unknown> }[];
  };
  per_categorie: { milieucategorie: string; richtafstand_m: number; aantal: number; ha: number }[];
  totaal_ha: number;
  /** Kavels the geometry itself covers (lost to the transformatie, not counted above). */
  kavels_in_vlak: number[];
}

export async function milieuruimte(db: Queryable, ewkt: string, functie: NieuweFunctie): Promise<MilieuruimteResultaat> {
  const col = functie === 'gemengd' ? 'richtafstand_gemengd_m' : 'richtafstand_m';
  const { rows } = await db.query(
    `WITH x AS (SELECT ST_GeomFromEWKT($1) AS g),
          bereik AS (SELECT max(${col}) AS m FROM milieucategorie)
     SELECT k.id, k.naam, k.terrein_id, t.naam AS terrein_naam, gm.naam AS gemeente,
            k.milieucategorie_max, k.oppervlakte_ha, m.${col} AS richtafstand_m,
            ST_Distance(k.geom, x.g) AS afstand_m, ST_Intersects(k.geom, x.g) AS in_vlak,
            (SELECT m2.code FROM milieucategorie m2
             WHERE m2.stelsel = k.milieucategorie_stelsel AND m2.${col} <= ST_Distance(k.geom, x.g)
             ORDER BY m2.volgorde DESC LIMIT 1) AS past_nog,
            ST_AsGeoJSON(ST_Transform(k.geom, 4326), 7)::json AS geometry
     FROM kavel k
     JOIN terrein t ON t.id = k.terrein_id
     JOIN gemeente gm ON gm.id = t.gemeente_id
     JOIN milieucategorie m ON m.stelsel = k.milieucategorie_stelsel AND m.code = k.milieucategorie_max, x, bereik
     WHERE ST_DWithin(k.geom, x.g, bereik.m)
       AND (ST_Intersects(k.geom, x.g) OR ST_Distance(k.geom, x.g) < m.${col})
     ORDER BY ST_Distance(k.geom, x.g), k.id`,
    [ewkt],
  );
  const affected = rows.filter((r) => !r.in_vlak);
  const perCat = new Map<string, { milieucategorie: string; richtafstand_m: number; aantal: number; ha: number }>();
  for (const r of affected) {
    const e = perCat.get(r.milieucategorie_max) ?? { milieucategorie: r.milieucategorie_max, richtafstand_m: r.richtafstand_m, aantal: 0, ha: 0 };
    e.aantal += 1;
    e.ha += r.oppervlakte_ha;
    perCat.set(r.milieucategorie_max, e);
  }
  const round = (n: number) => Math.round(n * 10_000) / 10_000;
  return {
    nieuwe_functie: functie,
    richtafstand_kolom: col,
    kavels: {
      type: 'FeatureCollection',
      features: affected.map(({ geometry, in_vlak: _inVlak, ...p }) => ({
        type: 'Feature' as const, id: p.id as number, geometry,
        properties: { ...p, afstand_m: Math.round(p.afstand_m * 10) / 10, tekort_m: Math.round((p.richtafstand_m - p.afstand_m) * 10) / 10 },
      })),
    },
    per_categorie: [...perCat.values()].map((e) => ({ ...e, ha: round(e.ha) }))
      .sort((a, b) => b.richtafstand_m - a.richtafstand_m),
    totaal_ha: round(affected.reduce((s, r) => s + r.oppervlakte_ha, 0)),
    kavels_in_vlak: rows.filter((r) => r.in_vlak).map((r) => r.id),
  };
}

/** A compensatie cannot have given out more hectares than its (new) area. */
export async function assertToewijzingenPassen(db: Queryable, compensatieId: number) {
  const { rows } = await db.query<{ ha: number; toegewezen: number }>(
    `SELECT c.oppervlakte_ha AS ha, coalesce((SELECT sum(hectares) FROM compensatie_toewijzing t WHERE t.compensatie_id = c.id), 0) AS toegewezen
     FROM compensatie c WHERE c.id = $1`,
    [compensatieId],
  );
  const r = rows[0];
  if (r && r.toegewezen > r.ha + 1e-9) {
    throw new ApiError(422, 'onvoldoende_hectares',
      `Compensatie ${compensatieId} heeft na deze wijziging ${haNl(r.ha)}, maar er is al ${haNl(r.toegewezen)} toegewezen. Pas eerst de toewijzingen aan.`,
      { reden: 'onvoldoende_hectares', oppervlakte_ha: r.ha, toegewezen_ha: r.toegewezen });
  }
}

/**
 * The agreement of a toewijzing has both gemeenten as parties (server/domain/toewijzing.ts).
 * Checked when a toewijzing is made and when the agreement's parties change.
 */
export async function assertBoPast(db: Queryable, boId: number, transformerendId: number, compenserendId: number, partijen?: number[]) {
  const { rows } = await db.query<{ naam: string; partijen: number[] }>(
    `SELECT b.naam, ARRAY(SELECT p.gemeente_id FROM bestuursovereenkomst_partij p WHERE p.bestuursovereenkomst_id = b.id) AS partijen
     FROM bestuursovereenkomst b WHERE b.id = $1`, [boId],
  );
  if (!rows[0]) throw new ApiError(422, 'bestuursovereenkomst_onbekend', `Bestuursovereenkomst ${boId} bestaat niet.`, { reden: 'bestuursovereenkomst_onbekend' });
  const gm = await db.query<{ id: number; naam: string }>(`SELECT id, naam FROM gemeente WHERE id IN ($1, $2)`, [transformerendId, compenserendId]);
  const gemeente = (id: number) => ({ id, naam: gm.rows.find((g) => g.id === id)?.naam ?? `gemeente ${id}` });
  const past = bestuursovereenkomstPast({ naam: rows[0].naam, partijen: partijen ?? rows[0].partijen }, gemeente(transformerendId), gemeente(compenserendId));
  if (!past.ok) throw new ApiError(422, past.code, past.message, { reden: past.code, ontbrekende_gemeente_ids: past.ontbrekend });
}
