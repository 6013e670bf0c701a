// Test helpers: the real app on the test database, called in-process.
import { inject } from 'vitest';
import pg from 'pg';
import { createApp } from '../../server/app.ts';
import type { Database } from '../../server/db/database.ts';

export function testDatabase(): Database {
  const mode = inject('databaseMode');
  const pool = new pg.Pool({ connectionString: inject('databaseUrl'), max: mode === 'embedded' ? 1 : 5 });
  return { pool, mode, close: () => pool.end() };
}

export function testApp(db: Database) {
  const app = createApp({ db });
  return {
    app,
    get: async (url: string) => {
      const res = await app.request(url);
      return { status: res.status, body: (await res.json()) as any };
    },
  };
}
