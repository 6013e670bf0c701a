// Child process that owns the embedded PGlite + PostGIS database and serves it
// over the Postgres wire protocol, so the HTTP server talks to it through `pg`
// exactly as it would to a real PostgreSQL, and no query blocks its event loop.
// The parent holds the data folder's lock and restarts this process when it dies.
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

let db: PGlite | undefined;
let server: PGLiteSocketServer | undefined;

async function serve() {
  const dataDir = process.env.PGLITE_DATA_DIR;
  if (!dataDir) throw new Error('PGLITE_DATA_DIR is required');
  const started = Date.now();
  db = await PGlite.create({ dataDir, extensions: { postgis } });
  await db.exec('CREATE EXTENSION IF NOT EXISTS postgis');

  // The app's pool uses one connection at a time (PGlite runs one query at a time
  // anyway, and one session keeps the extended query protocol of clients apart).
  // The server allows a few more, because pg-pool replaces a connection after a
  // query error and the closing one may still be counted when the new one arrives.
  server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 4 });
  await server.start();
  const [, port] = server.getServerConn().split(':');
  process.send?.({ type: 'ready', port: Number(port), ms: Date.now() - started });
}

/** Tells the parent why the database did not start (it prints one line), then exits. */
function fail(err: unknown) {
  const message = (err instanceof Error ? err.message : String(err)).split('\n')[0].slice(0, 300);
  if (process.send) process.send({ type: 'error', message }, () => process.exit(1));
  else {
    console.error(message);
    process.exit(1);
  }
}

const shutdown = async () => {
  await server?.stop().catch(() => undefined);
  await db?.close().catch(() => undefined);
  process.exit(0);
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
process.on('disconnect', shutdown);

await serve().catch(fail);
