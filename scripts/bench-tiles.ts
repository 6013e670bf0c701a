// Benchmark of the vector tiles (issue 15): HTTP time of GET /tiles/kavels/<z>/<x>/<y>.pbf
// on the real server against the bare ST_AsMVT query of the same tile (the floor a tile
// server such as Martin works from: same rows, same columns, no session, version,
// ETag or compression). Per zoom the densest tile (the most kavels) and, at z10 and z14,
// the median tile of those with kavels: the server's own cost per tile is about
// constant (the HTTP exchange, the session and compression), so the ratio is largest
// where the bare query costs least, the small tiles.
// The server runs without its tile cache, so every request reaches the database;
// the cached time (a tile asked for again under the same version) is shown beside it.
// Beside them, on PostgreSQL, the least any HTTP tile server takes here: a bare
// node:http server that answers the tile's path with the bare query's bytes (no
// session, version, ETag or compression), timed by the same client in the same turns.
// Its ratio to the bare query is the HTTP exchange alone.
import http from 'node:http';
import type pg from 'pg';
import { tileAt, TILE_BUFFER, TILE_EXTENT, type TileCoord } from '../server/domain/tiles.ts';
import { tileAttributes } from '../server/tiles/attributes.ts';
import { keptAliveClient, meet, meetInTurns, RUNS, WARMUP, withSignedInServer, type Get, type Stat } from './bench-harness.ts';
import { TILE_CONTENT_TYPE } from '../server/tiles/routes.ts';

export interface TileDataset {
  label: string;
  pool: pg.Pool;
  mode: 'embedded' | 'postgres';
}

export interface TileRij {
  dataset: string;
  kavels: number;
  tegel: string;
  bytes: number;
  verstuurd: number;
  features: number;
  http: Stat;
  cache: Stat;
  sql: Stat | null;
  /** The bare HTTP server (PostgreSQL only). */
  kaal: Stat | null;
}

/** A point on each kavel (WGS84). */
async function kavelPoints(pool: pg.Pool): Promise<[number, number][]> {
  const { rows } = await pool.query<{ lon: number; lat: number }>(
    `SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (SELECT ST_Transform(ST_PointOnSurface(geom), 4326) AS p FROM kavel) s`);
  return rows.map((r) => [r.lon, r.lat]);
}

/** Kavels per tile of zoom z: the densest tile and the median one of those with kavels. */
function tilesOfZoom(points: readonly [number, number][], z: number): { dichtst: TileCoord; mediaan: TileCoord } {
  const counts = new Map<string, { coord: TileCoord; n: number }>();
  for (const [lon, lat] of points) {
    const coord = tileAt(lon, lat, z);
    const key = `${coord.x}/${coord.y}`;
    const c = counts.get(key) ?? counts.set(key, { coord, n: 0 }).get(key)!;
    c.n++;
  }
  const byCount = [...counts.values()].sort((a, b) => a.n - b.n || a.coord.x - b.coord.x || a.coord.y - b.coord.y);
  const densest = Math.max(...byCount.map((c) => c.n));
  return { dichtst: byCount.find((c) => c.n === densest)!.coord, mediaan: byCount[Math.floor(byCount.length / 2)].coord };
}

/** The bare query: kavels of one tile as MVT, with the columns the stuurgroep's tiles carry. */
function bareSql() {
  const columns = Object.entries(tileAttributes('kavels', 'stuurgroep').columns).map(([name, expr]) => `${expr} AS "${name}"`).join(', ');
  return `SELECT ST_AsMVT(t.*, 'kavels', ${TILE_EXTENT}, 'geom', 'id') AS mvt FROM (
            SELECT x.id, ${columns}, ST_AsMVTGeom(x.geom_3857, ST_TileEnvelope($1, $2, $3), ${TILE_EXTENT}, ${TILE_BUFFER}, true) AS geom
            FROM kavel x WHERE x.geom_3857 && ST_TileEnvelope($1, $2, $3, margin => ${TILE_BUFFER / TILE_EXTENT})) t`;
}

/** A bare HTTP tile server: /z/x/y answered with the bare query's bytes, nothing else. */
async function withBareServer<T>(pool: pg.Pool, sql: string, run: (get: Get) => Promise<T>): Promise<T> {
  const server = http.createServer((req, res) => {
    const [z, x, y] = (req.url ?? '').split('/').slice(1).map(Number);
    pool.query<{ mvt: Buffer }>(sql, [z, x, y]).then(({ rows }) => {
      res.writeHead(200, { 'content-type': TILE_CONTENT_TYPE, 'content-length': rows[0].mvt.length });
      res.end(rows[0].mvt);
    }, (err: Error) => res.writeHead(500).end(err.message));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const client = keptAliveClient((server.address() as { port: number }).port);
  try {
    return await run(client.get);
  } finally {
    client.close();
    server.close();
  }
}

const withServer = <T>(d: TileDataset, cacheBytes: number, run: (get: Get) => Promise<T>) =>
  withSignedInServer(d, { tileCacheBytes: cacheBytes }, run);

export async function tileBench(d: TileDataset): Promise<TileRij[]> {
  const { rows: [{ n: kavels }] } = await d.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM kavel`);
  const points = await kavelPoints(d.pool);
  const tiles: { coord: TileCoord; soort: string }[] = [];
  for (const z of [8, 10, 14]) {
    const { dichtst, mediaan } = tilesOfZoom(points, z);
    tiles.push({ coord: dichtst, soort: 'dichtst' });
    if (z > 8) tiles.push({ coord: mediaan, soort: 'mediaan' });
  }
  const sql = bareSql();
  const rijen: TileRij[] = [];
  // Uncached: every request reaches the database (PostgreSQL: ST_AsMVT; embedded: the index).
  await withServer(d, 0, (get) => withBareServer(d.pool, sql, async (bareGet) => {
    for (const { coord: t, soort } of tiles) {
      const pad = `/tiles/kavels/${t.z}/${t.x}/${t.y}.pbf`;
      const first = await get(pad);
      let http: Stat;
      let floor: { stat: Stat; kaal: Stat; rows: Buffer } | null = null;
      if (d.mode === 'postgres') {
        const [h, vloer, kaal] = await meetInTurns([() => get(pad), () => d.pool.query(sql, [t.z, t.x, t.y]), () => bareGet(`/${t.z}/${t.x}/${t.y}`)]);
        http = h;
        floor = { stat: vloer, kaal, rows: (await d.pool.query<{ mvt: Buffer }>(sql, [t.z, t.x, t.y])).rows[0].mvt };
      } else {
        http = await meet(() => get(pad));
      }
      const { rows: [{ n }] } = await d.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM kavel WHERE geom_3857 && ST_TileEnvelope($1, $2, $3)`, [t.z, t.x, t.y]);
      rijen.push({
        dataset: d.label, kavels, tegel: `z${t.z}/${t.x}/${t.y} ${soort}`, bytes: floor?.rows.length ?? first.bytes, verstuurd: first.sent,
        features: n, http, cache: { p50: NaN, p95: NaN }, sql: floor?.stat ?? null, kaal: floor?.kaal ?? null,
      });
    }
  }));
  // With the server's cache (a tile of the same version asked for again).
  await withServer(d, 64 * 1024 * 1024, async (get) => {
    for (const [i, { coord: t }] of tiles.entries()) rijen[i].cache = await meet(() => get(`/tiles/kavels/${t.z}/${t.x}/${t.y}.pbf`));
  });
  return rijen;
}

export function printTiles(rijen: TileRij[]) {
  const ms = (x: number) => (Number.isNaN(x) ? '–'.padStart(9) : `${x.toFixed(1).padStart(6)} ms`);
  const kb = (b: number) => `${(b / 1024).toFixed(1).padStart(7)} KB`;
  const ratio = (a: Stat, b: Stat | null) => (b ? (a.p50 / b.p50).toFixed(2) : ' –  ').padStart(5);
  console.log(`\n== Vectortegels kavels: HTTP (zonder tegelcache) tegen kale ST_AsMVT (mediaan en p95 van ${RUNS} keer, om en om gemeten, na ${WARMUP} keer opwarmen)`);
  console.log(`   ${'dataset'.padEnd(22)} ${'kavels'.padStart(7)}  ${'tegel'.padEnd(24)} ${'in tegel'.padStart(8)} ${'MVT'.padStart(10)} ${'verstuurd'.padStart(10)}  ${'HTTP p50'.padStart(9)} ${'p95'.padStart(9)}  ${'SQL p50'.padStart(9)} ${'p95'.padStart(9)}  ratio  ${'kaal HTTP'.padStart(9)} ratio  ${'cache p50'.padStart(9)}`);
  for (const r of rijen) {
    console.log(`   ${r.dataset.padEnd(22)} ${String(r.kavels).padStart(7)}  ${r.tegel.padEnd(24)} ${String(r.features).padStart(8)} ${kb(r.bytes)} ${kb(r.verstuurd)}  ${ms(r.http.p50)} ${ms(r.http.p95)}  ${r.sql ? ms(r.sql.p50) : '–'.padStart(9)} ${r.sql ? ms(r.sql.p95) : '–'.padStart(9)}  ${ratio(r.http, r.sql)}  ${r.kaal ? ms(r.kaal.p50) : '–'.padStart(9)} ${r.kaal ? ratio(r.kaal, r.sql) : ' –  '.padStart(5)}  ${ms(r.cache.p50)}`);
  }
  console.log('   doel: ratio ≤ 1,3 op PostgreSQL (ingebouwd: geojson-vt-index in een worker, geen ST_AsMVT)');
  console.log('   kaal HTTP: een kale node:http-server die alleen de kale query beantwoordt (geen sessie, versie, ETag of compressie): wat elke HTTP-tegelserver hier minstens kost');
}
