// Read-only work (layer reads, the balance, exports, the OGC API) may go to a
// PostgreSQL streaming replica (DATABASE_READ_URL), while writes go to the primary.
// A user must always see their own writes, without any server-side session state
// (so that several app servers and PgBouncer in transaction pooling work): after a
// successful write the answer carries the primary's WAL position in a cookie, and a
// later read goes to the replica only once the replica has replayed up to there;
// until then the primary answers it.
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type pg from 'pg';
import type { Database } from './database.ts';

export const WAL_COOKIE = 'sr071_wal';
const WAL_COOKIE_SECONDS = 24 * 3600;
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

type DbEnv = { Variables: { db: Database } };

/** A PostgreSQL LSN ("16/B374D848") as a number, or null when it is not one. */
export function parseLsn(text: string | undefined | null): bigint | null {
  const m = text ? /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i.exec(text) : null;
  return m ? (BigInt(`0x${m[1]}`) << 32n) + BigInt(`0x${m[2]}`) : null;
}

const hasReplica = (db: Database) => !!db.readPool && db.readPool !== db.pool;

/** The furthest position each replica is known to have replayed (it only moves forward). */
const replayed = new WeakMap<pg.Pool, bigint>();

/** How far the replica has replayed (a primary given as "replica" has everything it wrote). */
async function replayPosition(replica: pg.Pool): Promise<bigint | null> {
  const { rows } = await replica.query<{ lsn: string | null }>(
    `SELECT (CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_lsn() END)::text AS lsn`,
  );
  const lsn = parseLsn(rows[0]?.lsn);
  if (lsn !== null && lsn > (replayed.get(replica) ?? -1n)) replayed.set(replica, lsn);
  return lsn;
}

/**
 * The pool for a read-only request: the replica, unless this client wrote something
 * the replica has not replayed yet (or the replica cannot say), then the primary.
 */
export async function readPool<E extends DbEnv>(c: Context<E>): Promise<pg.Pool> {
  const db: Database = c.var.db;
  if (!hasReplica(db)) return db.pool;
  const replica = db.readPool!;
  const written = parseLsn(getCookie(c, WAL_COOKIE));
  if (written === null || written <= (replayed.get(replica) ?? -1n)) return replica;
  try {
    const position = await replayPosition(replica);
    return position !== null && position >= written ? replica : db.pool;
  } catch {
    return db.pool;
  }
}

const secure = (c: Context) =>
  process.env.COOKIE_SECURE === '1' || new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';

/**
 * Remembers, in the client's cookie, the primary's WAL position after a write, so
 * that this client's next reads see it. Also for a write that finished in the
 * background (an import), when its result is reported.
 */
export async function markWritten<E extends DbEnv>(c: Context<E>): Promise<void> {
  const db: Database = c.var.db;
  if (!hasReplica(db)) return;
  const { rows } = await db.pool.query<{ lsn: string }>(`SELECT pg_current_wal_insert_lsn()::text AS lsn`);
  const lsn = rows[0]?.lsn;
  const current = parseLsn(getCookie(c, WAL_COOKIE));
  const next = parseLsn(lsn);
  if (!lsn || next === null || (current !== null && current >= next)) return;
  setCookie(c, WAL_COOKIE, lsn, { httpOnly: true, sameSite: 'Lax', secure: secure(c), path: '/', maxAge: WAL_COOKIE_SECONDS });
}

/** After every successful state-changing API request: remember the primary's position. */
export const rememberWrites: MiddlewareHandler<DbEnv> = async (c, next) => {
  await next();
  if (!STATE_CHANGING.has(c.req.method) || c.res.status >= 400 || !hasReplica(c.var.db)) return;
  try {
    await markWritten(c);
  } catch (err) {
    // The write itself succeeded; without the cookie the next read may briefly lag.
    console.error(`WAL-positie niet vastgelegd: ${(err as Error).message}`);
  }
};
