// Fills an empty database with the region: real open data plus generated sample data.
import type pg from 'pg';
import { inTransaction } from '../server/db/database.ts';
import { deriveWatergebonden, loadGemeenten, loadPublishedFigures, loadTerreinen, loadWater } from './region.ts';
import { DEFAULT_SEED, generateSampleData } from './generate.ts';

export interface SeedResult {
  seeded: boolean;
  ms: number;
}

export async function seedIfEmpty(pool: pg.Pool, seed = DEFAULT_SEED): Promise<SeedResult> {
  const started = Date.now();
  const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM gemeente');
  if (rows[0].n > 0) return { seeded: false, ms: 0 };
  await inTransaction(pool, async (client) => {
    await client.query(`SELECT set_config('app.audit_reden', 'regiodata geladen', true)`);
    await loadGemeenten(client);
    await loadWater(client);
    await loadTerreinen(client);
    await deriveWatergebonden(client);
    await loadPublishedFigures(client);
    await generateSampleData(client, seed);
  });
  return { seeded: true, ms: Date.now() - started };
}
