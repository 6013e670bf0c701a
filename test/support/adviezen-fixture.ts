// Helpers for the adviezen tests: a stuurgroep meeting the adviezen go to, and records of
// the sample data an advies can concern.
import { afterAll, beforeAll, expect } from 'vitest';
import { testApp, testDatabase } from './api.ts';

/** The layers an advies can concern, each with its first record of the sample data. */
export interface SampleRecords { terrein: number; kavel: number; transformatie: number; compensatie: number }

/**
 * An adviezen test file: its database (closed after its tests) and app, the stuurgroep
 * meeting `meeting` made by the regisseur before the tests, and the lowest id of each layer
 * an advies can concern. `vergadering` and `sample` are filled in before the tests: read
 * them inside hooks and tests.
 */
export function adviezenTestFile(meeting: { datum: string; titel: string }) {
  const db = testDatabase();
  const api = testApp(db);
  afterAll(() => db.close());
  const vergadering = { id: 0, datum: '' };
  const sample: SampleRecords = { terrein: 0, kavel: 0, transformatie: 0, compensatie: 0 };
  beforeAll(async () => {
    const v = await (await api.as('regisseur')).send('POST', '/api/vergaderingen', { ...meeting, gremium: 'stuurgroep' });
    expect(v.status, JSON.stringify(v.body)).toBe(201);
    Object.assign(vergadering, v.body);
    for (const tabel of Object.keys(sample) as (keyof SampleRecords)[]) {
      sample[tabel] = (await db.pool.query<{ id: number }>(`SELECT min(id) AS id FROM ${tabel}`)).rows[0].id;
    }
  });
  return { db, api, vergadering, sample };
}
