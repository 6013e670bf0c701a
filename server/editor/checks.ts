// PostGIS measurements for the editor rules (server/domain/editor-rules.ts), and the
// check that a compensatie's toewijzingen still fit its area. Every geometry here is
// RD New (EPSG:28992) EWKT.
import type pg from 'pg';
import { ApiError } from '../http/errors.ts';
import { beoordeel, type Metingen, type Oordeel, type Overlap, type Waarschuwing } from '../domain/editor-rules.ts';
import { haNl } from '../domain/nl-tekst.ts';
import { today } from '../domain/dates.ts';

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

export async function measure(db: Queryable, laag: string, ewkt: string, ctx: RuleContext = {}): Promise<Metingen> {
  const excludeId = ctx.excludeId;
  const m: Metingen = { laag, bedrijfsgrond_m2: 0, niet_te_transformeren: [], terreinen: [], compensaties: [], niet_op_lijst: [], datum: ctx.datum ?? today() };
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
