// Each closed list of values defined in server/domain (the layers', and the register's and
// matching's in matching-codes.ts) is the one the database's CHECK constraint allows (read
// from pg_constraint), on whichever database the suite runs (embedded PGlite or
// PostgreSQL): the server's schemas, the editor's forms and the database cannot drift apart.
import { afterAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../support/api.ts';
import { KAVEL_STATUSSEN } from '../../server/domain/kavel-status.ts';
import { KOSTEN_CATEGORIEEN } from '../../server/domain/bijdrage.ts';
import { ROLES } from '../../server/domain/roles.ts';
import {
  COMPENSATIE_STATUSSEN, EIGENDOMMEN, GEBRUIKSPOSITIES, KANSZONE_SOORTEN, MILIEUCATEGORIE_CODE, NIEUWE_FUNCTIES, PARTIJ_ROLLEN,
  PLANSTATUSSEN, TRANSFORMATIE_STATUSSEN, TYPOLOGIEEN, VERVALLEN, WOONFUNCTIES,
} from '../../server/domain/layer-values.ts';
import {
  BESCHIKBARE_STATUS, MATCH_STATUS, REDENEN, VRAAG_STATUS,
} from '../../server/domain/matching-codes.ts';

const db = testDatabase();
afterAll(() => db.close());

/**
 * The values the CHECK constraint on `tabel.kolom` allows (`kolom IN (...)`, as PostgreSQL
 * stores it: `= ANY (ARRAY[...])`); the column must have exactly one single-column CHECK.
 */
async function checkValues(tabel: string, kolom: string): Promise<string[]> {
  const { rows } = await db.pool.query<{ def: string }>(
    `SELECT pg_get_constraintdef(c.oid) AS def
     FROM pg_constraint c
     JOIN pg_class t ON t.oid = c.conrelid
     JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = current_schema()
     JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = ANY (c.conkey)
     WHERE c.contype = 'c' AND t.relname = $1 AND a.attname = $2 AND array_length(c.conkey, 1) = 1`,
    [tabel, kolom],
  );
  expect(rows.map((r) => r.def), `${tabel}.${kolom} has one CHECK constraint`).toHaveLength(1);
  const values = [...rows[0].def.matchAll(/'([^']*)'::text/g)].map((m) => m[1]);
  expect(values, `${tabel}.${kolom}: ${rows[0].def}`).not.toHaveLength(0);
  return values;
}

describe('enumerations in server/domain equal the CHECK constraints', () => {
  it.each([
    ['kavel', 'status', KAVEL_STATUSSEN],
    ['kavel', 'planstatus', PLANSTATUSSEN],
    ['compensatie', 'planstatus', PLANSTATUSSEN],
    ['kavel', 'eigendom', EIGENDOMMEN],
    ['transformatie', 'status', TRANSFORMATIE_STATUSSEN],
    ['compensatie', 'status', COMPENSATIE_STATUSSEN],
    ['transformatie', 'nieuwe_functie', NIEUWE_FUNCTIES],
    ['kanszone', 'soort', KANSZONE_SOORTEN],
    ['terrein', 'typologie', TYPOLOGIEEN],
    ['bestuursovereenkomst_partij', 'rol', PARTIJ_ROLLEN],
    ['kostenpost', 'categorie', KOSTEN_CATEGORIEEN],
    ['bedrijf', 'gebruikspositie', GEBRUIKSPOSITIES],
    ['account', 'rol', ROLES],
    ['ruimtevraag', 'reden', REDENEN],
    ['ruimtevraag', 'status', VRAAG_STATUS],
    ['match', 'status', MATCH_STATUS],
    ['match_stap', 'naar_status', MATCH_STATUS],
  ] as const)('%s.%s', async (tabel, kolom, values) => {
    expect([...(await checkValues(tabel, kolom))].sort()).toEqual([...values].sort());
  });

  it('finds a changed list: a value the constraint does not allow is refused by the database', async () => {
    // The reading above is only worth something if the constraint really is what guards the column.
    const client = await db.pool.connect();
    try {
      await client.query('BEGIN');
      await expect(client.query(`UPDATE kavel SET status = 'verkocht' WHERE id = (SELECT min(id) FROM kavel)`)).rejects.toMatchObject({ code: '23514' });
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });

  it('keeps the sub-lists inside their lists', () => {
    expect(TRANSFORMATIE_STATUSSEN).toContain(VERVALLEN);
    expect(COMPENSATIE_STATUSSEN).toContain(VERVALLEN);
    for (const f of WOONFUNCTIES) expect(NIEUWE_FUNCTIES).toContain(f);
  });

  it('knows every status the domain treats as a free kavel', async () => {
    const kavel = await checkValues('kavel', 'status');
    for (const s of BESCHIKBARE_STATUS) expect(kavel).toContain(s);
  });

  it('matches every milieucategorie code of the reference table, and nothing else', async () => {
    const { rows } = await db.pool.query<{ code: string }>(`SELECT code FROM milieucategorie ORDER BY volgorde`);
    expect(rows.length).toBeGreaterThan(5);
    for (const { code } of rows) expect(code, code).toMatch(MILIEUCATEGORIE_CODE);
    for (const fout of ['3,1', '31', '3.', 'a', '3.1.2', '']) expect(MILIEUCATEGORIE_CODE.test(fout), fout).toBe(false);
  });
});
