// Benchmarks: the regional assignment (issue #6), HiGHS against the greedy
// one-at-a-time baseline, on the region data and on generated data of
// 1,000 requests × 10,000 kavels (an in-memory instance, no database); and
// the map and monitor reads on the region data.
// Prints times and objectives; asserts nothing.
//
//   npm run bench                                  # region data in a fresh embedded database (~25 s setup)
//   BENCH_DATABASE_URL=postgres://… npm run bench  # region data from an existing, seeded database
//   BENCH_SKIP_REGION=1 npm run bench              # generated data only
//   BENCH_REQUESTS=2000 BENCH_KAVELS=20000 …       # other sizes
//   BENCH_SKIP_TRANSFER=1 npm run bench            # without the first-view transfer (headless Chromium)
//   BENCH_APP_URL=http://… BENCH_EMAIL=… BENCH_WACHTWOORD=… npm run bench  # transfer of a running app (e.g. national data)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createRandom } from '../geodata/random.ts';
import { STANDAARD_INSTELLINGEN, type MatchKavel, type MatchVraag } from '../server/domain/matching.ts';
import { gretig, solveRegio, type RegioUitkomst } from '../server/domain/matching-solver.ts';
import { bouwRegioInstance, laadHighs, regioToewijzing } from '../server/matching/regio.ts';
import { laadInstellingen } from '../server/matching/data.ts';

const PEILDATUM = '2026-11-01';

function report(label: string, info: Record<string, unknown>, opt: RegioUitkomst, greedy: RegioUitkomst) {
  const gain = opt.doelwaarde - greedy.doelwaarde;
  console.log(`\n== ${label}`);
  for (const [k, v] of Object.entries(info)) console.log(`   ${k.padEnd(22)} ${v}`);
  console.log(`   ${'HiGHS'.padEnd(22)} status ${opt.status}, doelwaarde ${opt.doelwaarde.toFixed(1)}, ` +
    `${opt.toewijzingen.length} toegewezen, ${opt.ketens.length} ketens (langste ${Math.max(0, ...opt.ketens.map((k) => k.stappen.length))}), ` +
    `rekentijd ${(opt.rekentijd_ms / 1000).toFixed(2)} s`);
  console.log(`   ${'gretig'.padEnd(22)} doelwaarde ${greedy.doelwaarde.toFixed(1)}, ${greedy.toewijzingen.length} toegewezen, ` +
    `${greedy.ketens.length} ketens, rekentijd ${(greedy.rekentijd_ms / 1000).toFixed(2)} s`);
  console.log(`   ${'verschil'.padEnd(22)} +${gain.toFixed(1)} (${greedy.doelwaarde > 0 ? ((100 * gain) / greedy.doelwaarde).toFixed(1) : '–'} %)`);
}

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
    const inst = await laadInstellingen(pool);
    const t = Date.now();
    const r = await regioToewijzing(pool, inst, PEILDATUM);
    report('Regiodata (voorbeeldbedrijven, seed)', {
      vragen: r.samenvatting.vragen, kavels: r.samenvatting.kavels, opties: r.samenvatting.opties,
      'laden + opbouw': `${((Date.now() - t - r.optimaal.rekentijd_ms - r.gretig.rekentijd_ms) / 1000).toFixed(2)} s`,
    }, r.optimaal, r.gretig);
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

/** Terreinen as grids of kavels; 30 % in use by others, some by the requesting companies themselves. */
function generate(nVragen: number, nKavels: number, seed = 71) {
  const random = createRandom(seed);
  const perTerrein = 100;
  const side = 10;
  const kavels: MatchKavel[] = [];
  const buren = new Map<number, number[]>();
  for (let i = 0; i < nKavels; i++) {
    const terrein = Math.floor(i / perTerrein);
    const local = i % perTerrein;
    const ox = (terrein % 20) * 3000;
    const oy = Math.floor(terrein / 20) * 3000;
    const status = random.chance(0.3) ? 'bezet' : random.pick(['beschikbaar', 'potentieel', 'vrijkomend']);
    const max = random.int(2, 9);
    kavels.push({
      id: i + 1, terrein_id: terrein + 1, gemeente_id: (terrein % 6) + 1, in_regio: true, status,
      planstatus: random.chance(0.4) ? 'hard' : 'zacht', mc_min: random.chance(0.2) ? random.int(1, max) : null, mc_max: max,
      watergebonden: random.chance(0.1), beschikbaar_vanaf: status === 'beschikbaar' ? null : `${random.int(2026, 2032)}-01-01`,
      ha: Math.round(random.between(0.3, 3) * 100) / 100,
      x: 90_000 + ox + (local % side) * 150, y: 455_000 + oy + Math.floor(local / side) * 150,
    });
    const nb: number[] = [];
    if (local % side > 0) nb.push(i);
    if (local % side < side - 1 && i + 2 <= nKavels && Math.floor((i + 1) / perTerrein) === terrein) nb.push(i + 2);
    if (local >= side) nb.push(i + 1 - side);
    if (local + side < perTerrein && i + 1 + side <= nKavels) nb.push(i + 1 + side);
    buren.set(i + 1, nb);
  }
  const bezet = kavels.filter((k) => k.status === 'bezet');
  const occupied = new Set<number>();
  const vragen: MatchVraag[] = [];
  for (let i = 0; i < nVragen; i++) {
    let huidige: number | null = null;
    if (random.chance(0.5)) {
      const k = random.pick(bezet);
      if (!occupied.has(k.id)) { occupied.add(k.id); huidige = k.id; }
    }
    const min = Math.round(random.between(0.3, 3) * 10) / 10;
    const from = `${random.int(2026, 2029)}-0${random.int(1, 9)}-01`;
    vragen.push({
      id: i + 1, min_ha: min, max_ha: Math.round(min * random.between(1.2, 1.8) * 10) / 10, mc: random.int(1, 7),
      watergebonden: random.chance(0.05), gewenste_gemeente_ids: [random.int(1, 6)], gewenst_vanaf: from,
      gewenst_tot: `${random.int(2030, 2034)}-12-31`, voorrang: random.chance(0.15), arbeidsplaatsen: random.int(5, 200),
      huidige_kavel_id: huidige,
    });
  }
  return { vragen, kavels, buren };
}

async function generatedBench(nVragen: number, nKavels: number) {
  const t0 = performance.now();
  const { vragen, kavels, buren } = generate(nVragen, nKavels);
  const inst = { ...STANDAARD_INSTELLINGEN, max_rekentijd_s: Number(process.env.BENCH_TIME_LIMIT ?? 120) };
  const t1 = performance.now();
  const instance = bouwRegioInstance(vragen, kavels, buren, inst, PEILDATUM);
  const t2 = performance.now();
  const highs = await laadHighs();
  const opt = solveRegio(highs, instance, { tijdslimiet_s: inst.max_rekentijd_s });
  const greedy = gretig(instance);
  report(`Gegenereerd: ${nVragen} vragen × ${nKavels} kavels`, {
    opties: `${instance.opties.length} (max ${inst.max_opties_per_vraag} per vraag, incl. samengevoegde kavels)`,
    'vragen met een kavel': instance.voorwaardelijk.size,
    'genereren': `${((t1 - t0) / 1000).toFixed(2)} s`,
    'kandidaten + model': `${((t2 - t1) / 1000).toFixed(2)} s`,
    'tijdslimiet HiGHS': `${inst.max_rekentijd_s} s`,
  }, opt, greedy);
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

if (!process.env.BENCH_SKIP_REGION) await regionBench();
await generatedBench(Number(process.env.BENCH_REQUESTS ?? 1000), Number(process.env.BENCH_KAVELS ?? 10000));
if (!process.env.BENCH_SKIP_TRANSFER) await transferBench();
