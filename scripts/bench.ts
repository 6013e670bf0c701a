// Benchmarks: the regional assignment (issue #6), HiGHS against the greedy
// one-at-a-time baseline, end to end from the database on the region data and on
// synthetic data of 1,000 requests × 10,000 kavels (scripts/bench-matching.ts);
// and the map and monitor reads on the region data.
// Prints times and objectives; asserts nothing.
//
//   npm run bench                                  # region data in a fresh embedded database (~25 s setup)
//   BENCH_DATABASE_URL=postgres://… npm run bench  # region data from an existing, seeded database
//   BENCH_SKIP_REGION=1 npm run bench              # synthetic matching data only
//   BENCH_MATCHING_DATABASE_URL=postgres://… …     # synthetic matching data in this (empty) PostgreSQL database
//   BENCH_REQUESTS=10000 BENCH_KAVELS=100000 …     # other sizes
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { matchingRun, matchingSyntheticBench } from './bench-matching.ts';

const PEILDATUM = '2026-11-01';

async function regionBench() {
  let pool: pg.Pool;
  let cleanup = async () => undefined as void;
  const url = process.env.BENCH_DATABASE_URL;
  if (url) {
    pool = new pg.Pool({ connectionString: url, max: 1 });
    cleanup = async () => pool.end();
  } else {
    const { startEmbeddedDatabase } = await import('../server/db/embedded.ts');
    const { embeddedPool } = await import('../server/db/database.ts');
    const { migrate } = await import('../server/db/migrate.ts');
    const { seedIfEmpty } = await import('../geodata/load.ts');
    const dir = mkdtempSync(path.join(tmpdir(), 'schuifruimte-bench-'));
    const t = Date.now();
    const embedded = await startEmbeddedDatabase(dir);
    pool = embeddedPool(embedded.url);
    await migrate(pool);
    await seedIfEmpty(pool);
    console.log(`(embedded database ready in ${((Date.now() - t) / 1000).toFixed(1)} s)`);
    cleanup = async () => {
      await pool.end();
      await embedded.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  try {
    await matchingRun(pool, 'Regiodata (voorbeeldbedrijven, seed)');
    await monitorBench(pool);
  } finally {
    await cleanup();
  }
}

/** The map and monitor reads on the region data: median of a few runs each. */
async function monitorBench(pool: pg.Pool) {
  const { computeBalans } = await import('../server/balans/service.ts');
  const { listFeatures } = await import('../server/layers/queries.ts');
  const { layers } = await import('../server/layers/definitions.ts');
  const median = async (fn: () => Promise<unknown>, runs = 5) => {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await fn();
      times.push(performance.now() - t);
    }
    return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
  };
  const kavels = layers.find((l) => l.path === 'kavels')!;
  console.log('\n== Kaart en monitor (regiodata, mediaan van 5)');
  console.log(`   ${'GET /api/kavels'.padEnd(30)} ${(await median(() => listFeatures(pool, kavels))).toFixed(0)} ms`);
  console.log(`   ${'balans (nu)'.padEnd(30)} ${(await median(() => computeBalans(pool, { tijdstip: 'infinity', peildatum: PEILDATUM }))).toFixed(0)} ms`);
  console.log(`   ${'balans (nu, met milieuruimte)'.padEnd(30)} ${(await median(() => computeBalans(pool, { tijdstip: 'infinity', peildatum: PEILDATUM, milieuruimte: true }))).toFixed(0)} ms`);
  console.log(`   ${'balans (peildatum 2026-01-01)'.padEnd(30)} ${(await median(() => computeBalans(pool, { tijdstip: '2026-01-01 23:59:59 Europe/Amsterdam', peildatum: '2026-01-01' }))).toFixed(0)} ms`);
  console.log(`   ${'RSS van dit proces'.padEnd(30)} ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
}

if (!process.env.BENCH_SKIP_REGION) await regionBench();
await matchingSyntheticBench(Number(process.env.BENCH_REQUESTS ?? 1000), Number(process.env.BENCH_KAVELS ?? 10000),
  Number(process.env.BENCH_TIME_LIMIT ?? 120));
