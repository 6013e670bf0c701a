// What a matching test file changes in the shared test database, put back afterwards:
// the bedrijven, ruimtevragen and matches it made are removed, and every kavel's status
// and availability and the matching settings are as they were before the file ran.
import { afterAll, beforeAll } from 'vitest';
import type { Database } from '../../server/db/database.ts';
import { testApp, testDatabase } from './api.ts';

export async function rememberMatchingState(db: Database) {
  const one = async (sql: string) => (await db.pool.query(sql)).rows[0];
  const start: { bedrijf: number; ruimtevraag: number; match: number } = await one(
    `SELECT (SELECT coalesce(max(id), 0) FROM bedrijf)::int AS bedrijf, (SELECT coalesce(max(id), 0) FROM ruimtevraag)::int AS ruimtevraag,
            (SELECT coalesce(max(id), 0) FROM match)::int AS match`);
  const kavels: { id: number; status: string; beschikbaar_vanaf: string | null }[] =
    (await db.pool.query(`SELECT id, status, beschikbaar_vanaf FROM kavel ORDER BY id`)).rows;
  const instellingen: { sleutel: string; waarde: number }[] = (await db.pool.query(`SELECT sleutel, waarde FROM matching_instelling`)).rows;
  return {
    /** The highest ids before the file ran: records up to these are the seed's. */
    start,
    async restore() {
      await db.pool.query(`DELETE FROM match_stap WHERE match_id > $1`, [start.match]);
      await db.pool.query(`DELETE FROM match_kavel WHERE match_id > $1`, [start.match]);
      await db.pool.query(`DELETE FROM match WHERE id > $1`, [start.match]);
      await db.pool.query(`DELETE FROM ruimtevraag WHERE id > $1`, [start.ruimtevraag]);
      await db.pool.query(`UPDATE bedrijf SET huidige_kavel_id = NULL WHERE id > $1`, [start.bedrijf]);
      await db.pool.query(`DELETE FROM bedrijf WHERE id > $1`, [start.bedrijf]);
      for (const k of kavels) {
        await db.pool.query(
          `UPDATE kavel SET status = $2, beschikbaar_vanaf = $3 WHERE id = $1 AND (status <> $2 OR beschikbaar_vanaf IS DISTINCT FROM $3::date)`,
          [k.id, k.status, k.beschikbaar_vanaf]);
      }
      for (const i of instellingen) {
        await db.pool.query(`UPDATE matching_instelling SET waarde = $2 WHERE sleutel = $1 AND waarde <> $2`, [i.sleutel, i.waarde]);
      }
    },
  };
}

/**
 * A matching test file: its database and app, query helpers, and the matching state
 * kept before its tests and restored after them (the database closed).
 */
export function matchingTestFile() {
  const db = testDatabase();
  const api = testApp(db);
  let state: Awaited<ReturnType<typeof rememberMatchingState>>;
  beforeAll(async () => {
    state = await rememberMatchingState(db);
  });
  afterAll(async () => {
    await state.restore();
    await db.close();
  });
  return {
    db, api,
    one: async (sql: string, params: unknown[] = []): Promise<any> => (await db.pool.query(sql, params)).rows[0],
    all: async (sql: string, params: unknown[] = []): Promise<any[]> => (await db.pool.query(sql, params)).rows,
    /** The highest ids before the file ran. */
    start: () => state.start,
  };
}
