// Starts Schuifruimte071: first the HTTP port (so a port in use fails before any data
// is touched), then the database (embedded unless DATABASE_URL is set), the region data
// on first start, and the app. A failure to start is one line saying what to do.
import { serve } from '@hono/node-server';
import path from 'node:path';
import { DEFAULT_DATA_DIR, openDatabase, type Database } from './db/database.ts';
import { StartupError } from './db/startup-error.ts';
import { seedIfEmpty } from '../geodata/load.ts';
import { createApp } from './app.ts';
import { demoAccountsFile, ensureDemoAccounts } from './auth/demo-accounts.ts';
import { errorBody } from './http/errors.ts';
import { authConfigFromEnv, ConfigError, type AuthConfig } from './auth/config.ts';

const port = Number(process.env.PORT ?? 8071);
const host = process.env.HOST ?? '127.0.0.1';
const url = process.env.DATABASE_URL || undefined;
const readUrl = process.env.DATABASE_READ_URL || undefined;
const dataDir = path.resolve(process.env.PGLITE_DATA_DIR || DEFAULT_DATA_DIR);
const mode = url ? 'postgres' : 'embedded';

let db: Database | undefined;
let app: ReturnType<typeof createApp> | undefined;
let server: ReturnType<typeof serve> | undefined;
let auth: AuthConfig | undefined;

// Stop cleanly at any moment, also while starting: the database closes and the data
// folder's lock is released.
let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  server?.close();
  await db?.close().catch(() => undefined);
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);

// Until the app is ready every request gets a 503 that says so.
const STARTING = 'Schuifruimte071 start nog; probeer het over een halve minuut opnieuw.';
function starting(req: Request): Response {
  const { pathname } = new URL(req.url);
  const headers = { 'retry-after': '15' };
  if (pathname === '/api/health') {
    return Response.json({ status: 'error', database: mode, reden: 'De server start nog (database openen, regiodata laden).' },
      { status: 503, headers });
  }
  if (pathname.startsWith('/api/')) return Response.json(errorBody('start_bezig', STARTING), { status: 503, headers });
  return new Response(`<!doctype html><html lang="nl"><meta charset="utf-8"><meta http-equiv="refresh" content="15">` +
    `<title>Schuifruimte071</title><p style="font-family:sans-serif;margin:2em">${STARTING}</p></html>`,
  { status: 503, headers: { ...headers, 'content-type': 'text/html; charset=utf-8' } });
}

try {
  // A wrong sign-in setting stops the start before anything is touched.
  auth = authConfigFromEnv();
  const http = serve({ fetch: (req, env) => (app ? app.fetch(req, env) : starting(req)), port, hostname: host });
  server = http;
  const listening = await new Promise<number>((resolve, reject) => {
    http.once('error', reject);
    http.once('listening', () => resolve((http.address() as { port: number }).port));
  });
  http.on('error', (err) => console.error(`Serverfout: ${err.message}`));

  console.log(url
    ? `Database: PostgreSQL (${describeUrl(url)})`
    : `Database: ingebouwde PGlite + PostGIS in ${dataDir}; de eerste start duurt ± 30 s`);
  if (readUrl) console.log(`Leesreplica: PostgreSQL (${describeUrl(readUrl)}) voor kaartlagen, balans, exports en OGC API`);
  db = await openDatabase({
    url,
    readUrl,
    dataDir,
    onFatal: (err) => {
      console.error(err.message);
      process.exit(1);
    },
  });
  const seed = await seedIfEmpty(db.pool);
  if (seed.seeded) console.log(`Regiodata geladen in ${(seed.ms / 1000).toFixed(1)} s`);

  if (db.mode === 'embedded') {
    const file = demoAccountsFile(dataDir, process.env.DEMO_ACCOUNTS_FILE || undefined);
    const demo = await ensureDemoAccounts(db.pool, file);
    if (demo.length) {
      console.log(`\nDemo-accounts (alleen voor de ingebouwde demodatabase; bewaard in ${file}):`);
      for (const a of demo) {
        console.log(`  ${a.rol.padEnd(10)} ${(a.gemeente ?? '').padEnd(8)} ${a.email}  wachtwoord: ${a.wachtwoord}`);
        if (a.totp) console.log(`  ${''.padEnd(19)} tweede factor, voeg toe in een authenticator-app: ${a.totp}`);
      }
      console.log('');
    }
  }

  app = createApp({ db, basemapStyleUrl: process.env.BASEMAP_STYLE_URL, auth });
  console.log(`Schuifruimte071 draait op http://${host === '0.0.0.0' ? 'localhost' : host}:${listening}/`);
} catch (err) {
  console.error(startupMessage(err).replace(/\s*\n\s*/g, ' '));
  if (process.env.DEBUG) console.error(err);
  await db?.close().catch(() => undefined);
  process.exit(1);
}

/** One line: what went wrong and what to do. */
function startupMessage(err: unknown): string {
  const e = err as NodeJS.ErrnoException & { code?: string };
  if (err instanceof StartupError) return err.message;
  if (err instanceof ConfigError) return `Instelling klopt niet: ${err.message}`;
  if (e.code === 'EADDRINUSE') {
    return `Poort ${port} op ${host} is al in gebruik (draait Schuifruimte071 al?). Stop dat proces, of kies een andere poort: PORT=${port + 1} npm start.`;
  }
  if (e.code === 'EACCES') return `Geen toestemming voor poort ${port}; kies een poort boven 1024, bijvoorbeeld PORT=8071 npm start.`;
  if (e.code === 'EADDRNOTAVAIL' || e.code === 'ENOTFOUND') return `Het adres HOST=${host} bestaat niet op deze machine; laat HOST weg of gebruik 127.0.0.1.`;
  if (url) {
    return `De PostgreSQL-database (${describeUrl(url)}) is niet bruikbaar: ${e.message} (${e.code ?? 'fout'}). ` +
      'Controleer DATABASE_URL, of de server draait en of de rol PostGIS mag aanmaken.';
  }
  return `Schuifruimte071 start niet: ${e.message}. Zet DEBUG=1 voor details.`;
}

/** host:port/database of a connection string, without the password. */
function describeUrl(connection: string): string {
  try {
    const u = new URL(connection);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}
