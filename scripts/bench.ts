// Benchmarks.
// 1. The hectare monitor (issue #12): HTTP time of GET /api/balans (now, a past
//    peildatum) and /api/balans/reeks (2020–2040) on the real server, side by side with
//    the bare SQL floor for the same figures (one plain aggregate query, in this file,
//    checked against the answer: "zelfde cijfers"), with their ratio; at region scale
//    (embedded database, and PostgreSQL when BENCH_DATABASE_URL is set) and on
//    synthetic national data of 10k / 30k / 100k kavels on PostgreSQL (schemas
//    national_<n>, filled by scripts/national.ts when missing).
//    Beside it the toewijzing form's list of transformaties (GET /api/compensaties/{id}/
//    toewijzingen/keuzes) against its one query.
// 2. The regional assignment (issue #6), HiGHS against the greedy baseline, end to end
//    from the database, on the region data and on synthetic data of 1,000 requests ×
//    10,000 kavels (scripts/bench-matching.ts; BENCH_MATCHING_DATABASE_URL, BENCH_REQUESTS,
//    BENCH_KAVELS, BENCH_TIME_LIMIT; BENCH_MATCHING_ONCE=1 runs it once instead of twice).
// 3. Vector tiles (issue 15): HTTP time of kavel tiles (per zoom 8, 10 and 14 the densest,
//    at 10 and 14 also the median tile) against the bare ST_AsMVT query, on the same
//    datasets as the monitor (scripts/bench-tiles.ts).
// Prints times; asserts nothing.
//
//   npm run bench                                            # monitor on the embedded region, then matching
//   BENCH_DATABASE_URL=postgres://…/sr_bench npm run bench   # + region and national data on PostgreSQL
//   BENCH_SIZES=10000,30000 BENCH_RUNS=20 BENCH_WARMUP=5 …   # other national sizes (empty: region only) / more runs / warm-up calls
//   BENCH_SKIP_MONITOR=1 / BENCH_SKIP_MATCHING=1 / BENCH_SKIP_REGION=1 / BENCH_SKIP_TILES=1
//   BENCH_SKIP_TRANSFER=1 npm run bench                      # without the first-view transfer (headless Chromium)
//   BENCH_APP_URL=http://… BENCH_EMAIL=… BENCH_WACHTWOORD=… npm run bench  # transfer of a running app (e.g. national data)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Moment } from '../server/balans/queries.ts';
import { selectKeuzes } from '../server/toewijzingen/queries.ts';
import { meetSamen, RUNS, WARMUP, withSignedInServer } from './bench-harness.ts';
import { matchingRun, matchingSyntheticBench } from './bench-matching.ts';
import { migreerSchema, nationalPool, omvang, schemaVoor, vulNationaal } from './national.ts';
import { printTiles, tileBench, type TileRij } from './bench-tiles.ts';

// ---------------------------------------------------------------------------------
// The hectare monitor: HTTP against the bare SQL floor.

const PAST = '2024-06-30';
const TELT = `('geregeld', 'planologisch_mogelijk', 'gerealiseerd')`;

interface Dataset {
  label: string;
  pool: pg.Pool;
  mode: 'embedded' | 'postgres';
  close(): Promise<void>;
}

/**
 * The same figures as the monitor, each with its ids, in one plain aggregate query: per
 * fase, toegewezen, nog toe te wijzen, restant, overtoewijzing, compensatie per status,
 * without toewijzing and not yet counting; the table per transformatie; per gemeente
 * (toegewezen within and outside the gemeente); per milieucategorie (lost by the
 * categories stored per transformatie, compensatie by its maximum); plancapaciteit per
 * group, per planstatus and per planstatus and milieucategorie. Only the signaleringen'
 * sentences are left to the server.
 */
/** A versioned table as it stood at the moment, written plainly (the app's own is in server/balans/queries.ts). */
function bron(tabel: string, m: Moment): string {
  if (m.soort === 'actueel') return tabel;
  if (m.soort === 'historie') return `(SELECT * FROM ${tabel}_versie WHERE upper_inf(vastgelegd) AND geldig @> $1::date)`;
  return `(SELECT * FROM ${tabel}_versie WHERE vastgelegd @> $2::timestamptz AND geldig @> $1::date)`;
}

function vloerSql(m: Moment) {
  return `
WITH p AS (SELECT $1::date AS d, $2::timestamptz AS ts),
t AS (SELECT id, naam, gemeente_id, status, coalesce(netto_verloren_ha, 0) AS n, verlies_per_categorie AS v,
        CASE WHEN datum_vaststelling <= $1::date OR (datum_vaststelling IS NULL AND status IN ('vastgesteld', 'gerealiseerd')) THEN 'planologisch_verloren'
             WHEN datum_terinzagelegging <= $1::date OR (datum_terinzagelegging IS NULL AND status IN ('ontwerp_ter_inzage', 'vastgesteld', 'gerealiseerd')) THEN 'in_procedure'
             ELSE 'voorgenomen' END AS fase
      FROM ${bron('transformatie', m)} x WHERE status <> 'vervallen'),
c AS (SELECT id, gemeente_id, status, oppervlakte_ha, milieucategorie_max FROM ${bron('compensatie', m)} x WHERE status <> 'vervallen'),
tw AS (SELECT w.id, w.transformatie_id, w.compensatie_id, w.hectares, c.status IN ${TELT} AS telt, c.gemeente_id = t.gemeente_id AS binnen, t.gemeente_id
       FROM ${bron('compensatie_toewijzing', m)} w JOIN c ON c.id = w.compensatie_id JOIN t ON t.id = w.transformatie_id),
a AS (SELECT transformatie_id, coalesce(sum(hectares) FILTER (WHERE telt), 0) AS a, coalesce(sum(hectares) FILTER (WHERE telt AND binnen), 0) AS ab
      FROM tw GROUP BY transformatie_id),
ta AS (SELECT t.*, coalesce(a.a, 0) AS a, coalesce(a.ab, 0) AS ab FROM t LEFT JOIN a ON a.transformatie_id = t.id),
zonder AS (SELECT c.id, greatest(0, c.oppervlakte_ha - coalesce(sum(tw.hectares), 0)) AS z FROM c LEFT JOIN tw ON tw.compensatie_id = c.id GROUP BY c.id, c.oppervlakte_ha),
vc AS (SELECT e.key AS cat, t.id, (e.value->>'ha')::float8 AS ha, e.value->'kavels' AS kavels FROM t, jsonb_each(t.v) e),
twg AS (SELECT gemeente_id, array_agg(id) FILTER (WHERE binnen) AS binnen_ids, array_agg(id) FILTER (WHERE NOT binnen) AS elders_ids
        FROM tw WHERE telt GROUP BY gemeente_id),
vk AS (SELECT cat, array_agg(DISTINCT k.value::int) AS kavels FROM vc, jsonb_array_elements_text(vc.kavels) k GROUP BY cat)
SELECT json_build_object(
  'per_fase', (SELECT json_agg(json_build_object('fase', fase, 'ha', ha, 'ids', ids)) FROM (SELECT fase, sum(n) AS ha, array_agg(id) AS ids FROM ta GROUP BY fase) x),
  'kpi', (SELECT json_build_object('verloren', sum(n), 'toegewezen', sum(least(n, a)), 'nog', sum(greatest(0, n - a)),
            'restant', coalesce(sum(greatest(0, n - a)) FILTER (WHERE fase <> 'voorgenomen'), 0), 'ids', array_agg(id) FILTER (WHERE n > a),
            'overtoewijzing', sum(greatest(0, a - n)), 'over_ids', array_agg(id) FILTER (WHERE a > n)) FROM ta),
  'toegewezen_ids', (SELECT array_agg(id) FROM tw WHERE telt),
  'telt_nog_niet', (SELECT json_build_object('ha', coalesce(sum(hectares), 0), 'ids', array_agg(id)) FROM tw WHERE NOT telt),
  'zonder', (SELECT json_build_object('ha', sum(z), 'ids', array_agg(id) FILTER (WHERE z > 0)) FROM zonder),
  'per_status', (SELECT json_agg(json_build_object('status', status, 'ha', ha, 'ids', ids)) FROM (SELECT status, sum(oppervlakte_ha) AS ha, array_agg(id) AS ids FROM c GROUP BY status) x),
  'transformaties', (SELECT json_agg(json_build_array(ta.id, ta.naam, g.naam, ta.status, ta.fase, ta.n, least(ta.n, ta.a), greatest(0, ta.n - ta.a),
            CASE WHEN ta.fase <> 'voorgenomen' THEN greatest(0, ta.n - ta.a) ELSE 0 END) ORDER BY ta.id)
    FROM ta JOIN gemeente g ON g.id = ta.gemeente_id),
  'per_gemeente', (SELECT json_agg(x) FROM (
      SELECT g.*, twg.binnen_ids, twg.elders_ids FROM (
        SELECT gemeente_id, sum(n) AS verloren, sum(least(n, a)) AS toegewezen, sum(greatest(0, n - a)) AS nog,
               sum(CASE WHEN a > 0 THEN ab * least(n, a) / a ELSE 0 END) AS binnen, array_agg(id) AS ids
        FROM ta GROUP BY gemeente_id) g LEFT JOIN twg ON twg.gemeente_id = g.gemeente_id) x),
  'per_milieucategorie', (SELECT json_agg(x) FROM (
      SELECT c.*, vk.kavels FROM (SELECT cat, sum(ha) AS ha, array_agg(DISTINCT id) AS transformaties FROM vc GROUP BY cat) c
      LEFT JOIN vk ON vk.cat = c.cat) x),
  'compensatie_per_milieucategorie', (SELECT json_agg(x) FROM (
      SELECT coalesce(milieucategorie_max, 'onbekend') AS cat, sum(oppervlakte_ha) AS ha, array_agg(id) AS ids FROM c WHERE status IN ${TELT} GROUP BY 1) x),
  'plancapaciteit', (SELECT json_agg(x) FROM (
      SELECT k.planstatus, k.milieucategorie_max AS cat, te.gemeente_id, k.status, sum(k.oppervlakte_ha) AS ha, array_agg(k.id) AS ids
      FROM ${bron('kavel', m)} k LEFT JOIN terrein te ON te.id = k.terrein_id
      WHERE k.status IN ('beschikbaar', 'potentieel') GROUP BY GROUPING SETS ((1, 2, 3, 4), (1, 2), (1))) x)
) AS v`;
}

/** The series' figures per year (31 December, current knowledge), each with its ids, in one plain aggregate query. */
const VLOER_REEKS = `
WITH j AS (SELECT make_date(y, 12, 31) AS d FROM generate_series($1::int, $2::int) y),
t AS (SELECT j.d, x.id, coalesce(x.netto_verloren_ha, 0) AS n,
        CASE WHEN x.datum_vaststelling <= j.d OR (x.datum_vaststelling IS NULL AND x.status IN ('vastgesteld', 'gerealiseerd')) THEN 'planologisch_verloren'
             WHEN x.datum_terinzagelegging <= j.d OR (x.datum_terinzagelegging IS NULL AND x.status IN ('ontwerp_ter_inzage', 'vastgesteld', 'gerealiseerd')) THEN 'in_procedure'
             ELSE 'voorgenomen' END AS fase
      FROM j JOIN transformatie_versie x ON upper_inf(x.vastgelegd) AND x.geldig @> j.d AND x.status <> 'vervallen'),
c AS (SELECT j.d, x.id, x.status, x.oppervlakte_ha FROM j JOIN compensatie_versie x ON upper_inf(x.vastgelegd) AND x.geldig @> j.d AND x.status <> 'vervallen'),
-- Counted toewijzingen per year: a toewijzing version and its compensatie's version valid on the same 31 December.
a AS (SELECT j.d, w.transformatie_id, sum(w.hectares) AS a
      FROM compensatie_toewijzing_versie w
      JOIN compensatie_versie cv ON cv.id = w.compensatie_id AND upper_inf(cv.vastgelegd) AND cv.status IN ${TELT} AND cv.geldig && w.geldig
      JOIN j ON (cv.geldig * w.geldig) @> j.d
      WHERE upper_inf(w.vastgelegd)
      GROUP BY 1, 2),
-- Per transformatie and year its netto and counted hectares, by grouping rather than joining.
ta AS (SELECT d, id, sum(n) AS n, sum(a) AS a, max(fase) AS fase FROM (
         SELECT d, id, n, 0 AS a, fase FROM t
         UNION ALL
         SELECT d, transformatie_id, 0, a, NULL FROM a) u
       GROUP BY d, id HAVING count(fase) > 0)
SELECT json_build_object(
  'per_fase', (SELECT json_agg(x) FROM (SELECT d, fase, sum(n) AS ha, array_agg(id) AS ids FROM ta GROUP BY d, fase) x),
  'kpi', (SELECT json_agg(x) FROM (SELECT d, sum(least(n, a)) AS toegewezen, sum(greatest(0, n - a)) AS nog,
            coalesce(sum(greatest(0, n - a)) FILTER (WHERE fase <> 'voorgenomen'), 0) AS restant FROM ta GROUP BY d) x),
  'per_status', (SELECT json_agg(x) FROM (SELECT d, status, sum(oppervlakte_ha) AS ha, array_agg(id) AS ids FROM c GROUP BY d, status) x),
  'plancapaciteit', (SELECT json_agg(x) FROM (
      SELECT j.d, k.planstatus, k.milieucategorie_max AS cat, sum(k.oppervlakte_ha) AS ha, array_agg(k.id) AS ids
      FROM j JOIN kavel_versie k ON upper_inf(k.vastgelegd) AND k.geldig @> j.d AND k.status IN ('beschikbaar', 'potentieel')
      GROUP BY 1, 2, 3) x)
) AS v`;


interface Rij {
  dataset: string;
  kavels: number;
  vraag: string;
  http: { p50: number; p95: number };
  sql: { p50: number; p95: number };
  /** Whether the answer and the floor give the same figures (checked where the floor has them all). */
  zelfde?: string[];
}

/* eslint-disable @typescript-eslint/no-explicit-any -- two JSON answers compared field by field */
/** Where the API's balance and the floor's figures differ (empty: the same figures). */
function verschillen(api: any, v: any): string[] {
  const uit: string[] = [];
  const zelfde = (naam: string, a: number | undefined, b: number | undefined | null) => {
    const x = Number(a ?? 0);
    const y = Number(b ?? 0);
    if (Math.abs(x - y) > 1e-6 * Math.max(1, Math.abs(x))) uit.push(`${naam} ${x} ≠ ${y}`);
  };
  const r = api.regio;
  for (const f of ['voorgenomen', 'in_procedure', 'planologisch_verloren']) {
    zelfde(`netto verloren ${f}`, r.netto_verloren.per_fase[f].ha, v.per_fase?.find((x: any) => x.fase === f)?.ha);
  }
  zelfde('netto verloren', r.netto_verloren.ha, v.kpi.verloren);
  zelfde('toegewezen', r.toegewezen.ha, v.kpi.toegewezen);
  zelfde('nog toe te wijzen', r.nog_toe_te_wijzen.ha, v.kpi.nog);
  zelfde('restant', r.restant.ha, v.kpi.restant);
  zelfde('overtoewijzing', r.overtoewijzing.ha, v.kpi.overtoewijzing);
  zelfde('toegewezen, telt nog niet', r.toegewezen_telt_nog_niet.ha, v.telt_nog_niet.ha);
  zelfde('zonder toewijzing', r.compensatie_zonder_toewijzing.ha, v.zonder.ha);
  for (const [status, c] of Object.entries<any>(r.compensatie_per_status)) zelfde(`compensatie ${status}`, c.ha, v.per_status?.find((x: any) => x.status === status)?.ha);
  zelfde('transformaties in de tabel', api.transformaties.length, v.transformaties?.length);
  zelfde('restant in de tabel', api.transformaties.reduce((s: number, t: any) => s + t.restant_ha, 0), (v.transformaties ?? []).reduce((s: number, t: any[]) => s + t[8], 0));
  zelfde('gemeenten', api.per_gemeente.length, v.per_gemeente?.length);
  zelfde('toegewezen binnen de gemeente', api.per_gemeente.reduce((s: number, g: any) => s + g.toegewezen_binnen.ha, 0), (v.per_gemeente ?? []).reduce((s: number, g: any) => s + g.binnen, 0));
  for (const c of api.per_milieucategorie) {
    const w = v.per_milieucategorie?.find((x: any) => x.cat === c.milieucategorie);
    zelfde(`verloren ${c.milieucategorie}`, c.verloren.ha, w?.ha);
    zelfde(`kavels verloren ${c.milieucategorie}`, c.verloren.ids.kavel.length, w?.kavels?.length);
    zelfde(`compensatie ${c.milieucategorie}`, c.compensatie.ha, v.compensatie_per_milieucategorie?.find((x: any) => x.cat === c.milieucategorie)?.ha);
  }
  const totaal = (planstatus: string) => v.plancapaciteit?.find((x: any) => x.planstatus === planstatus && x.cat === null && x.status === null)?.ha;
  zelfde('plancapaciteit hard', api.plancapaciteit.hard.ha, totaal('hard'));
  zelfde('plancapaciteit zacht', api.plancapaciteit.zacht.ha, totaal('zacht'));
  return uit;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/** The real server on the dataset, signed in as a stuurgroep account made for the run. */
async function monitorBench(d: Dataset): Promise<Rij[]> {
  return withSignedInServer(d, {}, async (get) => {
    const { rows } = await d.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM kavel`);
    const vandaag = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });
    // On PostgreSQL the floor has a connection of its own without JIT: PostgreSQL misjudges
    // the rows of the jsonb functions by a factor of 10,000 and would otherwise spend a
    // second compiling. (The embedded database has no JIT, and one connection for both.)
    const eigen = d.mode === 'postgres' ? await d.pool.connect() : null;
    const vloerClient = eigen ?? d.pool;
    try {
      if (eigen) await eigen.query('SET jit = off');
      const vloer = (m: Moment) => async () => (await vloerClient.query(vloerSql(m), [m.peildatum, 'infinity'])).rows[0];
      const rij = async (vraag: string, pad: string, sql: () => Promise<unknown>): Promise<Rij> =>
        ({ dataset: d.label, kavels: rows[0].n, vraag, ...await meetSamen(() => get(pad), sql).then(([http, vloer]) => ({ http, sql: vloer })) });
      // The balance also checked against its floor: the same figures, or the differences named.
      const balans = async (vraag: string, pad: string, m: Moment): Promise<Rij> => ({
        ...await rij(vraag, pad, vloer(m)),
        zelfde: verschillen(JSON.parse((await get(pad)).body.toString('utf8')), ((await vloer(m)()) as { v: unknown }).v),
      });
      return [
        await balans('nu', '/api/balans', { soort: 'actueel', peildatum: vandaag }),
        await balans(`peildatum ${PAST}`, `/api/balans?peildatum=${PAST}`, { soort: 'historie', peildatum: PAST }),
        await rij('reeks 2020–2040', '/api/balans/reeks?van=2020&tot=2040', async () => (await vloerClient.query(VLOER_REEKS, [2020, 2040])).rows[0]),
        ...await keuzesBench(d, rows[0].n),
      ];
    } finally {
      if (eigen) {
        await eigen.query('RESET jit');
        eigen.release();
      }
    }
  });
}

/**
 * The werkgroep's list to choose a transformatie from for a toewijzing (no geometry): HTTP
 * against its one query, for the compensatie with the most toewijzingen.
 */
async function keuzesBench(d: Dataset, kavels: number): Promise<Rij[]> {
  const { rows: [c] } = await d.pool.query<{ id: number; gemeente: string }>(
    `SELECT c.id, g.naam AS gemeente FROM compensatie c JOIN gemeente g ON g.id = c.gemeente_id
       LEFT JOIN compensatie_toewijzing w ON w.compensatie_id = c.id
     GROUP BY c.id, g.naam ORDER BY count(w.id) DESC, c.id LIMIT 1`);
  if (!c) return [];
  // A werkgroep member of the compensatie's gemeente (no second factor to give).
  return withSignedInServer(d, { rol: 'werkgroep', gemeente: c.gemeente }, async (get) => [{
    dataset: d.label, kavels, vraag: 'toewijzingskeuzes',
    ...await meetSamen(() => get(`/api/compensaties/${c.id}/toewijzingen/keuzes`), () => selectKeuzes(d.pool, c.id)).then(([http, sql]) => ({ http, sql })),
  }]);
}

function printMonitor(rijen: Rij[]) {
  const ms = (x: number) => `${x.toFixed(0).padStart(6)} ms`;
  console.log(`\n== Monitor: HTTP tegen de kale SQL-ondergrens (mediaan en p95 van ${RUNS} keer, om en om gemeten, na ${WARMUP} keer opwarmen)`);
  console.log(`   ${'dataset'.padEnd(26)} ${'kavels'.padStart(7)}  ${'vraag'.padEnd(20)} ${'HTTP p50'.padStart(9)} ${'p95'.padStart(9)}   ${'SQL p50'.padStart(9)} ${'p95'.padStart(9)}   ratio  zelfde cijfers`);
  for (const r of rijen) {
    const zelfde = r.zelfde === undefined ? '' : r.zelfde.length === 0 ? 'ja' : `NEE: ${r.zelfde.slice(0, 3).join('; ')}`;
    console.log(`   ${r.dataset.padEnd(26)} ${String(r.kavels).padStart(7)}  ${r.vraag.padEnd(20)} ${ms(r.http.p50)} ${ms(r.http.p95)}   ${ms(r.sql.p50)} ${ms(r.sql.p95)}   ${(r.http.p50 / r.sql.p50).toFixed(2).padStart(5)}  ${zelfde}`);
  }
  const nat = (n: number) => rijen.filter((r) => r.dataset === `landelijk ${n}` && r.vraag !== 'toewijzingskeuzes');
  const klein = nat(10_000);
  const groot = nat(100_000);
  if (klein.length && groot.length) {
    console.log('   groei 10k → 100k kavels (HTTP p50): ' + klein.map((k, i) => `${k.vraag} ${(groot[i].http.p50 / k.http.p50).toFixed(1)}×`).join(', '));
  }
}

async function embeddedRegio(): Promise<Dataset> {
  const { startEmbeddedDatabase } = await import('../server/db/embedded.ts');
  const { embeddedPool } = await import('../server/db/database.ts');
  const { migrate } = await import('../server/db/migrate.ts');
  const { seedIfEmpty } = await import('../geodata/load.ts');
  const dir = mkdtempSync(path.join(tmpdir(), 'schuifruimte-bench-'));
  const t = Date.now();
  const embedded = await startEmbeddedDatabase(dir);
  const pool = embeddedPool(embedded.url);
  await migrate(pool);
  await seedIfEmpty(pool);
  console.log(`(ingebouwde database met regiodata klaar in ${((Date.now() - t) / 1000).toFixed(1)} s)`);
  return {
    label: 'regio (ingebouwd)', pool, mode: 'embedded',
    close: async () => {
      await pool.end();
      await embedded.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The region in schema `regio` of the benchmark database (migrated and seeded once). */
async function postgresRegio(url: string): Promise<Dataset> {
  const { seedIfEmpty } = await import('../geodata/load.ts');
  await migreerSchema(url, 'regio');
  const pool = nationalPool(url, 'regio', 4);
  const seed = await seedIfEmpty(pool);
  if (seed.seeded) console.log(`(regiodata in schema regio geladen in ${(seed.ms / 1000).toFixed(1)} s)`);
  return { label: 'regio (PostgreSQL)', pool, mode: 'postgres', close: () => pool.end() };
}

/** Synthetic national data of `n` kavels in schema national_<n>, generated when missing or incomplete. */
async function landelijk(url: string, n: number): Promise<Dataset> {
  const schema = schemaVoor(n);
  let pool = nationalPool(url, schema, 4);
  const compleet = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM kavel`).then((r) => r.rows[0].n === omvang(n).kavels, () => false);
  if (!compleet) {
    await pool.end();
    const t = Date.now();
    console.log(`(landelijke dataset van ${n} kavels genereren in schema ${schema} …)`);
    await vulNationaal(url, n, { vervang: true, log: (s) => console.log(s) });
    console.log(`(klaar in ${((Date.now() - t) / 1000).toFixed(0)} s)`);
    pool = nationalPool(url, schema, 4);
  } else {
    // Data made before a later migration (e.g. the Web Mercator copies of the tiles) gets it now.
    await migreerSchema(url, schema);
  }
  return { label: `landelijk ${n}`, pool, mode: 'postgres', close: () => pool.end() };
}

/**
 * Bytes transferred for the first regional view of the app (issue 15): a new visitor
 * in headless Chromium signs in and waits for the map with all its layers; every
 * asset and all data, as sent (compressed), against their decoded size; then the
 * second visit of the same browser. A fresh embedded server with the region data,
 * unless BENCH_APP_URL names a running app (with BENCH_EMAIL and BENCH_WACHTWOORD).
 */
async function transferBench() {
  const { existsSync, readFileSync } = await import('node:fs');
  const { spawn } = await import('node:child_process');
  const { launchBrowser } = await import('../test/e2e/browser.ts');
  const { byKind, firstAndSecondVisit, formatBytes } = await import('./first-view.ts');
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    console.log(`\n== Eerste regiobeeld: overgeslagen (geen Chromium in ${chromium})`);
    return;
  }
  let baseUrl = process.env.BENCH_APP_URL;
  let account = { email: process.env.BENCH_EMAIL ?? '', wachtwoord: process.env.BENCH_WACHTWOORD ?? '' };
  let stop = async () => undefined as void;
  if (!baseUrl) {
    const { buildWeb } = await import('./build-web.ts');
    await buildWeb();
    const dir = mkdtempSync(path.join(tmpdir(), 'schuifruimte-bench-app-'));
    const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_URL: '', DATABASE_READ_URL: '', PGLITE_DATA_DIR: path.join(dir, 'pglite'),
        DEMO_ACCOUNTS_FILE: path.join(dir, 'demo-accounts.json') },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    stop = async () => {
      if (server.exitCode === null) await new Promise<void>((resolve) => { server.once('exit', () => resolve()); server.kill('SIGTERM'); });
      rmSync(dir, { recursive: true, force: true });
    };
    baseUrl = await new Promise<string>((resolve, reject) => {
      let output = '';
      server.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = output.match(/draait op (http:\/\/\S+?)\/?\s/);
        if (match) resolve(match[1]);
      });
      server.once('exit', (code) => reject(new Error(`server stopped (${code}):\n${output}`)));
    });
    const demo = JSON.parse(readFileSync(path.join(dir, 'demo-accounts.json'), 'utf8')) as { email: string; wachtwoord: string; rol: string }[];
    account = demo.find((a) => a.rol === 'stuurgroep')!;
  }
  const browser = await launchBrowser();
  try {
    const { first, second } = await firstAndSecondVisit(browser, baseUrl, account);
    const line = (label: string, n: number, bytes: number, body: number) =>
      console.log(`   ${label.padEnd(24)} ${String(n).padStart(3)} verzoeken  ${formatBytes(bytes).padStart(10)} verstuurd  ${formatBytes(body).padStart(10)} ongecomprimeerd`);
    console.log(`\n== Eerste regiobeeld in de browser (${baseUrl}, 1600×1000, inloggen tot kaart met alle lagen)`);
    for (const [kind, t] of Object.entries(byKind(first))) line(kind, t.n, t.bytes, t.body);
    line('totaal eerste bezoek', first.requests.length, first.bytes, first.body);
    console.log(`   ${'doel'.padEnd(24)} onder 1,5 MB op landelijke schaal`);
    const cached = second.requests.filter((r) => r.fromCache).length;
    line('tweede bezoek', second.requests.length, second.bytes, second.body);
    console.log(`   ${''.padEnd(24)} ${cached} uit de browsercache; het script van de kaartworker telt als verstuurd (niet waarneembaar)`);
  } finally {
    await browser.close();
    await stop();
  }
}

const url = process.env.BENCH_DATABASE_URL;
const rijen: Rij[] = [];
const tegels: TileRij[] = [];
const SKIP_TILES = !!process.env.BENCH_SKIP_TILES;
if (!process.env.BENCH_SKIP_REGION) {
  const regio = await embeddedRegio();
  try {
    if (!process.env.BENCH_SKIP_MONITOR) rijen.push(...await monitorBench(regio));
    if (!SKIP_TILES) tegels.push(...await tileBench(regio));
    if (!process.env.BENCH_SKIP_MATCHING) await matchingRun(regio.pool, 'Regiodata (voorbeeldbedrijven, seed)');
  } finally {
    await regio.close();
  }
}
if (url && (!process.env.BENCH_SKIP_MONITOR || !SKIP_TILES)) {
  const datasets: (() => Promise<Dataset>)[] = [];
  if (!process.env.BENCH_SKIP_REGION) datasets.push(() => postgresRegio(url));
  for (const n of (process.env.BENCH_SIZES ?? '10000,30000,100000').split(',').filter(Boolean).map(Number)) datasets.push(() => landelijk(url, n));
  for (const open of datasets) {
    const d = await open();
    try {
      if (!process.env.BENCH_SKIP_MONITOR) rijen.push(...await monitorBench(d));
      if (!SKIP_TILES) tegels.push(...await tileBench(d));
    } finally {
      await d.close();
    }
  }
}
if (rijen.length) printMonitor(rijen);
if (tegels.length) printTiles(tegels);
if (!url && !process.env.BENCH_SKIP_MONITOR) console.log('   (zet BENCH_DATABASE_URL voor PostgreSQL: regio en landelijk 10k / 30k / 100k kavels)');
if (!process.env.BENCH_SKIP_MATCHING) await matchingSyntheticBench(Number(process.env.BENCH_REQUESTS ?? 1000), Number(process.env.BENCH_KAVELS ?? 10000),
  Number(process.env.BENCH_TIME_LIMIT ?? 120));
if (!process.env.BENCH_SKIP_TRANSFER) await transferBench();
