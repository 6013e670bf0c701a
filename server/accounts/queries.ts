// The SQL of the account table.
import type pg from 'pg';
import type { Role } from '../domain/roles.ts';

export type Queryable = pg.Pool | pg.PoolClient;

export interface Account {
  id: number;
  email: string;
  naam: string;
  /** Null while an account made by a first sign-in through an identity provider waits for a beheerder. */
  rol: Role | null;
  gemeente_id: number | null;
  gemeente: string | null;
  actief: boolean;
}

/** An account in the beheer list: what a beheerder needs to judge it at a glance. */
export interface AccountOverzicht extends Account {
  version: number;
  wacht_op_goedkeuring: boolean;
  wachtwoord_ingesteld: boolean;
  tweede_factor: boolean;
  oidc: boolean;
  laatst_ingelogd_op: string | null;
  open_sessies: number;
  /** Until when the newest unused one-time link is valid, if one is open. */
  link_geldig_tot: string | null;
  created_at: string;
}

const SELECT = `SELECT a.id, a.email, a.naam, a.rol, a.gemeente_id, g.naam AS gemeente, a.actief
                FROM account a LEFT JOIN gemeente g ON g.id = a.gemeente_id`;

const OVERZICHT = `
  SELECT a.id, a.email, a.naam, a.rol, a.gemeente_id, g.naam AS gemeente, a.actief, a.version,
         a.rol IS NULL AS wacht_op_goedkeuring,
         a.wachtwoord_hash IS NOT NULL AS wachtwoord_ingesteld,
         coalesce(tf.bevestigd_op IS NOT NULL, false) AS tweede_factor,
         a.oidc_subject IS NOT NULL AS oidc,
         to_char((SELECT max(s.created_at) FROM sessie s WHERE s.account_id = a.id) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS laatst_ingelogd_op,
         (SELECT count(*)::int FROM sessie s WHERE s.account_id = a.id AND s.ingetrokken_op IS NULL AND s.verloopt_op > now()) AS open_sessies,
         to_char((SELECT max(l.verloopt_op) FROM wachtwoord_link l WHERE l.account_id = a.id AND l.gebruikt_op IS NULL
                    AND l.vervallen_op IS NULL AND l.verloopt_op > now()) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS link_geldig_tot,
         to_char(a.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at
  FROM account a LEFT JOIN gemeente g ON g.id = a.gemeente_id LEFT JOIN tweede_factor tf ON tf.account_id = a.id`;

/** Waiting accounts first, then by name. */
export async function listAccountOverview(db: Queryable): Promise<AccountOverzicht[]> {
  return (await db.query<AccountOverzicht>(`${OVERZICHT} ORDER BY a.rol IS NOT NULL, lower(a.naam), a.id`)).rows;
}

export async function findAccountOverview(db: Queryable, id: number): Promise<AccountOverzicht | null> {
  return (await db.query<AccountOverzicht>(`${OVERZICHT} WHERE a.id = $1`, [id])).rows[0] ?? null;
}

export async function findAccountById(db: Queryable, id: number): Promise<Account | null> {
  return (await db.query<Account>(`${SELECT} WHERE a.id = $1`, [id])).rows[0] ?? null;
}

/** The account row locked for a change, with its version and password state. */
export async function lockAccount(db: pg.PoolClient, id: number) {
  const { rows } = await db.query<Account & { version: number; wachtwoord_hash: string | null; updated_at: string }>(
    `SELECT a.id, a.email, a.naam, a.rol, a.gemeente_id, NULL::text AS gemeente, a.actief, a.version, a.wachtwoord_hash,
            a.updated_at::text
     FROM account a WHERE a.id = $1 FOR UPDATE`, [id]);
  return rows[0] ?? null;
}

/** Locks every active beheerder (so two beheerders cannot remove each other at once) and counts them. */
export async function lockActiveBeheerders(db: pg.PoolClient): Promise<number> {
  const { rows } = await db.query(`SELECT id FROM account WHERE rol = 'beheerder' AND actief ORDER BY id FOR UPDATE`);
  return rows.length;
}

export interface LoginAccount extends Account {
  rol: Role | null;
  wachtwoord_hash: string | null;
}

export async function findLogin(db: Queryable, email: string): Promise<LoginAccount | null> {
  const { rows } = await db.query<LoginAccount>(
    `SELECT a.id, a.email, a.naam, a.rol, a.gemeente_id, g.naam AS gemeente, a.actief, a.wachtwoord_hash
     FROM account a LEFT JOIN gemeente g ON g.id = a.gemeente_id WHERE a.email = $1`,
    [email.trim().toLowerCase()],
  );
  return rows[0] ?? null;
}

export async function findByEmail(db: Queryable, email: string) {
  const { rows } = await db.query<Account & { oidc_issuer: string | null; oidc_subject: string | null }>(
    `SELECT a.id, a.email, a.naam, a.rol, a.gemeente_id, g.naam AS gemeente, a.actief, a.oidc_issuer, a.oidc_subject
     FROM account a LEFT JOIN gemeente g ON g.id = a.gemeente_id WHERE a.email = $1`,
    [email.trim().toLowerCase()],
  );
  return rows[0] ?? null;
}

export async function findByOidc(db: Queryable, issuer: string, subject: string): Promise<Account | null> {
  return (await db.query<Account>(`${SELECT} WHERE a.oidc_issuer = $1 AND a.oidc_subject = $2`, [issuer, subject])).rows[0] ?? null;
}

export async function gemeenteIdByName(db: Queryable, naam: string): Promise<number | null> {
  const { rows } = await db.query<{ id: number }>(`SELECT id FROM gemeente WHERE lower(naam) = lower($1) OR code = $1`, [naam.trim()]);
  return rows[0]?.id ?? null;
}

export async function listGemeenten(db: Queryable): Promise<{ id: number; naam: string }[]> {
  return (await db.query<{ id: number; naam: string }>(`SELECT id, naam FROM gemeente ORDER BY naam`)).rows;
}

export interface AccountInsert {
  email: string;
  naam: string;
  rol: Role | null;
  gemeenteId: number | null;
  wachtwoordHash: string | null;
  actief?: boolean;
  oidc?: { issuer: string; subject: string };
}

export async function insertAccount(db: Queryable, a: AccountInsert): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO account (email, naam, rol, gemeente_id, wachtwoord_hash, actief, oidc_issuer, oidc_subject, wachtwoord_gewijzigd_op)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, CASE WHEN $5::text IS NULL THEN NULL ELSE now() END) RETURNING id`,
    [a.email.trim().toLowerCase(), a.naam, a.rol, a.gemeenteId, a.wachtwoordHash, a.actief ?? true,
      a.oidc?.issuer ?? null, a.oidc?.subject ?? null],
  );
  return rows[0].id;
}

export interface AccountUpdate {
  naam?: string;
  rol?: Role;
  gemeenteId?: number | null;
  actief?: boolean;
}

export async function updateAccount(db: Queryable, id: number, u: AccountUpdate): Promise<void> {
  await db.query(
    `UPDATE account SET naam = coalesce($2, naam), rol = coalesce($3, rol),
            gemeente_id = CASE WHEN $4 THEN $5::integer ELSE gemeente_id END, actief = coalesce($6, actief)
     WHERE id = $1`,
    [id, u.naam ?? null, u.rol ?? null, u.gemeenteId !== undefined, u.gemeenteId ?? null, u.actief ?? null],
  );
}

export async function setPasswordHash(db: Queryable, id: number, hash: string): Promise<void> {
  await db.query(`UPDATE account SET wachtwoord_hash = $2, wachtwoord_gewijzigd_op = now() WHERE id = $1`, [id, hash]);
}

export async function linkOidc(db: Queryable, id: number, issuer: string, subject: string): Promise<void> {
  await db.query(`UPDATE account SET oidc_issuer = $2, oidc_subject = $3 WHERE id = $1`, [id, issuer, subject]);
}

export async function countAccounts(db: Queryable): Promise<number> {
  return (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM account`)).rows[0].n;
}
