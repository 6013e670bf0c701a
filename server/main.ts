// Starts Schuifruimte071: database (embedded unless DATABASE_URL is set),
// region data on first start, then the HTTP server.
import { serve } from '@hono/node-server';
import { openDatabase } from './db/database.ts';
import { seedIfEmpty } from '../geodata/load.ts';
import { createApp } from './app.ts';
import { ensureDemoAccounts } from './auth/demo-accounts.ts';

const port = Number(process.env.PORT ?? 8071);
const host = process.env.HOST ?? '127.0.0.1';
const url = process.env.DATABASE_URL || undefined;

console.log(url ? 'Database: PostgreSQL (DATABASE_URL)' : 'Database: ingebouwde PGlite + PostGIS (data/pglite); eerste start duurt ± 20 s');
const db = await openDatabase({ url, dataDir: process.env.PGLITE_DATA_DIR ?? 'data/pglite' });
const seed = await seedIfEmpty(db.pool);
if (seed.seeded) console.log(`Regiodata geladen in ${(seed.ms / 1000).toFixed(1)} s`);

if (db.mode === 'embedded') {
  const demo = await ensureDemoAccounts(db.pool, process.env.DEMO_ACCOUNTS_FILE ?? 'data/demo-accounts.json');
  if (demo.length) {
    console.log('\nDemo-accounts (alleen voor de ingebouwde demodatabase):');
    for (const a of demo) console.log(`  ${a.rol.padEnd(10)} ${(a.gemeente ?? '').padEnd(8)} ${a.email}  wachtwoord: ${a.wachtwoord}`);
    console.log('');
  }
}

const app = createApp({ db, basemapStyleUrl: process.env.BASEMAP_STYLE_URL });
const server = serve({ fetch: app.fetch, port, hostname: host }, (info) => {
  console.log(`Schuifruimte071 draait op http://${host === '0.0.0.0' ? 'localhost' : host}:${info.port}/`);
});

const shutdown = async () => {
  server.close();
  await db.close();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
