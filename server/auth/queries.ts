// The SQL of the second factor (table tweede_factor): the confirmed TOTP secret, the
// one being enrolled, and the hashes of the unused recovery codes.
import type pg from 'pg';

type Queryable = pg.Pool | pg.PoolClient;

export interface TweedeFactorRij {
  id: number;
  account_id: number;
  geheim: string | null;
  nieuw_geheim: string | null;
  herstelcodes: string[];
  herstelcodes_over: number;
  bevestigd_op: string | null;
}

const COLUMNS = `id, account_id, geheim, nieuw_geheim, herstelcodes, herstelcodes_over, bevestigd_op::text`;

/** The account's factor, locked for a change when `lock` (inside a transaction). */
export async function findFactor(db: Queryable, accountId: number, lock = false): Promise<TweedeFactorRij | null> {
  const { rows } = await db.query<TweedeFactorRij>(
    `SELECT ${COLUMNS} FROM tweede_factor WHERE account_id = $1${lock ? ' FOR UPDATE' : ''}`, [accountId]);
  return rows[0] ?? null;
}

/** Starts (or restarts) an enrolment: the confirmed secret, if any, stays in force until the new one is confirmed. */
export async function storeNewSecret(db: Queryable, accountId: number, secret: string): Promise<void> {
  await db.query(
    `INSERT INTO tweede_factor (account_id, nieuw_geheim) VALUES ($1, $2)
     ON CONFLICT (account_id) DO UPDATE SET nieuw_geheim = EXCLUDED.nieuw_geheim`,
    [accountId, secret]);
}

/** The new secret becomes the factor, with a fresh set of recovery codes (hashes). */
export async function confirmSecret(db: Queryable, accountId: number, recoveryHashes: string[]): Promise<void> {
  await db.query(
    `UPDATE tweede_factor SET geheim = nieuw_geheim, nieuw_geheim = NULL, bevestigd_op = now(),
            herstelcodes = $2::text[], herstelcodes_over = cardinality($2::text[])
     WHERE account_id = $1 AND nieuw_geheim IS NOT NULL`,
    [accountId, recoveryHashes]);
}

export async function replaceRecoveryCodes(db: Queryable, accountId: number, recoveryHashes: string[]): Promise<void> {
  await db.query(
    `UPDATE tweede_factor SET herstelcodes = $2::text[], herstelcodes_over = cardinality($2::text[]) WHERE account_id = $1`,
    [accountId, recoveryHashes]);
}

/** Uses a recovery code: true when it was one of the unused ones (it is then gone). */
export async function useRecoveryCode(db: Queryable, accountId: number, hash: string): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE tweede_factor SET herstelcodes = array_remove(herstelcodes, $2), herstelcodes_over = herstelcodes_over - 1
     WHERE account_id = $1 AND geheim IS NOT NULL AND $2 = ANY(herstelcodes)`,
    [accountId, hash]);
  return (rowCount ?? 0) > 0;
}

/** Removes the factor (reset by a beheerder, or switched off by its owner where the role allows). */
export async function deleteFactor(db: Queryable, accountId: number): Promise<boolean> {
  const { rowCount } = await db.query(`DELETE FROM tweede_factor WHERE account_id = $1`, [accountId]);
  return (rowCount ?? 0) > 0;
}
