// Named prepared statements (server/db/prepared.ts) on PostgreSQL: behind PgBouncer in
// transaction pooling before 1.21 a statement's name meets server connections that
// already have it ("already exists") or never had it ("does not exist"). The same
// refusal is made here on one real connection by preparing the name first in SQL.
import { afterAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../support/api.ts';
import { preparedQuery, statementName } from '../../server/db/prepared.ts';

const db = testDatabase();
afterAll(async () => db.close());

describe.runIf(db.mode === 'postgres')('prepared statements', () => {
  it('are planned once per connection, and go on unnamed where a pooler refuses them', async () => {
    const text = 'SELECT $1::int + 1 AS x';
    const eigen = await db.pool.connect();
    try {
      expect((await preparedQuery<{ x: number }>(eigen, text, [1])).rows).toEqual([{ x: 2 }]);
      const { rows } = await eigen.query(`SELECT name FROM pg_prepared_statements WHERE name = $1`, [statementName(text)]);
      expect(rows, 'the statement is prepared on the connection').toHaveLength(1);
    } finally {
      eigen.release(true);
    }

    const ander = await db.pool.connect();
    try {
      // As a pooled server connection that another client prepared the name on.
      await ander.query(`PREPARE ${statementName(text)} (int) AS SELECT $1 - 1 AS x`);
      expect((await preparedQuery<{ x: number }>(ander, text, [41])).rows).toEqual([{ x: 42 }]);
      expect((await preparedQuery<{ x: number }>(ander, text, [9])).rows).toEqual([{ x: 10 }]);
    } finally {
      ander.release(true);
    }
  });
});
