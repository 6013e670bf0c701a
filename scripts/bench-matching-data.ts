// Synthetic matching data for the benchmark (scripts/bench.ts): terreinen as grids
// of 10 × 10 kavels, 30 % in use, half of the requesting companies on a kavel of
// their own. The same seeded sequence as the in-memory instance the benchmark used
// before matching moved into the database, now written as real rows: every kavel a
// cross-shaped polygon in a 200 m cell whose arms meet its four grid neighbours
// along a 5 m edge, so that PostGIS finds exactly the grid's adjacency and the
// kavel's area is the generated hectares.
import type pg from 'pg';
import { createRandom } from '../geodata/random.ts';
import { inTransaction } from '../server/db/database.ts';

export const BENCH_BRON = 'bench-matching';

interface GenKavel {
  id: number; terrein: number; gemeente: number; status: string; planstatus: 'hard' | 'zacht';
  mc_min: number | null; mc_max: number; watergebonden: boolean; beschikbaar_vanaf: string | null; ha: number;
}
interface GenVraag {
  id: number; min_ha: number; max_ha: number; mc: number; watergebonden: boolean; gemeente: number;
  gewenst_vanaf: string; gewenst_tot: string; voorrang: boolean; arbeidsplaatsen: number; huidige_kavel: number | null;
}

const PER_TERREIN = 100;
const SIDE = 10;
const CEL = 200;
const ARM = 5;

export function genereer(nVragen: number, nKavels: number, seed = 71): { kavels: GenKavel[]; vragen: GenVraag[] } {
  const random = createRandom(seed);
  const kavels: GenKavel[] = [];
  for (let i = 0; i < nKavels; i++) {
    const terrein = Math.floor(i / PER_TERREIN);
    const status = random.chance(0.3) ? 'bezet' : random.pick(['beschikbaar', 'potentieel', 'vrijkomend']);
    const max = random.int(2, 9);
    const planstatus = random.chance(0.4) ? 'hard' : 'zacht';
    const mc_min = random.chance(0.2) ? random.int(1, max) : null;
    const watergebonden = random.chance(0.1);
    const beschikbaar_vanaf = status === 'beschikbaar' ? null : `${random.int(2026, 2032)}-01-01`;
    const ha = Math.round(random.between(0.3, 3) * 100) / 100;
    kavels.push({ id: i + 1, terrein: terrein + 1, gemeente: (terrein % 6) + 1, status, planstatus, mc_min, mc_max: max, watergebonden, beschikbaar_vanaf, ha });
  }
  const bezet = kavels.filter((k) => k.status === 'bezet');
  const occupied = new Set<number>();
  const vragen: GenVraag[] = [];
  for (let i = 0; i < nVragen; i++) {
    let huidige: number | null = null;
    if (random.chance(0.5)) {
      const k = random.pick(bezet);
      if (!occupied.has(k.id)) { occupied.add(k.id); huidige = k.id; }
    }
    const min = Math.round(random.between(0.3, 3) * 10) / 10;
    const gewenst_vanaf = `${random.int(2026, 2029)}-0${random.int(1, 9)}-01`;
    const max_ha = Math.round(min * random.between(1.2, 1.8) * 10) / 10;
    const mc = random.int(1, 7);
    const watergebonden = random.chance(0.05);
    const gemeente = random.int(1, 6);
    const gewenst_tot = `${random.int(2030, 2034)}-12-31`;
    const voorrang = random.chance(0.15);
    const arbeidsplaatsen = random.int(5, 200);
    vragen.push({ id: i + 1, min_ha: min, max_ha, mc, watergebonden, gemeente, gewenst_vanaf, gewenst_tot, voorrang, arbeidsplaatsen, huidige_kavel: huidige });
  }
  return { kavels, vragen };
}

/** Lower-left corner of a kavel's cell (RD New). */
function cel(index: number) {
  const terrein = Math.floor(index / PER_TERREIN);
  const local = index % PER_TERREIN;
  return {
    x: 50_000 + (terrein % 20) * (SIDE * CEL + 1000) + (local % SIDE) * CEL,
    y: 400_000 + Math.floor(terrein / 20) * (SIDE * CEL + 1000) + Math.floor(local / SIDE) * CEL,
  };
}

/** A cross in its cell: a centre square of side s and four arms of width ARM to the cell's edges; area s² + 2·ARM·(CEL − s). */
function kruis(index: number, ha: number): string {
  const area = ha * 10_000;
  const s = ARM + Math.sqrt(ARM * ARM - 2 * ARM * CEL + area);
  const { x, y } = cel(index);
  const m = CEL / 2;
  const a = ARM / 2;
  const h = s / 2;
  const p = (dx: number, dy: number) => `${x + dx} ${y + dy}`;
  const ring = [
    p(m - a, 0), p(m + a, 0), p(m + a, m - h), p(m + h, m - h), p(m + h, m - a), p(CEL, m - a), p(CEL, m + a), p(m + h, m + a),
    p(m + h, m + h), p(m + a, m + h), p(m + a, CEL), p(m - a, CEL), p(m - a, m + h), p(m - h, m + h), p(m - h, m + a), p(0, m + a),
    p(0, m - a), p(m - h, m - a), p(m - h, m - h), p(m - a, m - h), p(m - a, 0),
  ];
  return `MULTIPOLYGON(((${ring.join(', ')})))`;
}

const MC_CODES = ['1', '2', '3.1', '3.2', '4.1', '4.2', '5.1', '5.2', '5.3', '6'];
const code = (volgorde: number) => MC_CODES[volgorde - 1];

/** Is the synthetic data of this size already in the database? */
export async function heeftBenchData(pool: pg.Pool, nVragen: number, nKavels: number): Promise<boolean> {
  const { rows } = await pool.query<{ k: number; v: number }>(
    `SELECT (SELECT count(*)::int FROM kavel WHERE bron = $1) AS k, (SELECT count(*)::int FROM ruimtevraag WHERE bron = $1) AS v`, [BENCH_BRON]);
  return rows[0].k === nKavels && rows[0].v === nVragen;
}

/** Writes the synthetic data into an empty database (migrated, no region data). */
export async function vulBenchData(pool: pg.Pool, nVragen: number, nKavels: number, seed = 71): Promise<void> {
  const { kavels, vragen } = genereer(nVragen, nKavels, seed);
  const nTerreinen = Math.ceil(nKavels / PER_TERREIN);
  await inTransaction(pool, async (c) => {
    await c.query(`SELECT set_config('app.audit_reden', 'benchmarkdata', true)`);
    const g0 = (await c.query<{ n: number }>(`SELECT coalesce(max(id), 0)::int AS n FROM gemeente`)).rows[0].n;
    const t0 = (await c.query<{ n: number }>(`SELECT coalesce(max(id), 0)::int AS n FROM terrein`)).rows[0].n;
    const k0 = (await c.query<{ n: number }>(`SELECT coalesce(max(id), 0)::int AS n FROM kavel`)).rows[0].n;
    const gemeenten = [1, 2, 3, 4, 5, 6].map((i) => g0 + i);
    await c.query(
      `INSERT INTO gemeente (id, code, naam, geom, bron)
       SELECT id, 'GM99' || lpad(id::text, 2, '0'), 'Benchgemeente ' || id,
              ST_Multi(ST_MakeEnvelope(0, 0, 1, 1, 28992)), $2 FROM unnest($1::int[]) id`,
      [gemeenten, BENCH_BRON]);
    const terreinen = Array.from({ length: nTerreinen }, (_, i) => i);
    await c.query(
      `INSERT INTO terrein (id, naam, gemeente_id, geom, bron)
       SELECT $1::int + t + 1, 'Benchterrein ' || (t + 1), $2::int + (t % 6) + 1,
              ST_Multi(ST_MakeEnvelope(x, y, x + $3::float8, y + $3::float8, 28992)), $4
       FROM unnest($5::int[], $6::float8[], $7::float8[]) AS u(t, x, y)`,
      [t0, g0, SIDE * CEL, BENCH_BRON, terreinen, terreinen.map((t) => cel(t * PER_TERREIN).x), terreinen.map((t) => cel(t * PER_TERREIN).y)]);
    await c.query(
      `INSERT INTO kavel (id, terrein_id, status, planstatus, milieucategorie_min, milieucategorie_max, watergebonden, beschikbaar_vanaf, geom, bron)
       SELECT $1::int + u.id, $2::int + u.terrein, u.status, u.planstatus, u.mc_min, u.mc_max, u.water, u.vanaf::date,
              ST_Multi(ST_SnapToGrid(ST_GeomFromText(u.wkt, 28992), 0.001)), $3
       FROM unnest($4::int[], $5::int[], $6::text[], $7::text[], $8::text[], $9::text[], $10::boolean[], $11::text[], $12::text[])
         AS u(id, terrein, status, planstatus, mc_min, mc_max, water, vanaf, wkt)`,
      [k0, t0, BENCH_BRON, kavels.map((k) => k.id), kavels.map((k) => k.terrein), kavels.map((k) => k.status), kavels.map((k) => k.planstatus),
        kavels.map((k) => (k.mc_min === null ? null : code(k.mc_min))), kavels.map((k) => code(k.mc_max)), kavels.map((k) => k.watergebonden),
        kavels.map((k) => k.beschikbaar_vanaf), kavels.map((k, i) => kruis(i, k.ha))]);
    const b0 = (await c.query<{ n: number }>(`SELECT coalesce(max(id), 0)::int AS n FROM bedrijf`)).rows[0].n;
    await c.query(
      `INSERT INTO bedrijf (id, naam, arbeidsplaatsen, huidige_kavel_id, bron)
       SELECT $1::int + u.id, 'Benchbedrijf ' || u.id, u.banen, $2::int + u.kavel, $3
       FROM unnest($4::int[], $5::int[], $6::int[]) AS u(id, banen, kavel)`,
      [b0, k0, BENCH_BRON, vragen.map((v) => v.id), vragen.map((v) => v.arbeidsplaatsen), vragen.map((v) => v.huidige_kavel)]);
    await c.query(
      `INSERT INTO ruimtevraag (bedrijf_id, min_ha, max_ha, milieucategorie, watergebonden, gewenste_gemeente_ids, gewenst_vanaf, gewenst_tot,
                                reden, voorrang, bron)
       SELECT $1::int + u.id, u.min_ha, u.max_ha, u.mc, u.water, ARRAY[$2::int + u.gemeente], u.vanaf::date, u.tot::date, 'groei', u.voorrang, $3
       FROM unnest($4::int[], $5::float8[], $6::float8[], $7::text[], $8::boolean[], $9::int[], $10::text[], $11::text[], $12::boolean[])
         AS u(id, min_ha, max_ha, mc, water, gemeente, vanaf, tot, voorrang)
       ORDER BY u.id`,
      [b0, g0, BENCH_BRON, vragen.map((v) => v.id), vragen.map((v) => v.min_ha), vragen.map((v) => v.max_ha), vragen.map((v) => code(v.mc)),
        vragen.map((v) => v.watergebonden), vragen.map((v) => v.gemeente), vragen.map((v) => v.gewenst_vanaf), vragen.map((v) => v.gewenst_tot),
        vragen.map((v) => v.voorrang)]);
    for (const t of ['gemeente', 'terrein', 'kavel', 'bedrijf']) {
      await c.query(`SELECT setval(pg_get_serial_sequence('${t}', 'id'), (SELECT max(id) FROM ${t}))`);
    }
  });
  await pool.query('ANALYZE');
}
