// Server-side sessions: the browser holds a random token in an httpOnly cookie, the
// database only its hash, so a leaked database does not yield live sessions. A session
// opened by a password (or identity provider) of an account that needs a second factor
// reaches nothing but the second-factor steps until the code is given; then its token
// is replaced.
import { createHash, randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { Database } from '../db/database.ts';
import { preparedQuery, queryPreparedIf } from '../db/prepared.ts';
import type { Role } from '../domain/roles.ts';
import { aanmeldStap, type AanmeldStap } from '../domain/tweede-factor.ts';
import type { Account } from '../accounts/queries.ts';

export const SESSION_COOKIE = 'sr071_sessie';
export const SESSION_HOURS = 12;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const newToken = () => randomBytes(32).toString('base64url');
const newCsrf = () => randomBytes(24).toString('base64url');

export type SessionAccount = Account & { rol: Role };
export type Methode = 'wachtwoord' | 'oidc';

export interface Session {
  id: number;
  account: SessionAccount;
  csrfToken: string;
  tokenHash: string;
  methode: Methode;
  /** Where this session stands: only `volledig` reaches the role's routes. */
  stap: AanmeldStap;
  /** The account has a confirmed second factor. */
  heeftTweedeFactor: boolean;
  /** The account has a password (an account of an identity provider may have none). */
  heeftWachtwoord: boolean;
}

type Queryable = pg.Pool | pg.PoolClient;

/** Opens a session (in the caller's transaction, so the audit trail records who signed in). */
export async function createSession(db: Queryable, accountId: number, adres: string, methode: Methode) {
  const token = newToken();
  const csrfToken = newCsrf();
  await db.query(
    `INSERT INTO sessie (token_hash, account_id, csrf_token, verloopt_op, adres, methode)
     VALUES ($1, $2, $3, now() + make_interval(hours => $4), $5, $6)`,
    [hashToken(token), accountId, csrfToken, SESSION_HOURS, adres, methode],
  );
  return { token, csrfToken };
}

/**
 * The open session of a token hash (the statement's parameter `param`), with its
 * account: also part of the statements that check the session in the same round trip
 * as they read (the tiles, the balance: see server/auth/middleware.ts).
 */
export const sessionSql = (param = '$1') => `
     SELECT s.id AS sessie_id, s.token_hash, s.csrf_token, s.methode, s.tweede_factor_op IS NOT NULL AS gegeven,
            tf.bevestigd_op IS NOT NULL AS heeft_tweede_factor, a.wachtwoord_hash IS NOT NULL AS heeft_wachtwoord,
            a.id, a.email, a.naam, a.rol, a.gemeente_id, g.naam AS gemeente, a.actief
     FROM sessie s JOIN account a ON a.id = s.account_id LEFT JOIN gemeente g ON g.id = a.gemeente_id
          LEFT JOIN tweede_factor tf ON tf.account_id = a.id
     WHERE s.token_hash = ${param} AND s.ingetrokken_op IS NULL AND s.verloopt_op > now() AND a.actief AND a.rol IS NOT NULL`;
export const SESSION_SQL = sessionSql();

/** The columns of SESSION_SQL (all null when it found no session, as in an outer join). */
export interface SessionRow {
  sessie_id: number | null;
  token_hash: string;
  csrf_token: string;
  methode: Methode;
  gegeven: boolean;
  heeft_tweede_factor: boolean;
  heeft_wachtwoord: boolean;
  id: number;
  email: string;
  naam: string;
  rol: Role;
  gemeente_id: number | null;
  gemeente: string | null;
  actief: boolean;
}

/**
 * The session check of a GET route declared with `sessieInStatement` (server/http/access.ts):
 * the route reads the session in the same statement as its data, one round trip instead
 * of two. The statement makes its data only for an open session (`sessionSql` with
 * `tokenHash` as its parameter) and returns the session's row; the route passes that row
 * to `bevestig` before it uses the data. Where it cannot combine the two (a read on a
 * replica, which may lag behind a sign-in or sign-out), it calls `apart` first. The
 * middleware (server/auth/middleware.ts) checks an answer given without either itself.
 */
export interface SessieInStatement {
  /** The hash of the request's session token. */
  tokenHash: string;
  /** Checks the session the statement read, as the middleware would; throws its refusal. */
  bevestig(row: SessionRow | undefined): void;
  /** Checks the session by its own query, now. */
  apart(): Promise<void>;
}

/**
 * A statement of named scalar subqueries (`kolommen`) with parameters `values`. With a
 * session it also reads the session of `sessie.tokenHash` (the next parameter): each
 * subquery runs only for an open session (an InitPlan runs when first needed, so the
 * CASE spares it otherwise), and the session's row comes along as column `sessie`.
 * `gelezen` passes a row's session to `sessie.bevestig` (which throws the refusal)
 * before the caller uses the row; without a session it returns the row as it is.
 */
export function metSessie(kolommen: Record<string, string>, values: readonly unknown[], sessie: SessieInStatement | undefined) {
  const gelezen = <R extends { sessie?: SessionRow | null }>(row: R): R => {
    sessie?.bevestig(row.sessie ?? undefined);
    return row;
  };
  if (!sessie) return { text: `SELECT ${Object.entries(kolommen).map(([naam, sql]) => `(${sql}) AS ${naam}`).join(', ')}`, values: [...values], gelezen };
  const gated = Object.entries(kolommen).map(([naam, sql]) => `CASE WHEN EXISTS (SELECT FROM ingelogd) THEN (${sql}) END AS ${naam}`);
  return {
    text: `WITH ingelogd AS (${sessionSql(`$${values.length + 1}`)})
SELECT (SELECT row_to_json(i) FROM ingelogd i LIMIT 1) AS sessie, ${gated.join(', ')}`,
    values: [...values, sessie.tokenHash],
    gelezen,
  };
}

/**
 * Runs metSessie's statement (prepared when asked) and gives its one row once the
 * row's session is confirmed: a caller cannot use the figures before that check.
 */
export async function leesMetSessie<R extends pg.QueryResultRow>(
  db: Pick<pg.Pool, 'query'>, prepare: boolean, kolommen: Record<string, string>, values: readonly unknown[], sessie: SessieInStatement | undefined,
): Promise<R> {
  const s = metSessie(kolommen, values, sessie);
  const { rows } = await queryPreparedIf<R & { sessie?: SessionRow | null }>(prepare, db, s.text, s.values);
  return s.gelezen(rows[0]);
}

/** A row of SESSION_SQL as a session (null: no open session). */
export function sessionFromRow(r: SessionRow | undefined): Session | null {
  if (!r?.sessie_id) return null;
  return {
    id: r.sessie_id,
    tokenHash: r.token_hash,
    csrfToken: r.csrf_token,
    methode: r.methode,
    heeftTweedeFactor: r.heeft_tweede_factor === true,
    heeftWachtwoord: r.heeft_wachtwoord === true,
    stap: aanmeldStap(r.rol, r.heeft_tweede_factor === true, r.gegeven),
    account: { id: r.id, email: r.email, naam: r.naam, rol: r.rol, gemeente_id: r.gemeente_id, gemeente: r.gemeente, actief: r.actief },
  };
}

/** The open session of a token; a prepared statement (every request asks it). */
export async function findSession(db: Pick<Database, 'pool'>, token: string): Promise<Session | null> {
  const { rows } = await preparedQuery<SessionRow>(db.pool, SESSION_SQL, [hashToken(token)]);
  return sessionFromRow(rows[0]);
}

/**
 * Marks the second factor as given and replaces the session's token and CSRF token, so
 * a token seen before the code (e.g. on a shared computer) is worth nothing after it.
 */
export async function secondFactorGiven(db: Queryable, tokenHash: string) {
  const token = newToken();
  const csrfToken = newCsrf();
  await db.query(
    `UPDATE sessie SET token_hash = $2, csrf_token = $3, tweede_factor_op = now() WHERE token_hash = $1`,
    [tokenHash, hashToken(token), csrfToken],
  );
  return { token, csrfToken };
}

export async function revokeSession(db: Queryable, tokenHash: string) {
  await db.query(`UPDATE sessie SET ingetrokken_op = now() WHERE token_hash = $1 AND ingetrokken_op IS NULL`, [tokenHash]);
}

/** Ends one open session of an account, by its id; false when there is no such open session. */
export async function revokeSessionById(db: Queryable, accountId: number, id: number): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE sessie SET ingetrokken_op = now() WHERE id = $1 AND account_id = $2 AND ingetrokken_op IS NULL AND verloopt_op > now()`,
    [id, accountId],
  );
  return (rowCount ?? 0) > 0;
}

/** Revokes every open session of an account (deactivated, password reset), except `except` if given. */
export async function revokeAccountSessions(db: Queryable, accountId: number, except?: string): Promise<number> {
  const { rowCount } = await db.query(
    `UPDATE sessie SET ingetrokken_op = now()
     WHERE account_id = $1 AND ingetrokken_op IS NULL AND verloopt_op > now() AND token_hash IS DISTINCT FROM $2`,
    [accountId, except ?? null],
  );
  return rowCount ?? 0;
}

export interface OpenSession {
  id: number;
  created_at: string;
  verloopt_op: string;
  adres: string | null;
  methode: Methode;
  tweede_factor: boolean;
}

export async function listOpenSessions(db: Queryable, accountId: number): Promise<OpenSession[]> {
  const { rows } = await db.query<OpenSession>(
    `SELECT id, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at,
            to_char(verloopt_op AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS verloopt_op,
            adres, methode, tweede_factor_op IS NOT NULL AS tweede_factor
     FROM sessie WHERE account_id = $1 AND ingetrokken_op IS NULL AND verloopt_op > now() ORDER BY created_at DESC`,
    [accountId],
  );
  return rows;
}
