// The candidate search in the database: the hard rules of matching (status, own
// kavel, timing, milieucategorie range, watergebonden, region, size) applied to
// kavels and to connected groups of adjacent kavels on one terrein (the stored
// adjacency `kavel_buur`, migration 017), for one request or all open ones at once.
// What passes is scored and ranked in JavaScript (server/domain/matching-kandidaten.ts).
//
// The search runs in the caller's transaction on three temporary tables (dropped
// at commit): the requests, the kavels that can serve at least one of them, and
// every group of those kavels. Real tables give the planner real row counts, and
// the groups an index on their area, so that each request reads only the groups
// of its size.
import type pg from 'pg';
import { BESCHIKBARE_STATUS, UITSLUITINGEN, type Uitsluiting } from '../domain/matching-codes.ts';
import type { KandidaatTelling } from '../domain/matching-kandidaten.ts';

type Client = pg.PoolClient;

/** One request's part in the search: the facts its hard rules use. */
export interface ZoekVraag {
  id: number;
  min_ha: number;
  /** The largest area that still fits (max_ha with tolerance). */
  top: number;
  /** `milieucategorie.volgorde` the activity needs. */
  mc: number;
  watergebonden: boolean;
  gewenst_tot: string | null;
  /** The company's current kavel (never a candidate for itself); null when unknown or hidden. */
  eigen_kavel_id: number | null;
}

export interface Zoekopdracht {
  vragen: readonly ZoekVraag[];
  /** Kavels in use by a requesting company: available to others if that company moves. */
  voorwaardelijk: readonly number[];
  /** At most this many adjacent kavels in one group. */
  maxSamenvoegen: number;
  /** Only these kavels take part (whatever their status); all kavels when absent. */
  alleen?: readonly number[];
}

// The ids ascend: outside their range the array is never read (reading it made the
// own-kavel rule the costliest of the search, measured on 1,000 requests × 10,000 kavels).
const EIGEN_KAVEL = 'v.eigen_kavel_id BETWEEN g.laagste AND g.hoogste AND v.eigen_kavel_id = ANY (g.ids)';

/**
 * The hard rules on a request `v` and a kavel or group of kavels `g` (its facts
 * aggregated over the members): the condition under which each rule excludes it.
 * One definition for the search, the counts and the per-kavel reasons below.
 */
const UITSLUITING_SQL: Record<Uitsluiting, string> = {
  eigen_kavel: EIGEN_KAVEL,
  status: `NOT g.beschikbaar AND NOT coalesce(${EIGEN_KAVEL}, false)`,
  tijd: 'g.beschikbaar_vanaf > v.gewenst_tot',
  milieucategorie_max: 'v.mc > g.mc_max',
  milieucategorie_min: 'v.mc < g.mc_min',
  watergebonden: 'v.watergebonden AND NOT g.watergebonden',
  regio: 'NOT g.in_regio',
  te_groot: `g.ha > v.top + 1e-9`,
};

/** `v` accepts `g` under these hard rules. */
const pastOnder = (regels: readonly Uitsluiting[]) => `NOT (${regels.map((u) => `coalesce(${UITSLUITING_SQL[u]}, false)`).join(' OR ')})`;
/** `v` accepts `g` under every hard rule (size from below aside). */
const PAST = pastOnder(UITSLUITINGEN);
/**
 * The rules a group of matching_zoek_groep_mc can still fail for a request that reads it
 * by its category and size: its kavels are all available and in the region (that is how
 * matching_zoek_kavel chose them), its category is the request's (vraag_mc), and the
 * index range on its area is the te_groot rule. Evaluating the others for every (request,
 * group) pair took a quarter of the search's time at 1,000 × 10,000.
 */
const PAST_GROEP = pastOnder(['eigen_kavel', 'tijd', 'watergebonden']);
/** The rules `v` excludes `g` by, as text[] of codes. */
const REDENEN = `array_remove(ARRAY[${UITSLUITINGEN.map((u) => `CASE WHEN ${UITSLUITING_SQL[u]} THEN '${u}' END`).join(', ')}]::text[], NULL)`;

/**
 * The facts of each kavel as a group of one (`ids` = its id, as are `laagste` and
 * `hoogste`). `beschikbaar`: free, or conditionally available ($1: kavels of
 * requesting companies); $2: the free statuses.
 */
const KAVEL_ALS_GROEP = `
  SELECT k.id, ARRAY[k.id] AS ids, k.id AS laagste, k.id AS hoogste, k.terrein_id, k.oppervlakte_ha AS ha, mx.volgorde AS mc_max, mn.volgorde AS mc_min,
         k.watergebonden, k.beschikbaar_vanaf, (k.status = ANY ($2::text[]) OR k.id = ANY ($1::int[])) AS beschikbaar, g.in_regio
  FROM kavel k JOIN terrein t ON t.id = k.terrein_id JOIN gemeente g ON g.id = t.gemeente_id
  JOIN milieucategorie mx ON mx.stelsel = k.milieucategorie_stelsel AND mx.code = k.milieucategorie_max
  LEFT JOIN milieucategorie mn ON mn.stelsel = k.milieucategorie_stelsel AND mn.code = k.milieucategorie_min`;

async function maakVraagTabel(client: Client, vragen: readonly ZoekVraag[]) {
  await client.query('DROP TABLE IF EXISTS pg_temp.matching_zoek_vraag');
  await client.query(
    `CREATE TEMP TABLE matching_zoek_vraag ON COMMIT DROP AS
     SELECT * FROM unnest($1::int[], $2::float8[], $3::float8[], $4::int[], $5::boolean[], $6::date[], $7::int[])
       AS v(id, min_ha, top, mc, watergebonden, gewenst_tot, eigen_kavel_id)`,
    [vragen.map((v) => v.id), vragen.map((v) => v.min_ha), vragen.map((v) => v.top), vragen.map((v) => v.mc),
      vragen.map((v) => v.watergebonden), vragen.map((v) => v.gewenst_tot), vragen.map((v) => v.eigen_kavel_id)]);
  await client.query('ANALYZE matching_zoek_vraag');
}

export interface KandidaatGroepen {
  /** Every kavel and group that passes the hard rules for at least one request (each one's ids ascending), smallest area first. */
  sets: number[][];
  /** Kavels the search considered: free or conditionally available. */
  aantalKavels: number;
}

export interface KandidaatSets extends KandidaatGroepen {
  /** Per request: indexes into `sets`. */
  perVraag: Map<number, number[]>;
}

/**
 * The kavels and connected groups of adjacent kavels on one terrein (up to
 * maxSamenvoegen) that pass every hard rule for each request, and whose area lies
 * within the request's size. Needs a transaction.
 */
export async function zoekKandidaatSets(client: Client, z: Zoekopdracht): Promise<KandidaatSets> {
  const groepen = await zoekGroepen(client, z);
  const perVraag = new Map<number, number[]>();
  for await (const { id, sets } of passendPerVraag(client, z.vragen.map((v) => v.id))) perVraag.set(id, sets);
  return { ...groepen, perVraag };
}

/**
 * The first half of the search: the groups that can serve at least one request,
 * kept (with the requests) in temporary tables for `passendPerVraag`. Needs a transaction.
 */
export async function zoekGroepen(client: Client, z: Zoekopdracht): Promise<KandidaatGroepen> {
  if (z.vragen.length === 0) return { sets: [], aantalKavels: 0 };
  // Compiling these short queries costs more than it saves.
  await client.query('SET LOCAL jit = off');
  await maakVraagTabel(client, z.vragen);
  const { rows: [{ aantal }] } = await client.query<{ aantal: number }>(
    `SELECT count(*)::int AS aantal FROM kavel k WHERE (k.status = ANY ($2::text[]) OR k.id = ANY ($1::int[])) AND ($3::int[] IS NULL OR k.id = ANY ($3::int[]))`,
    [z.voorwaardelijk, BESCHIKBARE_STATUS, z.alleen ?? null]);
  // The kavels that pass every rule of at least one request: the only ones a group can hold.
  await client.query('DROP TABLE IF EXISTS pg_temp.matching_zoek_kavel');
  await client.query(
    `CREATE TEMP TABLE matching_zoek_kavel ON COMMIT DROP AS
     SELECT g.* FROM (${KAVEL_ALS_GROEP}
                     WHERE (k.status = ANY ($2::text[]) OR k.id = ANY ($1::int[])) AND ($3::int[] IS NULL OR k.id = ANY ($3::int[]))) g
     WHERE EXISTS (SELECT 1 FROM matching_zoek_vraag v WHERE ${PAST})`,
    [z.voorwaardelijk, BESCHIKBARE_STATUS, z.alleen ?? null]);
  await client.query('ANALYZE matching_zoek_kavel');
  // Groups grow one neighbour at a time from their lowest id, so each set is reached
  // from one start only; the ids stay sorted (width_bucket finds the place), so UNION
  // keeps each set once. The area is summed as numeric: exact in any order. Groups are
  // numbered by area: a request's groups (read by area) then lie close together in the
  // caller's per-group arrays (numbered by ids, the scoring read those arrays at random
  // and took twice the time at 1,000 × 10,000).
  await client.query('DROP TABLE IF EXISTS pg_temp.matching_zoek_groep');
  await client.query(
    `CREATE TEMP TABLE matching_zoek_groep ON COMMIT DROP AS
     WITH RECURSIVE groep (ids, ha, terrein_id, mc_max, mc_min, watergebonden, beschikbaar_vanaf) AS (
       SELECT k.ids, k.ha::numeric, k.terrein_id, k.mc_max, k.mc_min, k.watergebonden, k.beschikbaar_vanaf FROM matching_zoek_kavel k
       UNION
       SELECT g.ids[1:width_bucket(k.id, g.ids)] || k.id || g.ids[width_bucket(k.id, g.ids) + 1:], g.ha + k.ha::numeric, g.terrein_id,
              least(g.mc_max, k.mc_max), greatest(g.mc_min, k.mc_min), g.watergebonden AND k.watergebonden,
              greatest(g.beschikbaar_vanaf, k.beschikbaar_vanaf)
       FROM groep g CROSS JOIN LATERAL unnest(g.ids) AS lid(id)
       JOIN kavel_buur b ON b.kavel_id = lid.id
       JOIN matching_zoek_kavel k ON k.id = b.buur_id
       WHERE cardinality(g.ids) < $1 AND k.terrein_id = g.terrein_id AND k.id > g.ids[1] AND k.id <> ALL (g.ids)
         AND g.ha + k.ha::numeric <= (SELECT max(top) FROM matching_zoek_vraag)::numeric + 1e-9
     )
     SELECT (row_number() OVER (ORDER BY ha, ids)) - 1 AS nr, ids, ids[1] AS laagste, ids[cardinality(ids)] AS hoogste, ha::float8 AS ha, mc_max, mc_min, watergebonden, beschikbaar_vanaf
     FROM groep`,
    [Math.max(1, Math.floor(z.maxSamenvoegen))]);
  const { rows: groepen } = await client.query<{ ids: string }>(
    `SELECT array_to_string(ids, ',') AS ids FROM matching_zoek_groep ORDER BY nr`);
  // Each group once per milieucategorie asked for that it admits, indexed by that
  // category and its area: a request then reads only the groups of its category and size.
  await client.query('DROP TABLE IF EXISTS pg_temp.matching_zoek_groep_mc');
  await client.query(
    `CREATE TEMP TABLE matching_zoek_groep_mc ON COMMIT DROP AS
     SELECT v.mc AS vraag_mc, g.* FROM matching_zoek_groep g JOIN (SELECT DISTINCT mc FROM matching_zoek_vraag) v
       ON NOT (coalesce(${UITSLUITING_SQL.milieucategorie_max}, false) OR coalesce(${UITSLUITING_SQL.milieucategorie_min}, false))
     ORDER BY v.mc, g.ha`);
  await client.query('CREATE INDEX ON matching_zoek_groep_mc (vraag_mc, ha)');
  // Statistics of the columns the search filters on (those of the id arrays are costly and unused).
  await client.query('ANALYZE matching_zoek_groep_mc (vraag_mc, ha)');
  return { sets: groepen.map((g) => g.ids.split(',').map(Number)), aantalKavels: aantal };
}

/**
 * The second half: per request (these ids, a batch at a time, so that millions of
 * pairs never sit in memory at once) the indexes into `sets` of the groups of its
 * size that pass its rules. After `zoekGroepen`, in the same transaction.
 */
export async function* passendPerVraag(client: Client, vraagIds: readonly number[], batch = 250): AsyncGenerator<{ id: number; sets: number[] }> {
  // One string per request: compact for thousands of groups. In the index's order (size):
  // the caller's ranking does not depend on the order, and sorting took a third to a
  // half of this query's time.
  const haal = (i: number) => {
    const p = client.query<{ id: number; nrs: string | null }>(
      `SELECT v.id, (SELECT string_agg(g.nr::text, ',') FROM matching_zoek_groep_mc g
                     WHERE g.vraag_mc = v.mc AND g.ha >= v.min_ha - 1e-9 AND g.ha <= v.top + 1e-9 AND ${PAST_GROEP}) AS nrs
       FROM matching_zoek_vraag v WHERE v.id = ANY ($1::int[])`, [vraagIds.slice(i, i + batch)]);
    // Awaited below; until then a failure must not count as unhandled.
    p.catch(() => undefined);
    return p;
  };
  let volgende = vraagIds.length > 0 ? haal(0) : null;
  try {
    for (let i = 0; volgende; i += batch) {
      const { rows } = await volgende;
      // The database searches the next batch while the caller scores this one.
      volgende = i + batch < vraagIds.length ? haal(i + batch) : null;
      for (const r of rows) yield { id: r.id, sets: r.nrs ? getallen(r.nrs) : [] };
    }
  } finally {
    // A caller that stops early leaves no query running on its connection.
    await volgende?.catch(() => undefined);
  }
}

/** "12,3,45" → [12, 3, 45], without a string per number: millions of them per regional run. */
export function getallen(lijst: string): number[] {
  const uit: number[] = [];
  let n = 0;
  for (let i = 0; i < lijst.length; i++) {
    const c = lijst.charCodeAt(i);
    if (c === 44) {
      uit.push(n);
      n = 0;
    } else {
      n = n * 10 + (c - 48);
    }
  }
  uit.push(n);
  return uit;
}

/**
 * Per request, the kavels it was compared with and what each hard rule excluded:
 * the free and conditionally available kavels and its own (or only `alleen`).
 * For a request without candidates, to say why.
 */
export async function telUitsluitingen(client: Client, z: Omit<Zoekopdracht, 'maxSamenvoegen'>): Promise<Map<number, KandidaatTelling>> {
  if (z.vragen.length === 0) return new Map();
  await maakVraagTabel(client, z.vragen);
  const { rows } = await client.query(
    `WITH per_kavel AS (
       SELECT v.id AS vraag_id, ${REDENEN} AS redenen
       FROM matching_zoek_vraag v JOIN (${KAVEL_ALS_GROEP}) g
         ON CASE WHEN $3::int[] IS NULL THEN g.beschikbaar OR g.id = v.eigen_kavel_id ELSE g.id = ANY ($3::int[]) END
     )
     SELECT vraag_id, count(*)::int AS totaal, count(*) FILTER (WHERE cardinality(redenen) = 0)::int AS geschikt,
            ${UITSLUITINGEN.map((u) => `count(*) FILTER (WHERE '${u}' = ANY (redenen))::int AS ${u}`).join(', ')}
     FROM per_kavel GROUP BY vraag_id`,
    [z.voorwaardelijk, BESCHIKBARE_STATUS, z.alleen ?? null]);
  const out = new Map<number, KandidaatTelling>();
  for (const v of z.vragen) out.set(v.id, { totaal: 0, geschikt: 0, uitgesloten: {} });
  for (const r of rows) {
    const uitgesloten: Partial<Record<Uitsluiting, number>> = {};
    for (const u of UITSLUITINGEN) if (r[u] > 0) uitgesloten[u] = r[u];
    out.set(r.vraag_id, { totaal: r.totaal, geschikt: r.geschikt, uitgesloten });
  }
  return out;
}

/** The hard rules each of these kavels fails for one request (an empty list: it passes). */
export async function uitsluitingenPerKavel(
  client: Client, vraag: ZoekVraag, kavelIds: readonly number[], voorwaardelijk: readonly number[],
): Promise<Map<number, Uitsluiting[]>> {
  await maakVraagTabel(client, [vraag]);
  const { rows } = await client.query<{ id: number; redenen: Uitsluiting[] }>(
    `SELECT g.id, ${REDENEN} AS redenen FROM matching_zoek_vraag v JOIN (${KAVEL_ALS_GROEP}) g ON g.id = ANY ($3::int[]) ORDER BY g.id`,
    [voorwaardelijk, BESCHIKBARE_STATUS, kavelIds]);
  return new Map(rows.map((r) => [r.id, r.redenen]));
}
