// The matching part of `npm run bench` (scripts/bench.ts): the regional assignment
// end to end from the database — the hard rules and groups of adjacent kavels in
// SQL, the scores and the model in JavaScript, HiGHS with its time bound — against
// the greedy baseline, on the region data and on synthetic data.
//
//   BENCH_MATCHING_DATABASE_URL=postgres://…/leeg  an empty PostgreSQL database for the synthetic data
//                                                (filled on the first run, reused afterwards)
//   BENCH_REQUESTS=10000 BENCH_KAVELS=100000      other sizes (default 1,000 × 10,000)
//   BENCH_TIME_LIMIT=60                            HiGHS's time bound in seconds (default 120)
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { RegioUitkomst } from '../server/domain/matching-solver.ts';
import { gretig } from '../server/domain/matching-solver.ts';
import { laadInstellingen } from '../server/matching/queries.ts';
import type { Instellingen } from '../server/domain/matching-model.ts';
import { regioInstanceUitDatabase, solveRegioInThread } from '../server/matching/service.ts';
import { solveInThread, stopSolverThread } from '../server/matching/highs-thread.ts';
import { heeftBenchData, vulBenchData } from './bench-matching-data.ts';

const PEILDATUM = '2026-11-01';
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function regel(label: string, waarde: unknown) {
  console.log(`   ${label.padEnd(26)} ${waarde}`);
}

function uitkomst(label: string, u: RegioUitkomst) {
  regel(label, `status ${u.status}, doelwaarde ${u.doelwaarde.toFixed(1)}, ${u.toewijzingen.length} toegewezen, ` +
    `${u.ketens.length} ketens (langste ${Math.max(0, ...u.ketens.map((k) => k.stappen.length))}), rekentijd ${s(u.rekentijd_ms)}` +
    (u.gap !== undefined ? `, optimaliteitsgat ${(100 * u.gap).toFixed(3)} %` : ''));
}

/** One regional run from the database, timed per phase. */
async function eenRun(pool: pg.Pool, inst: Instellingen) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await regioInstanceUitDatabase(pool, inst, PEILDATUM);
  const t1 = performance.now();
  const optimaal = await solveRegioInThread(r.instance, inst.max_rekentijd_s);
  const t2 = performance.now();
  const basis = gretig(r.instance);
  const t3 = performance.now();
  return { r, optimaal, basis, t0, t1, t2, t3, cpu: process.cpuUsage(cpu0) };
}

/**
 * The regional assignment from the database with the time of each phase, as a running
 * server does it: after one run that is timed but not broken down. In a fresh process
 * the first run also compiles what it uses (V8 compiles HiGHS's WebAssembly as it first
 * runs, 1–1.5 s of the first solve here), as the other benchmarks' warm-up calls do.
 */
export async function matchingRun(pool: pg.Pool, label: string, tijdslimiet_s?: number) {
  const inst = await laadInstellingen(pool);
  if (tijdslimiet_s !== undefined) inst.max_rekentijd_s = tijdslimiet_s;
  // The server keeps its solver thread; start it (and load HiGHS) before the clock runs.
  await solveInThread('Maximize\n obj: x\nSubject To\n c1: x <= 1\nEnd', { output_flag: false });
  const eerste = await eenRun(pool, inst);
  // BENCH_MATCHING_ONCE: one run, broken down (at 10,000 × 100,000 a second run doubles many minutes).
  const once = !!process.env.BENCH_MATCHING_ONCE;
  const { r, optimaal, basis, t0, t1, t2, t3, cpu } = once ? eerste : await eenRun(pool, inst);
  const verschil = optimaal.doelwaarde - basis.doelwaarde;
  console.log(`\n== ${label}`);
  regel('vragen × kavels', `${r.vragen.length} × ${r.aantalKavels} (beschikbaar of van een vragend bedrijf)`);
  regel('opties in het model', `${r.instance.opties.length} (max ${inst.max_opties_per_vraag} per vraag, incl. samengevoegde kavels)`);
  // The database searches the next batch of requests while one is scored: SQL is the wait for the database beyond the scoring.
  regel('laden + harde eisen (SQL)', s(r.kandidaten_sql_ms + (t1 - t0 - r.opbouw_ms)));
  regel('scores (JS)', s(r.opbouw_ms - r.kandidaten_sql_ms));
  regel('HiGHS (worker, met model)', s(t2 - t1));
  regel('gretig', s(t3 - t2));
  regel('end to end', `${s(t3 - t0)} (CPU van dit proces ${s((cpu.user + cpu.system) / 1000)}; belasting ${loadavg()[0].toFixed(1)} op ${cpus().length} kernen)`);
  regel('eerste run na de start', once ? 'is de run hierboven (BENCH_MATCHING_ONCE)' : `${s(eerste.t3 - eerste.t0)} (waarvan HiGHS ${s(eerste.t2 - eerste.t1)})`);
  uitkomst('HiGHS', optimaal);
  uitkomst('gretig', basis);
  regel('verschil', `${verschil >= 0 ? '+' : ''}${verschil.toFixed(1)} (${basis.doelwaarde > 0 ? ((100 * verschil) / basis.doelwaarde).toFixed(1) : '–'} %)` +
    (optimaal.doelwaarde + 1e-6 >= basis.doelwaarde ? '' : '  ** ONDER GRETIG **'));
  return { totaal_ms: t3 - t0, optimaal, basis };
}

/** The synthetic data set in its own database: PostgreSQL when given, else a fresh embedded one. */
export async function matchingSyntheticBench(nVragen: number, nKavels: number, tijdslimiet_s: number) {
  const url = process.env.BENCH_MATCHING_DATABASE_URL;
  let pool: pg.Pool;
  let cleanup: () => Promise<void>;
  const { migrate } = await import('../server/db/migrate.ts');
  if (url) {
    pool = new pg.Pool({ connectionString: url, max: 2 });
    cleanup = async () => pool.end();
  } else {
    const { startEmbeddedDatabase } = await import('../server/db/embedded.ts');
    const { embeddedPool } = await import('../server/db/database.ts');
    const dir = mkdtempSync(path.join(tmpdir(), 'schuifruimte-bench-matching-'));
    const embedded = await startEmbeddedDatabase(dir);
    pool = embeddedPool(embedded.url);
    cleanup = async () => {
      await pool.end();
      await embedded.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  try {
    await migrate(pool);
    if (!(await heeftBenchData(pool, nVragen, nKavels))) {
      const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM kavel');
      if (rows[0].n > 0) throw new Error('BENCH_MATCHING_DATABASE_URL: use an empty database (it holds other kavels)');
      const t = performance.now();
      await vulBenchData(pool, nVragen, nKavels);
      console.log(`(synthetische data geschreven in ${s(performance.now() - t)}, buren bijgehouden door de trigger)`);
    }
    return await matchingRun(pool, `Synthetisch uit de database (${url ? 'PostgreSQL' : 'ingebed'}): ${nVragen} vragen × ${nKavels} kavels, tijdslimiet ${tijdslimiet_s} s`, tijdslimiet_s);
  } finally {
    await cleanup();
    await stopSolverThread();
  }
}
