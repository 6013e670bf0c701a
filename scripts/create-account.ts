// Creates an account (e.g. the first beheerder) in the configured database.
// Usage: npm run account:create -- --email a@b.nl --naam "Naam" --rol beheerder [--gemeente Leiden]
// The password is read from the environment variable WACHTWOORD or asked for.
// The embedded database is owned by one process at a time: while the app runs on the
// same folder this script refuses, naming the process to stop first.
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline/promises';
import path from 'node:path';
import { DEFAULT_DATA_DIR, openDatabase, inTransaction, type Database } from '../server/db/database.ts';
import { createAccount } from '../server/accounts/service.ts';
import { MIN_PASSWORD_LENGTH, passwordProblem } from '../server/auth/password-policy.ts';
import { ROLES, type Role } from '../server/domain/roles.ts';

const { values } = parseArgs({
  options: { email: { type: 'string' }, naam: { type: 'string' }, rol: { type: 'string', default: 'beheerder' }, gemeente: { type: 'string' } },
});
if (!values.email || !values.naam || !ROLES.includes(values.rol as Role)) {
  console.error(`Gebruik: npm run account:create -- --email a@b.nl --naam "Naam" --rol ${ROLES.join('|')} [--gemeente Leiden]`);
  process.exit(2);
}
let wachtwoord = process.env.WACHTWOORD;
if (!wachtwoord) {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  wachtwoord = await rl.question(`Wachtwoord (minstens ${MIN_PASSWORD_LENGTH} tekens, geen veelgebruikt wachtwoord): `);
  rl.close();
}
// Refuse a weak password before opening (or creating) any database.
const problem = passwordProblem(wachtwoord, { email: values.email, naam: values.naam });
if (problem) {
  console.error(`Niet gelukt: ${problem.message}`);
  process.exit(1);
}

let db: Database | undefined;
try {
  db = await openDatabase({ url: process.env.DATABASE_URL || undefined, dataDir: path.resolve(process.env.PGLITE_DATA_DIR || DEFAULT_DATA_DIR) });
  const account = await inTransaction(db.pool, (client) =>
    createAccount(client, { email: values.email!, naam: values.naam!, rol: values.rol as Role, gemeente: values.gemeente, wachtwoord: wachtwoord! }));
  console.log(`Account aangemaakt: ${account.email} (${account.rol}${account.gemeente ? `, ${account.gemeente}` : ''})`);
} catch (err) {
  console.error(`Niet gelukt: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await db?.close();
}
