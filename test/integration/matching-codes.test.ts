// The enumerations of the register and matching are defined once, in
// server/domain/matching-codes.ts; the database repeats the stored ones as CHECK
// constraints. They must say the same, on either database.
import { afterAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../support/api.ts';
import { BESCHIKBARE_STATUS, GEBRUIKSPOSITIES, MATCH_STATUS, REDENEN, VRAAG_STATUS } from '../../server/domain/matching-codes.ts';

const db = testDatabase();
afterAll(() => db.close());

/** The values a column's CHECK constraint admits, read from pg_constraint. */
async function toegestaan(tabel: string, kolom: string): Promise<string[]> {
  const { rows } = await db.pool.query<{ def: string }>(
    `SELECT pg_get_constraintdef(c.oid) AS def
     FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
     WHERE c.contype = 'c' AND c.conrelid = $1::regclass AND a.attname = $2 AND cardinality(c.conkey) = 1`, [tabel, kolom]);
  expect(rows, `${tabel}.${kolom} has one CHECK constraint`).toHaveLength(1);
  return [...rows[0].def.matchAll(/'([^']*)'::text/g)].map((m) => m[1]).sort();
}

const gesorteerd = (xs: readonly string[]) => [...xs].sort();

describe('enumerations and CHECK constraints', () => {
  it.each([
    ['ruimtevraag', 'reden', REDENEN],
    ['ruimtevraag', 'status', VRAAG_STATUS],
    ['bedrijf', 'gebruikspositie', GEBRUIKSPOSITIES],
    ['match', 'status', MATCH_STATUS],
    ['match_stap', 'naar_status', MATCH_STATUS],
  ] as const)('%s.%s admits exactly the values the domain defines', async (tabel, kolom, waarden) => {
    expect(await toegestaan(tabel, kolom)).toEqual(gesorteerd(waarden));
  });

  it('knows every status the domain treats as a free kavel', async () => {
    const kavel = await toegestaan('kavel', 'status');
    for (const s of BESCHIKBARE_STATUS) expect(kavel).toContain(s);
  });
});
