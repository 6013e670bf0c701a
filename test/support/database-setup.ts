// Global setup of the integration suite: one real PostGIS database for all files,
// migrated and filled with the region data. Embedded PGlite in a fresh directory
// by default; TEST_DATABASE_URL points the same tests at a PostgreSQL server.
import type { TestProject } from 'vitest/node';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../server/db/embedded.ts';
import { migrate } from '../../server/db/migrate.ts';
import { embeddedPool } from '../../server/db/database.ts';
import { seedIfEmpty } from '../../geodata/load.ts';
import { createAccount } from '../../server/accounts/service.ts';
import { setSecondFactor } from '../../server/auth/service.ts';
import { tweedeFactorVerplicht } from '../../server/domain/tweede-factor.ts';
import { TEST_ACCOUNTS, TEST_PASSWORD, TEST_TOTP_SECRET } from './accounts.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    databaseMode: 'embedded' | 'postgres';
    /** A streaming replica of databaseUrl for read-only work (TEST_DATABASE_READ_URL), or ''. */
    databaseReadUrl: string;
  }
}

export default async function setup(project: TestProject) {
  let embedded: EmbeddedDatabase | undefined;
  let dataDir: string | undefined;
  let url = process.env.TEST_DATABASE_URL;
  if (url) {
    // Start from an empty schema so every run sees the same data.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;');
    await client.end();
  } else {
    dataDir = mkdtempSync(path.join(tmpdir(), 'schuifruimte-test-'));
    embedded = await startEmbeddedDatabase(dataDir);
    url = embedded.url;
  }
  const pool = embedded ? embeddedPool(url) : new pg.Pool({ connectionString: url, max: 1 });
  await migrate(pool);
  await seedIfEmpty(pool);
  for (const a of TEST_ACCOUNTS) {
    const { id } = await createAccount(pool, { ...a, wachtwoord: TEST_PASSWORD });
    if (tweedeFactorVerplicht(a.rol)) await setSecondFactor(pool, id, TEST_TOTP_SECRET);
  }
  await pool.end();

  project.provide('databaseUrl', url);
  project.provide('databaseMode', embedded ? 'embedded' : 'postgres');
  project.provide('databaseReadUrl', embedded ? '' : process.env.TEST_DATABASE_READ_URL ?? '');

  return async () => {
    await embedded?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
}
