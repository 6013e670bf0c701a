// Server-side sessions: the browser holds a random token in an httpOnly cookie,
// the database only its hash, so a leaked database does not yield live sessions.
import { createHash, randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { Account } from './accounts.ts';

export const SESSION_COOKIE = 'sr071_sessie';
export const SESSION_HOURS = 12;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface Session {
  account: Account;
  csrfToken: string;
  tokenHash: string;
}

export async function createSession(db: pg.Pool, accountId: number, adres: string) {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await db.query(
    `INSERT INTO sessie (token_hash, account_id, csrf_token, verloopt_op, adres)
     VALUES ($1, $2, $3, now() + make_interval(hours => $4), $5)`,
    [hashToken(token), accountId, csrfToken, SESSION_HOURS, adres],
  );
  return { token, csrfToken };
}

export async function findSession(db: pg.Pool, token: string): Promise<Session | null> {
  const { rows } = await db.query(
    `SELECT s.token_hash, s.csrf_token, a.id, a.email, a.naam, a.rol, a.gemeente_id, g.naam AS gemeente, a.actief
     FROM sessie s JOIN account a ON a.id = s.account_id LEFT JOIN gemeente g ON g.id = a.gemeente_id
     WHERE s.token_hash = $1 AND s.ingetrokken_op IS NULL AND s.verloopt_op > now() AND a.actief`,
    [hashToken(token)],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    tokenHash: r.token_hash,
    csrfToken: r.csrf_token,
    account: { id: r.id, email: r.email, naam: r.naam, rol: r.rol, gemeente_id: r.gemeente_id, gemeente: r.gemeente, actief: r.actief },
  };
}

export async function revokeSession(db: pg.Pool, tokenHash: string) {
  await db.query(`UPDATE sessie SET ingetrokken_op = now() WHERE token_hash = $1 AND ingetrokken_op IS NULL`, [tokenHash]);
}

/** Revokes every open session of an account (e.g. when it is deactivated or its password leaked). */
export async function revokeAccountSessions(db: pg.Pool | pg.PoolClient, accountId: number): Promise<number> {
  const { rowCount } = await db.query(
    `UPDATE sessie SET ingetrokken_op = now() WHERE account_id = $1 AND ingetrokken_op IS NULL`,
    [accountId],
  );
  return rowCount ?? 0;
}
