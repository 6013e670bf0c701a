// Login throttling per account and address, counted from recorded attempts, so it
// holds across restarts and for every server process on the same database.
//
// Rules:
// - An account and an address together get FREE_FAILURES wrong passwords; after that
//   each further try waits 30 s, 60 s, 120 s … (at most an hour) after the last failure.
//   A successful sign-in from that address wipes its count.
// - An account that failed ACCOUNT_FREE_FAILURES times from any addresses since its last
//   success makes every address that has itself failed on it wait too (a guesser
//   spreading over many addresses).
// - An address that has not failed on an account is never held back: failures on other
//   accounts from the same address (all users behind one proxy) or from other addresses
//   never block a correct password.
// The second factor is throttled by the same rules, counted apart from the password.
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { inTransaction } from '../db/database.ts';

export const FREE_FAILURES = 5;
export const ACCOUNT_FREE_FAILURES = 20;
const FIRST_WAIT_SECONDS = 30;
const MAX_WAIT_SECONDS = 3600;
/** Failures older than this are forgotten. */
const MEMORY_HOURS = 24;

/** Seconds to wait after the last of `failures` consecutive failures, given `free` ones. */
export function backoffSeconds(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(FIRST_WAIT_SECONDS * 2 ** (failures - free), MAX_WAIT_SECONDS);
}


export type LoginAttempt = { wachtSeconden: number } | { id: number };
/** What is being tried: the password (or the sign-in as a whole), or the code of the second factor. */
export type Soort = 'wachtwoord' | 'tweede_factor';

/**
 * Starts a sign-in attempt: either the seconds this account must wait at this address,
 * or the id of the attempt, recorded as failed until `loginSucceeded` marks it. Recording
 * it before the password is checked, under a per-account lock, keeps parallel guesses
 * from slipping through together.
 */
export async function beginLoginAttempt(db: pg.Pool, email: string, adres: string, soort: Soort = 'wachtwoord'): Promise<LoginAttempt> {
  return inTransaction(db, async (client) => {
    await client.query(`SELECT pg_advisory_xact_lock(hashtext($2 || ':' || $1))`, [email, soort]);
    const { rows: [r] } = await client.query<{ paar: number; paar_laatste: number | null; account: number; account_laatste: number | null }>(
      `WITH recent AS (
         SELECT adres, gelukt, tijdstip FROM login_poging
         WHERE email = $1 AND soort = $4 AND tijdstip > now() - make_interval(hours => $3)),
       paar AS (
         SELECT count(*) FILTER (WHERE NOT gelukt)::int AS n, max(tijdstip) FILTER (WHERE NOT gelukt) AS laatste
         FROM recent WHERE adres = $2
           AND tijdstip > coalesce((SELECT max(tijdstip) FROM recent WHERE adres = $2 AND gelukt), '-infinity')),
       account AS (
         SELECT count(*) FILTER (WHERE NOT gelukt)::int AS n, max(tijdstip) FILTER (WHERE NOT gelukt) AS laatste
         FROM recent WHERE tijdstip > coalesce((SELECT max(tijdstip) FROM recent WHERE gelukt), '-infinity'))
       SELECT paar.n AS paar, extract(epoch FROM now() - paar.laatste)::float8 AS paar_laatste,
              account.n AS account, extract(epoch FROM now() - account.laatste)::float8 AS account_laatste
       FROM paar, account`,
      [email, adres, MEMORY_HOURS, soort],
    );
    const waits = [r.paar_laatste === null ? 0 : backoffSeconds(r.paar, FREE_FAILURES) - r.paar_laatste];
    if (r.paar > 0 && r.account_laatste !== null) {
      waits.push(backoffSeconds(r.account, ACCOUNT_FREE_FAILURES) - r.account_laatste);
    }
    const wachtSeconden = Math.ceil(Math.max(0, ...waits));
    if (wachtSeconden > 0) return { wachtSeconden };
    const { rows } = await client.query<{ id: number }>(
      `INSERT INTO login_poging (email, adres, gelukt, soort) VALUES ($1, $2, false, $3) RETURNING id`, [email, adres, soort]);
    return { id: rows[0].id };
  });
}

export async function loginSucceeded(db: pg.Pool | pg.PoolClient, attemptId: number): Promise<void> {
  await db.query(`UPDATE login_poging SET gelukt = true WHERE id = $1`, [attemptId]);
}

/**
 * Records a correct TOTP code as used, unless its time step (or a later one) was used
 * already with the same secret: then it returns false and the code is refused (RFC 6238,
 * section 5.2). Run inside a transaction, which takes a lock per account, so two requests
 * with the same code cannot both pass. Only a hash of the secret is recorded.
 */
export async function claimTotpStep(db: pg.PoolClient, email: string, attemptId: number, step: number, secret: string): Promise<boolean> {
  const secretHash = createHash('sha256').update(`totp-geheim:${secret}`).digest('hex').slice(0, 32);
  await db.query(`SELECT pg_advisory_xact_lock(hashtext('totp-stap:' || $1))`, [email]);
  const { rows } = await db.query<{ gebruikt: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM login_poging WHERE email = $1 AND soort = 'tweede_factor' AND gelukt
                      AND totp_geheim_hash = $3 AND totp_stap >= $2) AS gebruikt`,
    [email, step, secretHash]);
  if (rows[0].gebruikt) return false;
  await db.query(`UPDATE login_poging SET gelukt = true, totp_stap = $2, totp_geheim_hash = $3 WHERE id = $1`, [attemptId, step, secretHash]);
  return true;
}
