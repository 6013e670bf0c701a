// Named prepared statements (server/db/prepared.ts) on PostgreSQL: behind PgBouncer in
// transaction pooling before 1.21 a statement's name meets server connections that
// already have it ("already exists") or never had it ("does not exist"). The same
// refusal is made here on one real connection by preparing the name first in SQL.
import { afterAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../support/api.ts';
import { preparedQuery, statementName } from '../../server/db/prepared.ts';
import { tileForSession } from '../../server/tiles/queries.ts';
import { tileAttributes } from '../../server/tiles/attributes.ts';
import { tilesCovering } from '../../server/domain/tiles.ts';

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

describe.runIf(db.mode === 'postgres')('the tile statement (session, layer version and ST_AsMVT in one)', () => {
  // PostgreSQL plans a prepared statement anew on every run (a "custom plan") while the
  // plan made for its parameter values looks cheaper than the generic one. With the tile
  // envelope a constant to the planner it always did, and planning the statement (the
  // session's four joins with it) took longer than making a small tile.
  it('is planned once per connection: after the first runs PostgreSQL keeps one generic plan', async () => {
    const set = tileAttributes('kavels', 'stuurgroep');
    const eigen = await db.pool.connect();
    try {
      // A national number of kavels, with statistics: only then does a plan for one
      // tile's envelope look cheaper than the generic plan. A temporary table of that
      // name comes first on the search path (and goes with the connection).
      await eigen.query(`CREATE TEMP TABLE kavel (LIKE kavel INCLUDING ALL)`);
      await eigen.query(`
        INSERT INTO kavel (terrein_id, status, milieucategorie_max, geom, bron, geldig_vanaf)
        SELECT 1, 'beschikbaar', '3.1', ST_Multi(ST_MakeEnvelope(x, y, x + 80, y + 60, 28992)), 'test', DATE '2020-01-01'
        FROM generate_series(0, 99999) i, LATERAL (SELECT 13000 + (i % 316) * 840 AS x, 306000 + (i / 316) * 990 AS y) p`);
      await eigen.query('ANALYZE kavel');
      // Tiles all over the region (different parameters each run), as a map asks for them.
      const tiles = tilesCovering([4.35, 52.08, 4.6, 52.25], 14).slice(0, 12);
      expect(tiles.length).toBe(12);
      for (const coord of tiles) {
        await tileForSession(eigen, { tokenHash: 'geen-sessie', layer: 'kavels', set, coord, roles: ['stuurgroep'], have: [], mvt: true, prepare: true });
      }
      const { rows } = await eigen.query<{ generic_plans: string; custom_plans: string }>(
        `SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement LIKE '%ST_AsMVT%'`);
      expect(rows).toHaveLength(1);
      expect(Number(rows[0].generic_plans) + Number(rows[0].custom_plans)).toBe(12);
      expect(Number(rows[0].generic_plans), 'runs with the generic plan').toBeGreaterThanOrEqual(6);
    } finally {
      eigen.release(true);
    }
  }, 60_000);
});
