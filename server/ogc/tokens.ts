// Personal read-only access tokens for the OGC API. The user sees a token once, when
// it is made; the database keeps only its SHA-256 hash (like sessions), so a leaked
// database yields no usable token. A token acts as its account, with its role.
import { createHash, randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { SessionAccount as Account } from '../auth/sessions.ts';
import { ApiError } from '../http/errors.ts';

const PREFIX = 'sr071_';
export const MAX_TOKENS = 20;

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

export interface TokenInfo {
  id: number;
  naam: string;
  voorvoegsel: string;
  aangemaakt_op: string;
  verloopt_op: string;
  laatst_gebruikt_op: string | null;
  ingetrokken_op: string | null;
}

const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);
const info = (r: Record<string, unknown>): TokenInfo => ({
  id: r.id as number, naam: r.naam as string, voorvoegsel: r.voorvoegsel as string,
  aangemaakt_op: iso(r.aangemaakt_op)!, verloopt_op: iso(r.verloopt_op)!,
  laatst_gebruikt_op: iso(r.laatst_gebruikt_op), ingetrokken_op: iso(r.ingetrokken_op),
});

export async function listTokens(db: pg.Pool, accountId: number): Promise<TokenInfo[]> {
  const { rows } = await db.query(
    `SELECT id, naam, voorvoegsel, aangemaakt_op, verloopt_op, laatst_gebruikt_op, ingetrokken_op
     FROM toegangstoken WHERE account_id = $1 ORDER BY ingetrokken_op IS NOT NULL, aangemaakt_op DESC, id DESC`,
    [accountId],
  );
  return rows.map(info);
}

export async function createToken(db: pg.Pool, accountId: number, naam: string, dagen: number): Promise<TokenInfo & { token: string }> {
  const { rows: actief } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM toegangstoken WHERE account_id = $1 AND ingetrokken_op IS NULL AND verloopt_op > now()`, [accountId],
  );
  if (actief[0].n >= MAX_TOKENS) {
    throw new ApiError(422, 'te_veel_tokens', `U hebt al ${MAX_TOKENS} geldige tokens. Trek er eerst een in.`);
  }
  const token = PREFIX + randomBytes(32).toString('base64url');
  const { rows } = await db.query(
    `INSERT INTO toegangstoken (account_id, naam, token_hash, voorvoegsel, verloopt_op)
     VALUES ($1, $2, $3, $4, now() + make_interval(days => $5))
     RETURNING id, naam, voorvoegsel, aangemaakt_op, verloopt_op, laatst_gebruikt_op, ingetrokken_op`,
    [accountId, naam, hash(token), token.slice(0, PREFIX.length + 4), dagen],
  );
  return { ...info(rows[0]), token };
}

export async function revokeToken(db: pg.Pool, accountId: number, id: number): Promise<TokenInfo> {
  const { rows } = await db.query(
    `UPDATE toegangstoken SET ingetrokken_op = coalesce(ingetrokken_op, now()) WHERE id = $1 AND account_id = $2
     RETURNING id, naam, voorvoegsel, aangemaakt_op, verloopt_op, laatst_gebruikt_op, ingetrokken_op`,
    [id, accountId],
  );
  if (!rows[0]) throw new ApiError(404, 'niet_gevonden', `Token ${id} bestaat niet.`);
  return info(rows[0]);
}

/** The active account behind a valid token, or null. Records when it was last used (at most once a minute). */
export async function accountOfToken(db: pg.Pool, token: string): Promise<Account | null> {
  if (!token.startsWith(PREFIX) || token.length > 200) return null;
  const { rows } = await db.query(
    `SELECT t.id AS token_id, t.laatst_gebruikt_op > now() - interval '1 minute' AS recent,
            a.id, a.email, a.naam, a.rol, a.gemeente_id, g.naam AS gemeente, a.actief
     FROM toegangstoken t JOIN account a ON a.id = t.account_id LEFT JOIN gemeente g ON g.id = a.gemeente_id
     WHERE t.token_hash = $1 AND t.ingetrokken_op IS NULL AND t.verloopt_op > now() AND a.actief`,
    [hash(token)],
  );
  const r = rows[0];
  if (!r) return null;
  if (!r.recent) await db.query(`UPDATE toegangstoken SET laatst_gebruikt_op = now() WHERE id = $1`, [r.token_id]);
  return { id: r.id, email: r.email, naam: r.naam, rol: r.rol, gemeente_id: r.gemeente_id, gemeente: r.gemeente, actief: r.actief };
}
