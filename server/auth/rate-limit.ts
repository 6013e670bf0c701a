// Login throttling per account and per address, counted from recorded attempts,
// so it holds across restarts and for every server process on the same database.
import type pg from 'pg';

export const LOGIN_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

export async function loginBlocked(db: pg.Pool, email: string, adres: string): Promise<boolean> {
  const { rows } = await db.query<{ per_account: number; per_adres: number }>(
    `SELECT count(*) FILTER (WHERE email = $1)::int AS per_account,
            count(*) FILTER (WHERE adres = $2)::int AS per_adres
     FROM login_poging
     WHERE NOT gelukt AND tijdstip > now() - make_interval(mins => $3) AND (email = $1 OR adres = $2)`,
    [email, adres, LOGIN_WINDOW_MINUTES],
  );
  return rows[0].per_account >= MAX_FAILURES_PER_ACCOUNT || rows[0].per_adres >= MAX_FAILURES_PER_ADDRESS;
}

export async function recordLoginAttempt(db: pg.Pool, email: string, adres: string, gelukt: boolean) {
  await db.query(`INSERT INTO login_poging (email, adres, gelukt) VALUES ($1, $2, $3)`, [email, adres, gelukt]);
}
