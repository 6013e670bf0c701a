// The account table: creating accounts and looking them up.
import type pg from 'pg';
import type { Role } from '../domain/roles.ts';
import { hashPassword } from './passwords.ts';
import { passwordProblem } from './password-policy.ts';
import { ApiError } from '../http/errors.ts';

export interface Account {
  id: number;
  email: string;
  naam: string;
  rol: Role;
  gemeente_id: number | null;
  gemeente: string | null;
  actief: boolean;
}

type Queryable = pg.Pool | pg.PoolClient;

const SELECT = `SELECT a.id, a.email, a.naam, a.rol, a.gemeente_id, g.naam AS gemeente, a.actief
                FROM account a LEFT JOIN gemeente g ON g.id = a.gemeente_id`;

export async function listAccounts(db: Queryable): Promise<Account[]> {
  return (await db.query<Account>(`${SELECT} ORDER BY a.naam`)).rows;
}

export async function findAccountById(db: Queryable, id: number): Promise<Account | null> {
  return (await db.query<Account>(`${SELECT} WHERE a.id = $1`, [id])).rows[0] ?? null;
}

export async function findLogin(db: Queryable, email: string) {
  const { rows } = await db.query<Account & { wachtwoord_hash: string }>(
    `SELECT a.id, a.email, a.naam, a.rol, a.gemeente_id, g.naam AS gemeente, a.actief, a.wachtwoord_hash
     FROM account a LEFT JOIN gemeente g ON g.id = a.gemeente_id WHERE a.email = $1`,
    [email.trim().toLowerCase()],
  );
  return rows[0] ?? null;
}

export interface NewAccount {
  email: string;
  naam: string;
  rol: Role;
  gemeente?: string | null;
  wachtwoord: string;
}

export async function createAccount(db: Queryable, input: NewAccount): Promise<Account> {
  const problem = passwordProblem(input.wachtwoord, input);
  if (problem) throw new ApiError(400, problem.code, problem.message);
  let gemeenteId: number | null = null;
  if (input.rol === 'werkgroep') {
    const g = await db.query<{ id: number }>(`SELECT id FROM gemeente WHERE naam = $1 OR code = $1`, [input.gemeente ?? '']);
    if (!g.rows[0]) throw new ApiError(400, 'gemeente_onbekend', 'Een werkgroeplid hoort bij een van de zes gemeenten.');
    gemeenteId = g.rows[0].id;
  }
  const hash = await hashPassword(input.wachtwoord);
  try {
    const { rows } = await db.query<{ id: number }>(
      `INSERT INTO account (email, naam, rol, gemeente_id, wachtwoord_hash) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [input.email.trim().toLowerCase(), input.naam, input.rol, gemeenteId, hash],
    );
    return (await findAccountById(db, rows[0].id))!;
  } catch (err) {
    if ((err as { code?: string }).code === '23505') {
      throw new ApiError(409, 'email_bestaat', 'Er bestaat al een account met dit e-mailadres.');
    }
    throw err;
  }
}
