// pg 8 warns, and pg 9 will refuse, when a client is given a query while another is
// still waiting for its turn on it. The embedded database's client
// (server/db/inline-params-client.ts) sent a named statement's PREPARE and EXECUTE as
// two queries at once on its first use, so any query that followed it found one waiting.
// pg warns once per process, so this test has its file (and its worker) to itself.
import { afterAll, expect, inject, it } from 'vitest';
import { embeddedPool } from '../../server/db/database.ts';
import { preparedQuery } from '../../server/db/prepared.ts';

const pool = embeddedPool(inject('databaseUrl'));
afterAll(() => pool.end());

const warnings: string[] = [];
process.on('warning', (w) => warnings.push(w.message));

it('prepares and runs a named statement on its first use as one query, so the next query never waits behind a second', async () => {
  const client = await pool.connect();
  try {
    const text = `SELECT $1::int + 1 AS n, ${Date.now()} AS run`;
    // A caller's next query, sent before the first use has answered.
    const [eerste, volgende] = await Promise.all([preparedQuery<{ n: number }>(client, text, [1]), client.query<{ m: number }>('SELECT 7 AS m')]);
    expect(eerste.rows).toEqual([expect.objectContaining({ n: 2 })]);
    expect(volgende.rows).toEqual([{ m: 7 }]);
    expect((await preparedQuery<{ n: number }>(client, text, [41])).rows).toEqual([expect.objectContaining({ n: 42 })]);
  } finally {
    client.release();
  }
  // Warnings are emitted on a later tick.
  await new Promise((r) => setImmediate(r));
  expect(warnings.filter((m) => m.includes('already executing'))).toEqual([]);
}, 60_000);
