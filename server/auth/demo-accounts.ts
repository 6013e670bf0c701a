// Demo accounts for the embedded database, one per role, created on first start
// with random passwords. The passwords are kept in a file inside the data folder, so
// that every start of that folder prints its own; never used with DATABASE_URL.
// The roles that need a second factor get one at once: its secret is printed with the
// password, to add to an authenticator app.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { createAccount, type NewAccount } from '../accounts/service.ts';
import { inTransaction } from '../db/database.ts';
import { tweedeFactorVerplicht } from '../domain/tweede-factor.ts';
import { setSecondFactor } from './service.ts';
import { newTotpSecret } from './totp.ts';

export interface DemoAccount {
  email: string;
  wachtwoord: string;
  rol: string;
  gemeente?: string;
  /** TOTP secret (base32) of the roles that need a second factor. */
  totp?: string;
}

const DEMO: Omit<NewAccount, 'wachtwoord'>[] = [
  { email: 'beheerder@demo.schuifruimte071.nl', naam: 'Demo Beheerder', rol: 'beheerder' },
  { email: 'regisseur@demo.schuifruimte071.nl', naam: 'Demo Regisseur', rol: 'regisseur' },
  { email: 'werkgroep.leiden@demo.schuifruimte071.nl', naam: 'Demo Werkgroep Leiden', rol: 'werkgroep', gemeente: 'Leiden' },
  { email: 'werkgroep.katwijk@demo.schuifruimte071.nl', naam: 'Demo Werkgroep Katwijk', rol: 'werkgroep', gemeente: 'Katwijk' },
  { email: 'stuurgroep@demo.schuifruimte071.nl', naam: 'Demo Stuurgroep', rol: 'stuurgroep' },
];

const DEMO_FILE = 'demo-accounts.json';
/** Where versions before the file moved into the data folder kept it (for data/pglite only). */
const LEGACY_FILE = 'data/demo-accounts.json';

/**
 * The demo-password file of the embedded database in `dataDir`: inside that folder, so a
 * second database elsewhere never overwrites it; `override` (DEMO_ACCOUNTS_FILE) wins.
 */
export function demoAccountsFile(dataDir: string, override?: string): string {
  if (override) return path.resolve(override);
  const file = path.join(path.resolve(dataDir), DEMO_FILE);
  if (!existsSync(file) && path.resolve(dataDir) === path.resolve('data/pglite') && existsSync(LEGACY_FILE)) {
    renameSync(LEGACY_FILE, file);
  }
  return file;
}

export async function ensureDemoAccounts(pool: pg.Pool, file: string): Promise<DemoAccount[]> {
  const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM account');
  if (rows[0].n > 0) return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as DemoAccount[]) : [];
  const accounts: DemoAccount[] = DEMO.map((a) => ({
    email: a.email, rol: a.rol, gemeente: a.gemeente ?? undefined, wachtwoord: randomBytes(12).toString('base64url'),
    totp: tweedeFactorVerplicht(a.rol) ? newTotpSecret() : undefined,
  }));
  await inTransaction(pool, async (client) => {
    for (const [i, a] of DEMO.entries()) {
      const { id } = await createAccount(client, { ...a, wachtwoord: accounts[i].wachtwoord });
      if (accounts[i].totp) await setSecondFactor(client, id, accounts[i].totp!);
    }
  });
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(accounts, null, 2), { mode: 0o600 });
  return accounts;
}
