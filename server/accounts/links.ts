// One-time links to set a password (new accounts, forgotten passwords): a random token
// in the link, only its hash in the database; valid 24 hours, usable once, and replaced
// by a newer link for the same account.
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { LINK_GELDIG_UREN } from '../domain/accounts.ts';
import { hashToken } from '../auth/sessions.ts';
import { ApiError } from '../http/errors.ts';

type Queryable = pg.Pool | pg.PoolClient;
export type LinkDoel = 'nieuw' | 'herstel';

/** The page of the web app that reads the token from the fragment (never sent to a server or a log). */
export const LINK_PAD = '/wachtwoord-instellen';

export const linkUrl = (origin: string, token: string) => `${origin}${LINK_PAD}#${token}`;

export interface IssuedLink {
  token: string;
  verloopt_op: string;
}

/** Issues a new link (in the caller's audited transaction); older open links of the account lapse. */
export async function issueLink(db: pg.PoolClient, accountId: number, doel: LinkDoel): Promise<IssuedLink> {
  await db.query(
    `UPDATE wachtwoord_link SET vervallen_op = now() WHERE account_id = $1 AND gebruikt_op IS NULL AND vervallen_op IS NULL`,
    [accountId]);
  const token = randomBytes(32).toString('base64url');
  const { rows } = await db.query<{ verloopt_op: string }>(
    `INSERT INTO wachtwoord_link (account_id, token_hash, doel, verloopt_op)
     VALUES ($1, $2, $3, now() + make_interval(hours => $4))
     RETURNING to_char(verloopt_op AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS verloopt_op`,
    [accountId, hashToken(token), doel, LINK_GELDIG_UREN]);
  return { token, verloopt_op: rows[0].verloopt_op };
}

/** Open links of an account lapse (the account is deactivated). */
export async function lapseLinks(db: Queryable, accountId: number): Promise<void> {
  await db.query(
    `UPDATE wachtwoord_link SET vervallen_op = now() WHERE account_id = $1 AND gebruikt_op IS NULL AND vervallen_op IS NULL`,
    [accountId]);
}

export interface ValidLink {
  id: number;
  account_id: number;
  email: string;
  naam: string;
  doel: LinkDoel;
  verloopt_op: string;
}

/**
 * The link a token belongs to, if it may still be used; otherwise a 404/410 that says why
 * in Dutch. `lock` takes the row for the change that uses it (inside a transaction).
 */
export async function validLink(db: Queryable, token: string, lock = false): Promise<ValidLink> {
  const { rows } = await db.query(
    `SELECT l.id, l.account_id, a.email, a.naam, l.doel, a.actief, l.gebruikt_op IS NOT NULL AS gebruikt,
            l.vervallen_op IS NOT NULL AS vervallen, l.verloopt_op <= now() AS verlopen,
            to_char(l.verloopt_op AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS verloopt_op
     FROM wachtwoord_link l JOIN account a ON a.id = l.account_id
     WHERE l.token_hash = $1${lock ? ' FOR UPDATE OF l' : ''}`,
    [hashToken(token)]);
  const r = rows[0];
  if (!r) throw new ApiError(404, 'link_onbekend', 'Deze link klopt niet. Controleer of u hem helemaal hebt gekopieerd, of vraag de beheerder om een nieuwe.');
  if (r.gebruikt) throw new ApiError(410, 'link_gebruikt', 'Deze link is al gebruikt. Log in met uw wachtwoord, of vraag de beheerder om een nieuwe link.');
  if (r.vervallen) throw new ApiError(410, 'link_vervangen', 'Deze link geldt niet meer: er is een nieuwere link verstuurd. Gebruik de nieuwste.');
  if (r.verlopen) throw new ApiError(410, 'link_verlopen', `Deze link is verlopen (hij is ${LINK_GELDIG_UREN} uur geldig). Vraag de beheerder om een nieuwe.`);
  if (!r.actief) throw new ApiError(410, 'account_inactief', 'Dit account is gedeactiveerd. Neem contact op met de beheerder.');
  return { id: r.id, account_id: r.account_id, email: r.email, naam: r.naam, doel: r.doel, verloopt_op: r.verloopt_op };
}

export async function markLinkUsed(db: Queryable, id: number): Promise<void> {
  await db.query(`UPDATE wachtwoord_link SET gebruikt_op = now() WHERE id = $1`, [id]);
}
