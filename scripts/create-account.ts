// Creates an account (e.g. the first beheerder) in the configured database.
// Usage: npm run account:create -- --email a@b.nl --naam "Naam" --rol beheerder [--gemeente Leiden]
// The password is read from the environment variable WACHTWOORD or asked for.
// With the embedded database, stop the app first: one process at a time owns data/pglite.
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline/promises';
import { openDatabase, inTransaction } from '../server/db/database.ts';
import { createAccount } from '../server/auth/accounts.ts';
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
  wachtwoord = await rl.question('Wachtwoord (minstens 12 tekens): ');
  rl.close();
}
const db = await openDatabase({ url: process.env.DATABASE_URL || undefined, dataDir: process.env.PGLITE_DATA_DIR ?? 'data/pglite' });
try {
  const account = await inTransaction(db.pool, (client) =>
    createAccount(client, { email: values.email!, naam: values.naam!, rol: values.rol as Role, gemeente: values.gemeente, wachtwoord: wachtwoord! }));
  console.log(`Account aangemaakt: ${account.email} (${account.rol}${account.gemeente ? `, ${account.gemeente}` : ''})`);
} catch (err) {
  console.error(`Niet gelukt: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await db.close();
}
