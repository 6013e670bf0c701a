// The embedded database's client inlines parameters as literals (see
// server/db/inline-params-client.ts). Whatever a user types must reach the
// database as exactly that value and come back unchanged: hostile text, quotes,
// backslashes, "$1" inside values, arrays, JSON, dates, bytes. The same client
// runs here against both databases (embedded PGlite and PostgreSQL).
import { afterAll, describe, expect, inject, it } from 'vitest';
import fc from 'fast-check';
import { embeddedPool } from '../../server/db/database.ts';
import { preparedQuery, statementName } from '../../server/db/prepared.ts';

// One connection through the inline-parameter client, as the app's embedded pool.
const pool = embeddedPool(inject('databaseUrl'));
afterAll(() => pool.end());

const roundTrip = async (sql: string, value: unknown) => (await pool.query(sql, [value])).rows[0].v;

// NUL cannot be stored in PostgreSQL text; it is tested on its own below.
const noNul = (s: string) => !s.includes('\u0000');
const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }).filter(noNul),
  fc.constantFrom(
    "O'Brien", "''", "\\", "\\'", "E'\\x00'", "'; DROP TABLE gemeente; --", "x' OR '1'='1", '$1', '$2 $1 $$', '$$ $1 $$',
    '$tag$ x $tag$', '-- comment', '/* $1 */', '"quoted"', '\\x41', 'C:\\pad\\naar\\bestand', '\n\r\t', '😀 é ß ĳ', '‮rtl',
  ),
  fc.array(fc.constantFrom("'", '\\', '$', '1', '"', '-', '/', '*', ' ', 'a', '\n', 'E', '{', '}', ','), { maxLength: 20 }).map((a) => a.join('')),
);

describe('inline-parameter client: values come back unchanged', () => {
  it('text, whatever it contains', async () => {
    await fc.assert(
      fc.asyncProperty(hostileText, async (s) => {
        expect(await roundTrip('SELECT $1::text AS v', s)).toBe(s);
      }),
      { numRuns: 300, seed: 71 },
    );
  }, 60_000);

  it('several parameters whose values look like parameters, next to literals and comments that mention them', async () => {
    const { rows } = await pool.query(
      `SELECT $1::text AS a, '$1' AS literal, $2::text AS b, $$ $2 $$ AS dollar, $3::text AS "$3" -- $1 here stays
       FROM (SELECT 1) x /* $2 there too */`,
      ['$2', '$1', "'$3'"],
    );
    expect(rows[0]).toEqual({ a: '$2', literal: '$1', b: '$1', dollar: ' $2 ', $3: "'$3'" });
  }, 60_000);

  it('arrays of text (quotes, commas, braces, "NULL", empty strings and real nulls) and nested numbers', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.option(hostileText, { nil: null }), { maxLength: 8 }), async (list) => {
        expect(await roundTrip('SELECT $1::text[] AS v', list)).toEqual(list);
      }),
      { numRuns: 150, seed: 71 },
    );
    expect(await roundTrip('SELECT $1::text[] AS v', ['NULL', '', '{}', 'a,b', '"', null])).toEqual(['NULL', '', '{}', 'a,b', '"', null]);
    expect(await roundTrip('SELECT $1::int[] AS v', [[1, 2], [3, 4]])).toEqual([[1, 2], [3, 4]]);
  }, 60_000);

  it('JSON documents', async () => {
    const json = fc.jsonValue({ maxDepth: 3 }).filter((v) => noNul(JSON.stringify(v)) && !JSON.stringify(v).includes('__proto__'));
    await fc.assert(
      fc.asyncProperty(json, async (v) => {
        // JSON.stringify is how an object becomes a parameter; -0 has no JSON form.
        expect(await roundTrip('SELECT $1::jsonb AS v', JSON.stringify(v))).toEqual(JSON.parse(JSON.stringify(v)));
      }),
      { numRuns: 200, seed: 71 },
    );
    const doc = { naam: "Kavel 't Heen \\ \"A\" $1", tags: ['$2', null], geom: { type: 'Point', coordinates: [4.48, 52.16] } };
    expect(await roundTrip('SELECT $1::jsonb AS v', doc)).toEqual(doc);
  }, 60_000);

  it('dates and timestamps, numbers and booleans', async () => {
    await fc.assert(
      fc.asyncProperty(fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true }), async (d) => {
        expect((await roundTrip('SELECT $1::timestamptz AS v', d)).toISOString()).toBe(d.toISOString());
      }),
      { numRuns: 150, seed: 71 },
    );
    await fc.assert(
      fc.asyncProperty(fc.double().filter((x) => !Object.is(x, -0)), async (x) => {
        const back = await roundTrip('SELECT $1::float8 AS v', x);
        expect(Number.isNaN(x) ? Number.isNaN(back) : back === x).toBe(true);
      }),
      { numRuns: 200, seed: 71 },
    );
    expect(await roundTrip('SELECT $1::bigint::text AS v', 9007199254740993n)).toBe('9007199254740993');
    expect(await roundTrip('SELECT $1::boolean AS v', false)).toBe(false);
    expect(await roundTrip('SELECT $1::text AS v', null)).toBeNull();
    expect(await roundTrip('SELECT $1::text AS v', undefined)).toBeNull();
  }, 60_000);

  it('bytes (Buffers), including NUL bytes, quotes and backslashes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 64 }), async (bytes) => {
        const buf = Buffer.from(bytes);
        expect(Buffer.compare(await roundTrip('SELECT $1::bytea AS v', buf), buf)).toBe(0);
      }),
      { numRuns: 150, seed: 71 },
    );
    const hostile = Buffer.from("\u0000'\\$1\u0000", 'latin1');
    expect(Buffer.compare(await roundTrip('SELECT $1::bytea AS v', hostile), hostile)).toBe(0);
  }, 60_000);

  it('writes what it reads: a hostile value stored in a table is found by an equality lookup, and the table survives', async () => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('CREATE TEMP TABLE inline_probe (t text, j jsonb, b bytea) ON COMMIT DROP');
      const values = ["'; DROP TABLE inline_probe; --", '$1', '\\', "it's"];
      for (const v of values) await client.query('INSERT INTO inline_probe (t, j, b) VALUES ($1, $2, $3)', [v, { v }, Buffer.from(v)]);
      for (const v of values) {
        const { rows } = await client.query('SELECT t, j, b FROM inline_probe WHERE t = $1 AND j = $2 AND b = $3', [v, { v }, Buffer.from(v)]);
        expect(rows).toHaveLength(1);
      }
      expect((await client.query('SELECT count(*)::int AS n FROM inline_probe')).rows[0].n).toBe(values.length);
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
  }, 60_000);
});

describe('inline-parameter client: NUL in text', () => {
  // PostgreSQL cannot store NUL (U+0000) in text or jsonb. Expected: a clean error
  // with an SQLSTATE the API can map to a 400 (08P01 "invalid message format" for
  // text, 22P05 for jsonb, on both databases today), nothing written, and the one
  // connection of the embedded pool still in step afterwards.
  it('refuses NUL in text and in JSON with an SQLSTATE, writes nothing, and keeps the connection usable inside a transaction', async () => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('CREATE TEMP TABLE nul_probe (t text) ON COMMIT DROP');
      await client.query('INSERT INTO nul_probe VALUES ($1)', ['voor']);
      const refused = await client.query('INSERT INTO nul_probe VALUES ($1)', ['a\u0000b']).then(() => null, (e: { code?: string }) => e);
      expect(refused, 'NUL in text was accepted').not.toBeNull();
      expect(refused!.code).toMatch(/^[0-9A-Z]{5}$/);
      await client.query('ROLLBACK');
      // In step: every reply belongs to its own query.
      for (const v of ['een', 'twee', '$1']) expect((await client.query('SELECT $1::text AS v', [v])).rows[0].v).toBe(v);
      const json = await client.query('SELECT $1::jsonb AS v', [{ naam: 'x\u0000y' }]).then(() => null, (e: { code?: string }) => e);
      expect(json, 'NUL in JSON was accepted').not.toBeNull();
      expect(json!.code).toMatch(/^[0-9A-Z]{5}$/);
      expect((await client.query('SELECT $1::text AS v', ['daarna'])).rows[0].v).toBe('daarna');
      expect((await client.query(`SELECT to_regclass('pg_temp.nul_probe') IS NULL AS weg`)).rows[0].weg).toBe(true);
    } finally {
      client.release();
    }
  }, 60_000);
});

describe('inline-parameter client: named statements', () => {
  // A text of its own per run: the embedded database is one session for every connection.
  const run = Date.now();
  const text = `SELECT $1::text AS v, $2::int + 1 AS n, ${run} AS run`;
  const name = statementName(text);
  const prepared = async (client: Pick<typeof pool, 'query'>, naam = name) =>
    (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_prepared_statements WHERE name = $1`, [naam])).rows[0].n;
  /** How often the statement was executed (its plans, PostgreSQL 14 and later). */
  const uitgevoerd = async (client: Pick<typeof pool, 'query'>, naam: string) =>
    (await client.query<{ n: number }>(`SELECT (generic_plans + custom_plans)::int AS n FROM pg_prepared_statements WHERE name = $1`, [naam])).rows[0]?.n ?? 0;

  it('are prepared once and executed with each call\'s own values, hostile text included', async () => {
    const client = await pool.connect();
    try {
      await fc.assert(
        fc.asyncProperty(hostileText, fc.integer({ min: -1000, max: 1000 }), async (s, i) => {
          const { rows } = await preparedQuery<{ v: string; n: number }>(client, text, [s, i]);
          expect(rows[0]).toMatchObject({ v: s, n: i + 1 });
        }),
        { numRuns: 100, seed: 72 },
      );
      expect(await prepared(client), 'the statement is prepared on the connection').toBe(1);
    } finally {
      client.release();
    }
    // Through the pool, which hands the client a callback.
    expect((await preparedQuery<{ v: string; n: number }>(pool, text, ['pool', 1])).rows[0]).toMatchObject({ v: 'pool', n: 2 });
  }, 60_000);

  it('survive a failed transaction, a statement prepared before the connection knew it, and one deallocated meanwhile', async () => {
    // Texts no connection has used yet.
    const eerst = `SELECT $1::text AS v, ${run} AS run, 'eerst' AS t`;
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT 1/0').catch(() => undefined);
      // First use inside a failed transaction: refused, and tried again after it.
      await expect(preparedQuery(client, eerst, ['a'])).rejects.toMatchObject({ code: '25P02' });
      await client.query('ROLLBACK');
      // A statement PostgreSQL cannot prepare: its own error, not the EXECUTE's "does not exist".
      await expect(preparedQuery(client, `SELEC $1 ${run}`, ['x'])).rejects.toMatchObject({ code: '42601' });
      expect((await preparedQuery<{ v: string }>(client, eerst, ['na rollback'])).rows[0].v).toBe('na rollback');
      // Deallocated behind the client's back: prepared again.
      await client.query(`DEALLOCATE ${statementName(eerst)}`);
      expect((await preparedQuery<{ v: string }>(client, eerst, ['opnieuw'])).rows[0].v).toBe('opnieuw');
      expect(await uitgevoerd(client, statementName(eerst)), 'executed as a prepared statement').toBe(1);
    } finally {
      client.release(true);
    }
    // A new connection to a session that already has the statement (the embedded database's one session).
    const bekend = `SELECT $1::int + 1 AS n, ${run} AS run, 'bekend' AS t`;
    const ander = await pool.connect();
    try {
      await ander.query(`PREPARE ${statementName(bekend)} AS ${bekend}`);
      expect((await preparedQuery<{ n: number }>(ander, bekend, [41])).rows[0].n).toBe(42);
      expect((await preparedQuery<{ n: number }>(ander, bekend, [9])).rows[0].n).toBe(10);
      expect(await uitgevoerd(ander, statementName(bekend)), 'the statement the session had was executed').toBe(2);
    } finally {
      ander.release();
    }
  }, 60_000);

  it('first used inside a transaction when the session already has it, leave the transaction usable', async () => {
    const binnen = `SELECT $1::int * 2 AS n, ${run} AS run, 'binnen' AS t`;
    // The session has the statement, this connection does not know it yet (another connection prepared it).
    const eerste = await pool.connect();
    try {
      await eerste.query(`PREPARE ${statementName(binnen)} AS ${binnen}`);
    } finally {
      eerste.release(true);
    }
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`CREATE TEMP TABLE binnen_${run} (n int) ON COMMIT DROP`);
      expect((await preparedQuery<{ n: number }>(client, binnen, [21])).rows[0].n).toBe(42);
      // Had the statement been prepared again, "already exists" would have aborted the transaction.
      await client.query(`INSERT INTO binnen_${run} VALUES (1)`);
      expect((await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM binnen_${run}`)).rows[0].n).toBe(1);
      await client.query('COMMIT');
    } finally {
      client.release(true);
    }
  }, 60_000);
});
